"""The station's conversation with the point server, without a screen.

The lock-screen window and `netpoint station --headless` both drive this class. Tokens and
passwords travel in headers and bodies only, never in a URL, and are never logged.
"""

import json
import re
import secrets
import socket
import ssl
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from netpoint.common import pinning
from netpoint.station_client import config, nic
from netpoint.station_client.lockstate import LastWord, Screen, screen

VERSION = "0.1.0"


class Refused(Exception):
    """The point server answered with a refusal; the message is for the person at the PC."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Registration:
    """Where asking to be paired again stands (StationClient.register)."""

    status: str  # "pending": the cashier has not approved yet; "approved": paired now
    station: str | None  # the point's name for this PC, when it knows it


def own_mac(server: str) -> str:
    """The MAC of the card this PC reaches `server` through, as the point shows it
    (AA:BB:CC:DD:EE:FF); uuid's guess of a card when that one has none to tell (loopback)."""
    mac = nic.mac_towards_server(server)
    if mac:
        return mac.upper()
    node = uuid.getnode()
    return ":".join(f"{(node >> shift) & 0xFF:02X}" for shift in range(40, -1, -8))


def own_hostname() -> str:
    """The host name in the characters the point accepts (a NetBIOS name may hold others)."""
    name = re.sub(r"[^A-Za-z0-9._-]", "", socket.gethostname()).lstrip("._-")
    return name[:63]


class StationClient:
    def __init__(
        self,
        config_path: Path,
        server: str | None = None,
        fail_closed_after: float | None = 300.0,
        timeout: float = 5.0,
        monotonic=time.monotonic,
    ):
        self.config_path = config_path
        self.settings = config.load(config_path)
        if server:
            self.settings["server"] = server.rstrip("/")
        self.fail_closed_after = fail_closed_after
        self.timeout = timeout
        self.monotonic = monotonic
        self.last: LastWord | None = None
        self.state: dict | None = None  # the point server's last full answer
        self.shown_messages: list[int] = []
        # Asking to be paired again: the secret lives in memory only; a restart asks anew.
        self.registration_secret: str | None = None

    @property
    def paired(self) -> bool:
        return bool(self.settings.get("token"))

    def _tls(self) -> ssl.SSLContext | None:
        if not self.settings["server"].startswith("https://"):
            return None  # plain HTTP: a test bench or a LAN the café trusts
        if not self.settings.get("certificate"):
            raise Refused(0, "Máy trạm chưa ghép với máy chủ này; hãy ghép máy lại.")
        return pinning.pinned_context(self.settings["certificate"])

    def _call(
        self,
        method: str,
        path: str,
        body: dict | None = None,
        auth: bool = True,
        context: ssl.SSLContext | None = None,
    ) -> dict:
        headers = {"Content-Type": "application/json"}
        if auth:
            headers["Authorization"] = f"Bearer {self.settings.get('token', '')}"
        request = urllib.request.Request(  # noqa: S310 - the café's own server, http or https
            f"{self.settings['server']}/api/station{path}",
            data=json.dumps(body).encode() if body is not None else None,
            headers=headers,
            method=method,
        )
        try:
            context = context or self._tls()
            with urllib.request.urlopen(  # noqa: S310
                request, timeout=self.timeout, context=context
            ) as response:
                return json.load(response)
        except urllib.error.HTTPError as err:
            try:
                message = json.load(err).get("message", "")
            except ValueError:
                message = ""
            raise Refused(err.code, message or f"HTTP {err.code}") from None

    def pair(self, code: str) -> str:
        url = urlsplit(self.settings["server"])
        # The card this PC reaches the point through: the gate lets it out only from there.
        mac = nic.mac_towards_server(self.settings["server"])
        said = {"mac": mac} if mac else {}
        if url.scheme == "https":
            # See the certificate, prove the code for exactly it, and trust only it from now on.
            certificate = ssl.get_server_certificate((url.hostname, url.port or 443))
            proof = pinning.proof(pinning.code_hash(code), pinning.fingerprint(certificate))
            answer = self._call(
                "POST",
                "/pair",
                {"proof": proof, **said},
                auth=False,
                context=pinning.pinned_context(certificate),
            )
            self.settings["certificate"] = certificate
        else:
            answer = self._call("POST", "/pair", {"code": code, **said}, auth=False)
        self.settings["token"] = answer["token"]
        self.settings["station"] = answer["station"]["name"]
        config.save(self.config_path, self.settings)
        return answer["station"]["name"]

    def register(self, mac: str | None = None, hostname: str | None = None) -> Registration:
        """Pair again without a code (a frozen or diskless disk lost the token at boot).

        The first call asks the point, with this PC's MAC, host name and a new random secret;
        each later call asks after the request, until the cashier approves it on the grid and
        the token comes back (once, to the holder of the secret). A request that expired or
        that the point no longer knows is asked again. Call it every poll while not paired.
        """
        if self.registration_secret is None:
            secret = secrets.token_urlsafe(32)
            body = {
                "mac": mac or self.settings.get("mac") or own_mac(self.settings["server"]),
                "hostname": own_hostname() if hostname is None else hostname,
                "secret": secret,
            }
            answer = self._call("POST", "/register", body, auth=False, context=self._tofu())
            self.registration_secret = secret
            return Registration("pending", (answer.get("station") or {}).get("name"))
        try:
            answer = self._call(
                "POST",
                "/register/status",
                {"secret": self.registration_secret},
                auth=False,
                context=self._tofu(),
            )
        except Refused as refused:
            if refused.status in (403, 404):  # forgotten, or asked from another address
                self.registration_secret = None
            raise
        if answer["status"] == "expired":
            self.registration_secret = None
            return self.register(mac, hostname)
        station = (answer.get("station") or {}).get("name")
        if answer["status"] != "approved":
            return Registration("pending", station)
        self.registration_secret = None
        self.settings["token"] = answer["token"]
        self.settings["station"] = station
        config.save(self.config_path, self.settings)
        return Registration("approved", station)

    def _tofu(self) -> ssl.SSLContext | None:
        """Over TLS, the certificate the image was set up with (config "certificate"); with
        none, the one seen now, kept from then on. The cashier's approval, which shows the
        request's address, is what stands between a stranger and the token here."""
        url = urlsplit(self.settings["server"])
        if url.scheme != "https":
            return None
        if not self.settings.get("certificate"):
            self.settings["certificate"] = ssl.get_server_certificate(
                (url.hostname, url.port or 443)
            )
        return pinning.pinned_context(self.settings["certificate"])

    def _heard(self, answer: dict) -> dict:
        session = answer.get("session") or {}
        self.last = LastWord(answer["state"], session.get("seconds_left"), self.monotonic())
        self.state = answer
        return answer

    def poll(self) -> dict | None:
        """Ask the point server; None when it cannot be reached (the last word stands)."""
        try:
            return self._heard(self._call("GET", "/state"))
        except OSError:
            return None

    def heartbeat(self) -> dict | None:
        body = {"client_version": VERSION, "acknowledged_messages": self.shown_messages}
        try:
            answer = self._heard(self._call("POST", "/heartbeat", body))
        except OSError:
            return None
        self.shown_messages = []
        return answer

    def login(self, username: str, password: str) -> dict:
        return self._heard(
            self._call("POST", "/login", {"username": username, "password": password})
        )

    def logout(self) -> dict:
        return self._heard(self._call("POST", "/logout", {}))

    def goodbye(self) -> bool:
        """Tell the point this agent stops on purpose (the PC shuts down): its silence is then
        no alarm. Call it only on a clean shutdown; False when the point cannot be reached."""
        try:
            self._call("POST", "/goodbye", {})
        except OSError:
            return False
        return True

    def screen(self) -> Screen:
        return screen(self.last, self.monotonic(), self.fail_closed_after)
