"""What the hotspots' access controllers send to the portal and what they expect back: pure
functions, no database.

openNDS FAS (docs/source/fas.rst of openNDS): at level 1 the `fas` parameter is base64 of a
"name=value, name=value" list; at levels 2 and 3 that list is AES-256-CBC encrypted with the
hotspot's faskey (used as the key as PHP's openssl does: NUL padded to 32 bytes) and the `iv`
parameter (16 characters), then base64 encoded twice (openssl's own base64 output, encoded again
for the query string). The gateway lets the client on when given tok = sha256(hid + faskey):
at level 1 the browser carries it to http://gatewayaddress/authdir/?tok=..&redir=..; at level 3
the gateway's authmon daemon collects it from the FAS.

CoovaChilli UAM (its hotspotlogin reference): the portal gets res, uamip, uamport, challenge,
mac, ip, userurl...; the browser logs on at http://uamip:uamport/logon with the user name and
either a PAP password (password XOR md5(challenge + uamsecret)) or a CHAP response
(md5(id 0 + password + md5(challenge + uamsecret))). With a uamsecret, chilli ends the URL it
sends the browser to with md = MD5(the URL before "&md=" + uamsecret) in upper-case hex (its
redir.c), so the portal can tell its parameters from ones a client made up."""

import base64
import binascii
import hashlib
import hmac
import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlencode

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

# A query string is not a place for megabytes: openNDS sends a few hundred bytes.
MAX_FAS_LENGTH = 4096
HEX_CHALLENGE = re.compile(r"^[0-9a-fA-F]{32}$")
AUTHDIR = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class ControllerError(ValueError):
    """What the controller sent cannot be read; the message says why, without the data."""


def _address_with_port(text: str) -> str:
    """host:port of a gateway as openNDS and Chilli give it, only an IP address: the browser is
    sent there, and a host name would let a forged request send it anywhere."""
    host, _, port = text.rpartition(":")
    if not host:
        host, port = text, ""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        raise ControllerError("gateway address is not an IP address") from None
    if port and not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        raise ControllerError("gateway port is not a port number")
    return f"{host}:{port}" if port else host


# --- openNDS -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FasClient:
    """The client openNDS forwarded to us."""

    hid: str
    client_ip: str
    client_mac: str
    gateway_name: str
    gateway_address: str
    authdir: str
    origin_url: str

    @property
    def gateway_hash(self) -> str:
        """How authmon names its gateway when it polls: sha256 of the gateway name."""
        return hashlib.sha256(self.gateway_name.strip().encode()).hexdigest()


def parse_fas_list(text: str) -> FasClient:
    fields = {}
    for item in text.split(", "):
        name, sep, value = item.partition("=")
        if sep:
            fields.setdefault(name.strip(), value.strip())
    missing = [n for n in ("hid", "gatewayaddress") if not fields.get(n)]
    if missing:
        raise ControllerError(f"fas lacks {', '.join(missing)}")
    if not re.fullmatch(r"[0-9A-Za-z]{8,128}", fields["hid"]):
        raise ControllerError("fas hid is not a hash id")
    authdir = fields.get("authdir") or "opennds_auth"
    if not AUTHDIR.match(authdir):
        raise ControllerError("fas authdir is not a path segment")
    return FasClient(
        hid=fields["hid"],
        client_ip=fields.get("clientip", ""),
        client_mac=fields.get("clientmac", ""),
        gateway_name=unquote(fields.get("gatewayname", "")),
        gateway_address=_address_with_port(fields["gatewayaddress"]),
        authdir=authdir,
        origin_url=unquote(fields.get("originurl", "")),
    )


def _b64(text: str) -> bytes:
    try:
        return base64.b64decode(text.strip().replace(" ", "+"), validate=True)
    except (binascii.Error, ValueError):
        raise ControllerError("fas is not base64") from None


def decode_fas_level1(fas: str) -> FasClient:
    if not fas or len(fas) > MAX_FAS_LENGTH:
        raise ControllerError("fas is missing or too long")
    try:
        text = _b64(fas).decode("utf-8")
    except UnicodeDecodeError:
        raise ControllerError("fas is not text") from None
    return parse_fas_list(text)


def _aes_key(faskey: str) -> bytes:
    key = faskey.encode()
    if not key or len(key) > 32:
        raise ControllerError("faskey must be 1 to 32 bytes")
    return key.ljust(32, b"\0")


def decode_fas_level3(fas: str, iv: str, faskey: str) -> FasClient:
    if not fas or len(fas) > MAX_FAS_LENGTH:
        raise ControllerError("fas is missing or too long")
    iv_bytes = (iv or "").encode()
    if len(iv_bytes) != 16:
        raise ControllerError("iv must be 16 characters")
    sealed = _b64(_b64(fas).decode("ascii", errors="replace"))
    if not sealed or len(sealed) % 16:
        raise ControllerError("fas is not whole AES blocks")
    decryptor = Cipher(algorithms.AES(_aes_key(faskey)), modes.CBC(iv_bytes)).decryptor()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        clear = unpadder.update(decryptor.update(sealed) + decryptor.finalize())
        text = (clear + unpadder.finalize()).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        # Wrong faskey or iv, or a forged fas: the padding or the text does not come out.
        raise ControllerError("fas does not decrypt with this hotspot's faskey") from None
    return parse_fas_list(text)


def encode_fas_level3(text: str, iv: str, faskey: str) -> str:
    """What openNDS sends at levels 2 and 3 (the tests play openNDS with it)."""
    padder = padding.PKCS7(128).padder()
    data = padder.update(text.encode()) + padder.finalize()
    encryptor = Cipher(algorithms.AES(_aes_key(faskey)), modes.CBC(iv.encode())).encryptor()
    inner = base64.b64encode(encryptor.update(data) + encryptor.finalize())
    return base64.b64encode(inner).decode()


def fas_token(hid: str, faskey: str) -> str:
    return hashlib.sha256((hid + faskey).encode()).hexdigest()


def fas_auth_url(client: FasClient, faskey: str, redirect: str) -> str:
    tok = fas_token(client.hid, faskey)
    return f"http://{client.gateway_address}/{client.authdir}/?" + urlencode(
        {"tok": tok, "redir": redirect}, quote_via=quote
    )


def authmon_line(rhid: str, session_minutes: int, custom: str) -> str:
    """One client in the list authmon collects: rhid, session length (minutes), upload and
    download rate (kbit/s) and quota (kB), 0 for none, and a custom string for BinAuth."""
    return quote(f"{rhid} {session_minutes} 0 0 0 0 {quote(custom, safe='')}", safe="")


def authmon_answer(lines: list[str]) -> str:
    return " ".join(["*", *lines])


# --- CoovaChilli ---------------------------------------------------------------------------


@dataclass(frozen=True)
class UamClient:
    """The client CoovaChilli sent to the portal (res=notyet and friends)."""

    res: str
    uamip: str
    uamport: int
    challenge: str
    mac: str
    ip: str
    nasid: str
    userurl: str
    reply: str


UAM_RESULTS = {"notyet", "success", "failed", "logoff", "already", "popup1", "popup2", "popup3"}


def parse_uam(query) -> UamClient:
    res = query.get("res", "")
    if res not in UAM_RESULTS:
        raise ControllerError("res is not a CoovaChilli result")
    uamip = query.get("uamip", "")
    port = query.get("uamport", "")
    challenge = query.get("challenge", "")
    if res == "notyet":
        if not HEX_CHALLENGE.match(challenge):
            raise ControllerError("challenge is not 16 bytes in hex")
        try:
            ipaddress.ip_address(uamip)
        except ValueError:
            raise ControllerError("uamip is not an IP address") from None
        if not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
            raise ControllerError("uamport is not a port number")
    return UamClient(
        res=res,
        uamip=uamip,
        uamport=int(port) if port.isascii() and port.isdigit() else 0,
        challenge=challenge.lower(),
        mac=query.get("mac", ""),
        ip=query.get("ip", ""),
        nasid=query.get("nasid", "")[:64],
        userurl=query.get("userurl", "")[:1000],
        reply=query.get("reply", "")[:200],
    )


HEX_MD = re.compile(r"^[0-9A-Fa-f]{32}$")


def _uam_md(head: str, uamsecret: str) -> str:
    return hashlib.md5((head + uamsecret).encode()).hexdigest().upper()  # noqa: S324 - chilli's


def uam_url_signed(url: str, uamsecret: str) -> bool:
    """Whether `url` (as the browser asked for it) is one chilli signed with `uamsecret`."""
    head, found, md = url.rpartition("&md=")
    if not found or not HEX_MD.match(md):
        return False
    return hmac.compare_digest(_uam_md(head, uamsecret), md.upper())


def sign_uam_url(url: str, uamsecret: str) -> str:
    """`url` signed as chilli signs the URL it redirects a client to."""
    return f"{url}&md={_uam_md(url, uamsecret)}"


def uam_challenge(challenge_hex: str, uamsecret: str) -> bytes:
    challenge = bytes.fromhex(challenge_hex)
    if uamsecret:
        return hashlib.md5(challenge + uamsecret.encode()).digest()  # noqa: S324 - UAM's own
    return challenge


def pap_password(password: str, challenge_hex: str, uamsecret: str) -> str:
    """The hex PAP password chilli expects: the password XOR the (secret-mixed) challenge.
    Like the reference, only 16 bytes go through, so passwords must be at most 16 bytes."""
    clear = password.encode()
    if len(clear) > 16:
        raise ControllerError("a UAM PAP password is at most 16 bytes")
    key = uam_challenge(challenge_hex, uamsecret)
    return bytes(a ^ b for a, b in zip(clear.ljust(16, b"\0"), key, strict=True)).hex()


def chap_response(password: str, challenge_hex: str, uamsecret: str) -> str:
    key = uam_challenge(challenge_hex, uamsecret)
    return hashlib.md5(b"\0" + password.encode() + key).hexdigest()  # noqa: S324 - RFC 1994


def uam_logon_url(
    client: UamClient, username: str, password: str, uamsecret: str, chap: bool
) -> str:
    params = {"username": username}
    if chap:
        params["response"] = chap_response(password, client.challenge, uamsecret)
    else:
        params["password"] = pap_password(password, client.challenge, uamsecret)
    if client.userurl:
        params["userurl"] = client.userurl
    return f"http://{client.uamip}:{client.uamport}/logon?" + urlencode(params, quote_via=quote)
