"""The SMS gateway behind an interface. Only the file gateway ships: outgoing messages are
appended to a file as JSON lines, and incoming ones are read from another, which is what an
operator's gateway daemon (or a test) writes. A real operator link plugs in the same way."""

import json
from pathlib import Path

from django.conf import settings


class FileGateway:
    def __init__(self, outbox: Path, inbox: Path):
        self.outbox, self.inbox = Path(outbox), Path(inbox)

    def send(self, to: str, text: str) -> None:
        self.outbox.parent.mkdir(parents=True, exist_ok=True)
        with self.outbox.open("a", encoding="utf-8") as out:
            out.write(json.dumps({"to": to, "text": text}, ensure_ascii=False) + "\n")

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


def default_gateway() -> FileGateway:
    folder = Path(settings.DATA_DIR) / "sms"
    return FileGateway(folder / "outbox.jsonl", folder / "inbox.jsonl")
