"""The SMS gateway behind an interface: `send(to, text)` for every gateway, `received()` for
those that can also take messages in. The HTTP gateway posts each message as JSON to the
operator's endpoint: what a deployment uses. The file gateway, for the demo and the tests only,
appends outgoing messages to a file as JSON lines (readable by its owner alone, each line
dropped `keep_minutes` after it was written: the codes in it are secrets) and reads incoming
ones from another; the console gateway prints them (development). NETPOINT_SMS_GATEWAY, from
the environment (JSON), picks the one that sends."""

import fcntl
import json
import os
import sys
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class GatewayError(RuntimeError):
    """The message did not leave: the caller must not tell anyone it was sent."""


# The file gateway keeps a message this long: a portal code lives 5 minutes.
KEEP_MINUTES = 30


def _recent(line: str, cutoff: datetime) -> bool:
    """Whether an outbox line was written after `cutoff` (a line without a readable time,
    from before the times were written, is old)."""
    try:
        return datetime.fromisoformat(json.loads(line)["at"]) > cutoff
    except (ValueError, KeyError, TypeError):
        return False


class FileGateway:
    def __init__(self, outbox: Path, inbox: Path, keep_minutes: float = KEEP_MINUTES):
        self.outbox, self.inbox = Path(outbox), Path(inbox)
        self.keep = timedelta(minutes=keep_minutes)

    def send(self, to: str, text: str) -> None:
        """Rewrites the outbox with the lines still young enough and this message, as a new
        file only its owner can read that takes the old one's place; one writer at a time
        (the lock file), as several server processes share the folder."""
        folder = self.outbox.parent
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        now = datetime.now(UTC)
        cutoff = now - self.keep
        line = json.dumps({"at": now.isoformat(), "to": to, "text": text}, ensure_ascii=False)
        lock = os.open(folder / ".outbox.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            kept = []
            if self.outbox.exists():
                with self.outbox.open(encoding="utf-8", errors="replace") as old:
                    kept = [each for each in old.read().splitlines() if _recent(each, cutoff)]
            fresh = self.outbox.with_name(f".{self.outbox.name}.{os.getpid()}")
            descriptor = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as out:
                out.write("".join(f"{each}\n" for each in [*kept, line]))
            os.replace(fresh, self.outbox)
        finally:
            os.close(lock)

    def received(self):
        """(message id, sender, text) of each incoming message, skipping unreadable lines."""
        if not self.inbox.exists():
            return
        with self.inbox.open(encoding="utf-8", errors="replace") as lines:
            for number, line in enumerate(lines, start=1):
                try:
                    message = json.loads(line)
                    yield (
                        str(message.get("id") or number),
                        str(message["from"]),
                        str(message["text"]),
                    )
                except (ValueError, KeyError, TypeError, AttributeError):
                    continue


class ConsoleGateway:
    """Development only: the message goes to the server's terminal. The terminal may end up
    in a journal, so the number shows only its last three digits."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, to: str, text: str) -> None:
        masked = "*" * max(len(to) - 3, 0) + to[-3:]
        self.stream.write(f"SMS -> {masked}: {text}\n")
        self.stream.flush()


class HttpGateway:
    """An operator's HTTP API: POST {"to", "text"} as JSON, with a bearer token if given; any
    2xx answer means the operator took the message."""

    def __init__(self, url: str, token: str = "", timeout: float = 10.0):
        if not url.startswith(("http://", "https://")):
            raise GatewayError("the SMS gateway URL must be http:// or https://")
        self.url, self.token, self.timeout = url, token, timeout

    def send(self, to: str, text: str) -> None:
        body = json.dumps({"to": to, "text": text}, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json; charset=utf-8"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        # The scheme was checked in __init__: only http(s), never file: or custom ones.
        request = urllib.request.Request(  # noqa: S310
            self.url, data=body, headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310
                status = answer.status
        except urllib.error.HTTPError as error:
            status = error.code
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            # The reason only: the URL's query or the message could hold personal data.
            raise GatewayError(f"SMS gateway unreachable: {type(error).__name__}") from None
        if not 200 <= status < 300:
            raise GatewayError(f"SMS gateway answered HTTP {status}")


def config_from_env(text: str) -> dict:
    """NETPOINT_SMS_GATEWAY as the environment file gives it: a JSON object, or nothing for the
    file gateway. Anything else stops the server at start, not at the first code sent."""
    if not text.strip():
        return {}
    try:
        config = json.loads(text)
    except ValueError:
        config = None
    if not isinstance(config, dict):
        raise ImproperlyConfigured(
            'NETPOINT_SMS_GATEWAY must be a JSON object, e.g. {"kind": "http", "url": "…"}.'
        )
    return config


def uses_file_gateway() -> bool:
    """Whether codes would go to the file gateway (not for a deployment)."""
    config = getattr(settings, "NETPOINT_SMS_GATEWAY", {}) or {}
    return config.get("kind", "file") == "file"


def default_gateway() -> FileGateway:
    folder = Path(settings.DATA_DIR) / "sms"
    return FileGateway(folder / "outbox.jsonl", folder / "inbox.jsonl")


def sending_gateway():
    """The gateway NETPOINT_SMS_GATEWAY names: {"kind": "http", "url": ..., "token": ...,
    "timeout": ...} (a deployment's), {"kind": "file", "folder": ..., "keep_minutes": ...}
    (the default, under the data directory: demo and tests), or {"kind": "console"}."""
    config = getattr(settings, "NETPOINT_SMS_GATEWAY", {}) or {}
    kind = config.get("kind", "file")
    if kind == "console":
        return ConsoleGateway()
    if kind == "http":
        return HttpGateway(config["url"], config.get("token", ""), config.get("timeout", 10.0))
    if kind == "file":
        folder = Path(config.get("folder") or Path(settings.DATA_DIR) / "sms")
        keep = config.get("keep_minutes", KEEP_MINUTES)
        return FileGateway(folder / "outbox.jsonl", folder / "inbox.jsonl", keep)
    raise GatewayError(f"unknown SMS gateway kind: {kind}")
