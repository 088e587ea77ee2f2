"""The lock UI's way to the point on Windows, through the service.

The token is the machine's, readable by SYSTEM and Administrators only; the lock UI runs as the
customer, who must never hold it. So the SYSTEM service listens on 127.0.0.1 and passes the
UI's calls on to the point with the real token; the UI is given only this relay's address and a
secret made for that one launch (in its own settings file), which opens nothing but the calls
below from this PC. The relay is plain standard library, and is tested against a real point.
"""

import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from netpoint.station_client.client import Refused, StationClient

# What the lock UI may ask for; pairing and re-registration are the service's alone.
ALLOWED = {
    ("GET", "/api/station/state"),
    ("POST", "/api/station/heartbeat"),
    ("POST", "/api/station/login"),
    ("POST", "/api/station/logout"),
}
MAX_BODY = 64 * 1024


class Relay:
    def __init__(self, client: StationClient):
        self.client = client
        self.secret = secrets.token_urlsafe(32)
        relay = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # no request lines (they name the station's calls)
                pass

            def _answer(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _relay(self, method: str) -> None:
                scheme, _space, given = self.headers.get("Authorization", "").partition(" ")
                given = given.strip() if scheme.lower() == "bearer" else ""
                if not secrets.compare_digest(given.encode(), relay.secret.encode()):
                    return self._answer(401, {"message": "Thiếu hoặc sai mã của màn hình khóa."})
                if (method, self.path) not in ALLOWED:
                    return self._answer(404, {"message": "Không tìm thấy."})
                length = int(self.headers.get("Content-Length") or 0)
                if length > MAX_BODY:
                    return self._answer(413, {"message": "Nội dung gửi lên quá lớn."})
                body = None
                if method == "POST":
                    try:
                        body = json.loads(self.rfile.read(length) or b"{}")
                    except ValueError:
                        return self._answer(400, {"message": "Nội dung không phải JSON."})
                path = self.path.removeprefix("/api/station")
                try:
                    answer = relay.client._call(method, path, body)
                except Refused as refused:
                    return self._answer(refused.status or 502, {"message": str(refused)})
                except OSError:
                    return self._answer(502, {"message": "Không liên lạc được máy chủ điểm."})
                return self._answer(200, answer)

            def do_GET(self):
                self._relay("GET")

            def do_POST(self):
                self._relay("POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def ui_settings(self) -> dict:
        """The settings file the lock UI is started with: this relay, and its secret."""
        station = self.client.settings.get("station", "")
        return {"server": self.url, "token": self.secret, "station": station}

    def start(self) -> None:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
