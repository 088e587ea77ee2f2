"""Pinning the point server's certificate at pairing, with the pairing code as the witness.

The station never sends the code itself over the wire: it sends a proof that binds the code to
the certificate it sees. A machine in the middle, showing its own certificate, gets a proof for
that certificate, which the real point server refuses. After pairing the station trusts that
one certificate and nothing else. Standard library only: this runs on every station PC.
"""

import hashlib
import hmac
import ssl


def normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_hash(code: str) -> str:
    return hashlib.sha256(normalize_code(code).encode()).hexdigest()


def fingerprint(certificate_pem: str) -> str:
    return hashlib.sha256(ssl.PEM_cert_to_DER_cert(certificate_pem)).hexdigest()


def proof(code_digest: str, certificate_fingerprint: str) -> str:
    return hmac.new(code_digest.encode(), certificate_fingerprint.encode(), "sha256").hexdigest()


def pinned_context(certificate_pem: str) -> ssl.SSLContext:
    """Trusts exactly this certificate; the name in it does not matter, its bytes do."""
    context = ssl.create_default_context(cadata=certificate_pem)
    context.check_hostname = False
    return context
