"""The point server's own TLS certificate: made once, kept in the data folder.

Stations pin it at pairing (netpoint.common.pinning), so it needs no certificate authority.
"""

import datetime
from pathlib import Path
from typing import NamedTuple

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from netpoint.common.pinning import fingerprint

YEARS = 20


def certificate_paths(data_dir: Path) -> tuple[Path, Path]:
    return data_dir / "tls" / "server.crt", data_dir / "tls" / "server.key"


def ensure_certificate(data_dir: Path) -> tuple[Path, Path]:
    cert_path, key_path = certificate_paths(data_dir)
    if cert_path.exists() and key_path.exists():
        return cert_path, key_path
    cert_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Netpoint point server")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365 * YEARS))
        # Its own authority: the stations trust exactly this certificate.
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return cert_path, key_path


def current_fingerprint(data_dir: Path) -> str | None:
    cert_path, _key = certificate_paths(data_dir)
    return fingerprint(cert_path.read_text()) if cert_path.exists() else None


class ServedCertificate(NamedTuple):
    certificate: Path
    key: Path
    fingerprint: str


def served(data_dir: Path) -> ServedCertificate:
    """The certificate `netpoint serve --tls` serves, made on first use."""
    certificate, key = ensure_certificate(data_dir)
    return ServedCertificate(certificate, key, current_fingerprint(data_dir))
