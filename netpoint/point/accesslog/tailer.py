"""Following a log file as the gateway writes it, through rotation and restarts.

The position (inode, offset, and the file's first bytes) is saved with the records each chunk
made, so after a crash reading starts again exactly after the last stored line. Only whole
lines are read; a line still being written waits for its newline.

Rotation by rename (logrotate's default): the file read so far keeps its inode under its new
name (`access.log.1`); what it gained since the last read is read there, then the new file
from its start. Rotation by copytruncate: the file shrinks or starts with other bytes; what it
held past the position is read from the copy (recognised by its first bytes), then the
truncated file from its start. Lines written between the copy and the truncation are lost
whatever reads the file: that is copytruncate's own gap.
"""

import os
from pathlib import Path

from netpoint.point.accesslog import parsers, services
from netpoint.point.accesslog.conf import conf
from netpoint.point.accesslog.models import LogSource

HEAD_BYTES = 64
PACKED = (".gz", ".xz", ".bz2", ".zst")


class Tailer:
    def __init__(self, path: str, kind: str):
        self.path = Path(path)
        self.parse = parsers.PARSERS[kind]
        self.source = services.source(str(self.path), kind)
        self.classifier = services.classifier()

    def poll(self) -> int:
        """Read and store what is new; returns the bytes consumed (0: nothing new)."""
        source = self.source
        current = _stat(self.path)
        if source.inode is None:
            if current is None:
                return 0
            self._save(current.st_ino, 0, b"")
        elif not self._still_reading(current):
            rotated = self._rotated(current)
            if rotated is not None:
                consumed = self._read(rotated, to_end=current is not None)
                if consumed or current is None:
                    return consumed
            if current is None:
                return 0
            self._save(current.st_ino, 0, b"")
        return self._read(self.path, to_end=False)

    def run_until_idle(self) -> int:
        total = 0
        while consumed := self.poll():
            total += consumed
        return total

    def _still_reading(self, current) -> bool:
        source = self.source
        if current is None or current.st_ino != source.inode or current.st_size < source.offset:
            return False
        return _head(self.path, len(source.head)) == source.head

    def _rotated(self, current) -> Path | None:
        """The file read so far under its rotated name: same inode (renamed) or, a copy, with
        the same first bytes and at least as long as what was read of it."""
        source = self.source
        for candidate in sorted(self.path.parent.glob(self.path.name + "[.-]*")):
            if candidate.name.endswith(PACKED):
                continue
            found = _stat(candidate)
            if found is None or (current is not None and found.st_ino == current.st_ino):
                continue
            if found.st_ino == source.inode or (
                source.head
                and found.st_size >= source.offset
                and _head(candidate, len(source.head)) == source.head
            ):
                return candidate
        return None

    def _read(self, path: Path, to_end: bool) -> int:
        """One chunk from the position: whole lines only, unless the file is finished (`to_end`:
        rotated away, nobody writes to it any more)."""
        source = self.source
        try:
            with open(path, "rb") as file:
                file.seek(source.offset)
                data = file.read(conf().chunk_bytes)
                head = source.head
                if len(head) < HEAD_BYTES:
                    file.seek(0)
                    head = file.read(HEAD_BYTES)
        except FileNotFoundError:
            return 0
        full = len(data) == conf().chunk_bytes
        if not to_end or full:
            cut = data.rfind(b"\n") + 1
            # A chunk with no newline at all is no line being written but junk: it is taken
            # whole (and counted unreadable) rather than waited on for ever.
            if cut or not full:
                data = data[:cut]
        if not data:
            return 0
        lines = data.decode("utf-8", errors="replace").split("\n")
        found = services.digest(lines, self.parse, services.stamps(), self.classifier)
        self.source = services.store(
            source, found, offset=source.offset + len(data), head=head, inode=source.inode
        )
        return len(data)

    def _save(self, inode: int, offset: int, head: bytes) -> None:
        LogSource.objects.filter(pk=self.source.pk).update(inode=inode, offset=offset, head=head)
        self.source.refresh_from_db()


def _stat(path: Path):
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def _head(path: Path, size: int) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read(size)
    except FileNotFoundError:
        return b""
