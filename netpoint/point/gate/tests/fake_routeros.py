"""A small RouterOS API server on loopback, written from MikroTik's description of the API
(help.mikrotik.com, "API"), not from librouteros: words are length-prefixed (1 to 4 bytes,
high bits marking the length's size), a sentence ends with a zero-length word, replies are
`!re` rows, `!trap` errors and a final `!done`; since RouterOS 6.43 `/login` takes the name and
password in plain words. It holds /ip/firewall/address-list as a router does (ids `*1`, `*2`…;
one entry per list and address) and records every sentence it was sent."""

import contextlib
import socket
import socketserver
import threading


def encode_length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    if n < 0x4000:
        return (n | 0x8000).to_bytes(2, "big")
    if n < 0x200000:
        return (n | 0xC00000).to_bytes(3, "big")
    if n < 0x10000000:
        return (n | 0xE0000000).to_bytes(4, "big")
    return b"\xf0" + n.to_bytes(4, "big")


def encode_sentence(words: list[str]) -> bytes:
    out = b""
    for word in words:
        raw = word.encode()
        out += encode_length(len(raw)) + raw
    return out + b"\x00"


def _read_exact(sock, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def read_length(sock) -> int:
    first = _read_exact(sock, 1)[0]
    if first < 0x80:
        return first
    if first < 0xC0:
        return ((first & 0x3F) << 8) | _read_exact(sock, 1)[0]
    if first < 0xE0:
        return ((first & 0x1F) << 16) | int.from_bytes(_read_exact(sock, 2), "big")
    if first < 0xF0:
        return ((first & 0x0F) << 24) | int.from_bytes(_read_exact(sock, 3), "big")
    return int.from_bytes(_read_exact(sock, 4), "big")


def read_sentence(sock) -> list[str]:
    words = []
    while True:
        n = read_length(sock)
        if n == 0:
            return words
        words.append(_read_exact(sock, n).decode())


class FakeRouter:
    def __init__(self, username: str = "netpoint", password: str = "mat-khau-api"):
        self.username, self.password = username, password
        self.entries: dict[str, dict] = {}  # .id → attributes
        self.sentences: list[list[str]] = []
        self._connections: list[socket.socket] = []
        self._next = 1
        self._lock = threading.Lock()
        router = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                router._serve(self.request)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        """As a router going down: no more listening, open connections cut."""
        self.server.shutdown()
        self.server.server_close()
        for connection in self._connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def entry(self, list_name: str, address: str, comment: str = "") -> str:
        """Put an entry in as someone at the router would."""
        with self._lock:
            return self._add({"list": list_name, "address": address, "comment": comment})

    def _add(self, attrs: dict) -> str:
        ident = f"*{self._next:X}"
        self._next += 1
        self.entries[ident] = {"disabled": "false", "dynamic": "false", **attrs}
        return ident

    def _serve(self, sock: socket.socket) -> None:
        logged_in = False
        self._connections.append(sock)
        try:
            while True:
                sentence = read_sentence(sock)
                if not sentence:
                    continue
                with self._lock:
                    self.sentences.append(sentence)
                    replies, logged_in = self._answer(sentence, logged_in)
                for reply in replies:
                    sock.sendall(encode_sentence(reply))
        except (ConnectionError, OSError):
            pass

    def _answer(self, sentence: list[str], logged_in: bool) -> tuple[list[list[str]], bool]:
        command, words = sentence[0], sentence[1:]
        attrs = {w[1:].split("=", 1)[0]: w[1:].split("=", 1)[1] for w in words if w[0] == "="}
        query = {w[1:].split("=", 1)[0]: w[1:].split("=", 1)[1] for w in words if w[0] == "?"}
        if command == "/login":
            if attrs.get("name") == self.username and attrs.get("password") == self.password:
                return [["!done"]], True
            return [["!trap", "=message=invalid user name or password (6)"], ["!done"]], False
        if not logged_in:
            return [["!fatal", "not logged in"]], False
        if command == "/ip/firewall/address-list/print":
            rows = [
                ["!re", f"=.id={ident}", *(f"={k}={v}" for k, v in entry.items())]
                for ident, entry in self.entries.items()
                if all(entry.get(k) == v for k, v in query.items())
            ]
            return [*rows, ["!done"]], True
        if command == "/ip/firewall/address-list/add":
            if any(
                e["list"] == attrs.get("list") and e["address"] == attrs.get("address")
                for e in self.entries.values()
            ):
                return [
                    ["!trap", "=message=failure: already have such entry"],
                    ["!done"],
                ], True
            return [["!done", f"=ret={self._add(attrs)}"]], True
        if command == "/ip/firewall/address-list/remove":
            ids = attrs.get(".id", "").split(",")
            if not all(i in self.entries for i in ids):
                return [["!trap", "=message=no such item"], ["!done"]], True
            for i in ids:
                del self.entries[i]
            return [["!done"]], True
        return [["!trap", "=message=no such command prefix"], ["!done"]], True
