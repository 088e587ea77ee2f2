"""The watchdog: the lock screen and a small guardian process keep each other running.

`netpoint station` (the lock UI) starts a guardian when none runs; the guardian starts the UI
again, with the same command and environment, whenever it goes (killed, crashed, xkill'ed),
and the UI starts a new guardian whenever that one goes. Whoever starts the other is its
parent, so each side watches exactly: a parent reaps its child (no zombie), a child sees its
parent go when it is re-parented. A lock file per role (flock) keeps it to one UI and one
guardian per desktop, and says who runs when neither is the other's parent or child.

What to do is `decide()`, pure over frozen dataclasses with the clock passed in: start the other
at once when it was killed or went after coming up; back off (never giving up) when it keeps
exiting on its own before it ever came up, so a broken install does not burn the PC.

Only the café's owner stops it: `sudo netpoint station --stop` leaves a stop file owned by root
in the runtime directory; a file the customer's own account makes there is ignored. The
guardian exits by itself when the desktop's display is gone (the session ended).

Standard library only: this runs on station PCs, before and without Qt.
"""

import argparse
import contextlib
import os
import select
import signal
import socket
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from netpoint.station_client import config

try:
    import fcntl
except ImportError:  # Windows: its service keeps the lock UI running instead (windows/)
    fcntl = None

GUARDIAN_EVERY = 0.1  # seconds between the guardian's looks at the UI (woken sooner by a pidfd)
UI_EVERY_MS = 200  # the UI's timer looking at the guardian
STOP_FRESH_FOR = 60.0  # seconds a stop request stays good: a stale one stops nothing later
# Signals someone sends to end a process (kill, pkill, xkill's cousins): the process did not
# fail by itself, so it comes back at once, however often it happens.
KILLED_BY = frozenset(
    {signal.SIGKILL, signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT}
)


# The decision, pure.


@dataclass(frozen=True)
class Backoff:
    free_tries: int = 3  # failed starts in a row that are retried at once
    first: float = 1.0  # then this many seconds, doubling...
    most: float = 30.0  # ...up to this, for ever


@dataclass(frozen=True)
class Exit:
    """How the other process went, as far as this side can know."""

    came_up: bool  # it had shown it was up (its ready file) before it went
    returncode: int | None  # as subprocess gives it (-N: signal N); None: not our child


@dataclass(frozen=True)
class Seen:
    peer_up: bool  # the other process runs
    display_up: bool  # the desktop's display still answers
    stop_asked: bool  # a valid stop request from the owner is there
    failed_starts: int  # the other exited on its own before coming up, this many times in a row
    last_start: float | None  # when this side last started it (monotonic)


@dataclass(frozen=True)
class Decision:
    action: str  # "watch", "start", "wait" (backing off) or "stop"
    reason: str
    start_at: float | None = None  # for "wait": when to start it


def failed_start(exit_: Exit) -> bool:
    """Whether the other process failed to come up by itself (counts toward the backoff)."""
    if exit_.came_up or exit_.returncode is None:
        return False
    return not (exit_.returncode < 0 and -exit_.returncode in KILLED_BY)


def failures_after(failed_starts: int, exit_: Exit) -> int:
    if exit_.came_up:
        return 0
    return failed_starts + 1 if failed_start(exit_) else failed_starts


def start_delay(failed_starts: int, backoff: Backoff = Backoff()) -> float:
    if failed_starts < backoff.free_tries:
        return 0.0
    doublings = min(failed_starts - backoff.free_tries, 32)  # a long streak must not overflow
    return min(backoff.first * 2**doublings, backoff.most)


def decide(seen: Seen, now: float, backoff: Backoff = Backoff()) -> Decision:
    if seen.stop_asked:
        return Decision("stop", "owner")
    if not seen.display_up:
        return Decision("stop", "display_gone")
    if seen.peer_up:
        return Decision("watch", "up")
    if seen.last_start is not None:
        start_at = seen.last_start + start_delay(seen.failed_starts, backoff)
        if now < start_at:
            return Decision("wait", "backoff", start_at)
    return Decision("start", "gone")


# The places: a runtime directory per user, with a lock, a ready file per role and the stop file.


def runtime_dir(uid: int | None = None) -> Path:
    """NETPOINT_RUNTIME_DIR, else $XDG_RUNTIME_DIR/netpoint, else /run/user/<uid>/netpoint, else
    beside the station's settings. Under sudo, the invoking user's (for --stop)."""
    if os.environ.get("NETPOINT_RUNTIME_DIR"):
        return Path(os.environ["NETPOINT_RUNTIME_DIR"])
    if uid is None and os.environ.get("SUDO_UID") and os.geteuid() == 0:
        uid = int(os.environ["SUDO_UID"])
    if uid is None and os.environ.get("XDG_RUNTIME_DIR"):
        return Path(os.environ["XDG_RUNTIME_DIR"]) / "netpoint"
    run = Path(f"/run/user/{os.getuid() if uid is None else uid}")
    if run.is_dir():
        return run / "netpoint"
    return config.default_path().parent / "run"


@dataclass(frozen=True)
class Role:
    lock: Path  # held (flock, exclusive) for the process's whole life
    ready: Path  # its pid, written once it is up


def role(directory: Path, name: str) -> Role:
    return Role(directory / f"{name}.lock", directory / f"{name}.ready")


def take_lock(path: Path, patience: float = 1.0) -> int | None:
    """The role's lock, or None when another process holds it. Retried for `patience` seconds
    since a watcher's probe holds it shared for an instant."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    deadline = time.monotonic() + patience
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                return None
            time.sleep(0.01)


def lock_held(path: Path) -> bool:
    """Whether some process holds the role's lock (a dead process holds nothing)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing drops the probe's shared lock


def write_pid(path: Path, pid: int) -> None:
    temporary = path.with_name(f".{path.name}.{pid}")
    temporary.write_text(str(pid))
    os.replace(temporary, path)


def read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text())
    except (FileNotFoundError, ValueError):
        return None


def stop_asked(directory: Path, now: float | None = None) -> bool:
    """A stop file in the runtime directory, owned by root, a plain file with one link, made
    within the last minute. lstat: a symlink to some busy root-owned file does not count."""
    try:
        info = os.lstat(directory / "stop")
    except FileNotFoundError:
        return False
    now = time.time() if now is None else now
    return (
        stat.S_ISREG(info.st_mode)
        and info.st_uid == 0
        and info.st_nlink == 1
        and now - info.st_mtime <= STOP_FRESH_FOR
    )


def display_up(environ=os.environ) -> bool:
    """Whether the X display (or Wayland socket) this desktop runs on still accepts us."""
    display = environ.get("DISPLAY", "")
    if display.startswith(":"):
        number = display[1:].split(".")[0]
        path = f"/tmp/.X11-unix/X{number}"  # noqa: S108 - X11's own socket, not a temp file
        return _answers(path) or _answers(f"\0{path}")
    if not display and environ.get("WAYLAND_DISPLAY") and environ.get("XDG_RUNTIME_DIR"):
        return _answers(str(Path(environ["XDG_RUNTIME_DIR"]) / environ["WAYLAND_DISPLAY"]))
    return True  # a remote display or none known: nothing to tell it is gone


def _answers(address: str) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        try:
            probe.connect(address)
            return True
        except OSError:
            return False


# Keeping the other process alive: the same loop on both sides.


class Peer:
    """The other process, as this side sees and starts it."""

    def __init__(self, own: Role, command: list[str], env: dict, parent_pid: int | None):
        self.own = own
        self.command = command
        self.env = env
        self.parent_pid = parent_pid  # set while the other process is this one's parent
        self.child: subprocess.Popen | None = None
        self.came_up = False
        self.failed_starts = 0
        self.last_start: float | None = None
        self.watched_pid: int | None = None
        self.pidfd: int | None = None

    def up(self) -> bool:
        if self.child is not None:
            if self.child.poll() is None:  # poll() reaps it once it has gone
                if not self.came_up and read_pid(self.own.ready) == self.child.pid:
                    self.came_up = True
                    self.failed_starts = 0
                return True
            self.went(Exit(self.came_up, self.child.returncode))
            self.child = None
        if self.parent_pid is not None:
            if os.getppid() == self.parent_pid:
                return True
            self.parent_pid = None  # re-parented: it went, how we cannot know
            self.went(Exit(True, None))
        return lock_held(self.own.lock)  # one neither started by us nor starting us

    def pause(self, seconds: float) -> None:
        """Sleep, but wake the moment the other process ends (a pidfd, Linux 5.3+)."""
        pid = self.child.pid if self.child is not None else self.parent_pid
        if pid != self.watched_pid:
            if self.pidfd is not None:
                os.close(self.pidfd)
            self.watched_pid, self.pidfd = pid, None
            if pid is not None and hasattr(os, "pidfd_open"):
                with contextlib.suppress(OSError):  # gone already, or an older kernel
                    self.pidfd = os.pidfd_open(pid)
        if self.pidfd is None:
            time.sleep(seconds)
        else:
            select.select([self.pidfd], [], [], seconds)

    def went(self, exit_: Exit) -> None:
        self.failed_starts = failures_after(self.failed_starts, exit_)

    def start(self, now: float) -> None:
        self.came_up = False
        self.last_start = now
        try:
            # A session of its own: a signal to this one's terminal or group does not reach it.
            self.child = subprocess.Popen(  # noqa: S603 - our own command line
                self.command,
                env=self.env,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                close_fds=True,
            )
        except OSError:  # e.g. the program is being replaced by an upgrade: a failed start
            self.went(Exit(False, 127))

    def step(self, directory: Path, now: float, display=lambda: True) -> Decision:
        peer_up = self.up()
        seen = Seen(
            peer_up=peer_up,
            display_up=peer_up or display(),  # asked only when it matters: the X server
            stop_asked=stop_asked(directory),
            failed_starts=self.failed_starts,
            last_start=self.last_start,
        )
        decision = decide(seen, now)
        if decision.action == "start":
            self.start(now)
        return decision


def ui_command(argv: list[str]) -> list[str]:
    """The command that starts the lock UI again, whatever started it the first time. -P: the
    working directory is not searched for modules (it may be one the customer writes in)."""
    return [sys.executable, "-P", "-m", "netpoint.cli", "station", *argv]


def guardian_command(directory: Path, ui: list[str]) -> list[str]:
    return [
        sys.executable,
        "-P",
        "-m",
        "netpoint.station_client.guardian",
        "--runtime-dir",
        str(directory),
        "--ui-pid",
        str(os.getpid()),
        "--",
        *ui,
    ]


class Keeper:
    """The UI's side: holds the UI's lock and keeps a guardian running. One per process."""

    current: "Keeper | None" = None

    def __init__(self, directory: Path, ui: list[str], lock_fd: int):
        self.directory = directory
        self.lock_fd = lock_fd
        env = dict(os.environ)
        guardian_pid = env.pop("NETPOINT_GUARDIAN_PID", None)
        parent = os.getppid() if guardian_pid == str(os.getppid()) else None
        self.guardian = Peer(
            role(directory, "guardian"), guardian_command(directory, ui), env, parent
        )
        self.stopping = False

    @classmethod
    def start(cls, ui: list[str], directory: Path | None = None) -> "Keeper | None":
        """Take the UI's lock and make sure a guardian runs; None when another UI runs."""
        directory = directory or runtime_dir()
        fd = take_lock(role(directory, "ui").lock)
        if fd is None:
            return None
        with contextlib.suppress(FileNotFoundError):
            if not stop_asked(directory):
                (directory / "stop").unlink()  # a stale one: a new start means run
        cls.current = keeper = cls(directory, ui, fd)
        keeper.tick()
        return keeper

    def came_up(self) -> None:
        """The lock screen is showing: from now on a death is not a failed start."""
        write_pid(role(self.directory, "ui").ready, os.getpid())

    def tick(self) -> Decision:
        decision = self.guardian.step(self.directory, time.monotonic())
        self.stopping = decision.action == "stop"
        return decision


def attach(app) -> None:
    """The lock UI's hook (window.run): names the application, so its windows are found by
    WM_CLASS "netpoint-station", and looks at the guardian on a Qt timer."""
    from PySide6.QtCore import QTimer

    app.setApplicationName("netpoint-station")
    keeper = Keeper.current
    if keeper is None:
        return

    def tick():
        if keeper.tick().action == "stop":
            app.exit(0)  # not quit(): the lock window refuses to close, which cancels quit()

    timer = QTimer(app, interval=UI_EVERY_MS, timeout=tick)
    timer.start()
    QTimer.singleShot(0, keeper.came_up)  # the first turn of the event loop: windows are up


# The guardian process.


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="netpoint-station-guardian")
    parser.add_argument("--runtime-dir", type=Path, required=True)
    parser.add_argument("--ui-pid", type=int, help="the UI that started this guardian")
    parser.add_argument("ui", nargs=argparse.REMAINDER, help="-- the command that starts the UI")
    args = parser.parse_args(argv)
    ui = args.ui[1:] if args.ui[:1] == ["--"] else args.ui
    if not ui:
        parser.error("no UI command after --")
    # Not for the customer's kill/pkill or the terminal: only SIGKILL ends it, and the UI
    # starts it again; it leaves by itself when the owner asks or the display is gone.
    # A handler, not SIG_IGN, which the UI it starts would inherit through exec.
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, lambda *_: None)
    own = role(args.runtime_dir, "guardian")
    fd = take_lock(own.lock)
    if fd is None:
        return 0  # another guardian keeps this desktop
    write_pid(own.ready, os.getpid())
    env = dict(os.environ, NETPOINT_GUARDIAN_PID=str(os.getpid()))
    parent = args.ui_pid if args.ui_pid == os.getppid() else None
    ui_peer = Peer(role(args.runtime_dir, "ui"), ui, env, parent)
    try:
        while True:
            decision = ui_peer.step(args.runtime_dir, time.monotonic(), display_up)
            if decision.action == "stop":
                if decision.reason == "owner":
                    wait_gone(ui_peer)
                return 0
            ui_peer.pause(GUARDIAN_EVERY)
    finally:
        os.close(fd)


def wait_gone(peer: Peer, patience: float = 10.0) -> None:
    """Stay (holding the guardian's lock) until the UI has left, reaping it if it is ours."""
    deadline = time.monotonic() + patience
    while peer.up() and time.monotonic() < deadline:
        peer.pause(GUARDIAN_EVERY)


def stop(directory: Path, patience: float = 10.0) -> bool:
    """`netpoint station --stop`: ask both to leave (root only), wait for them, tidy up."""
    stop_file = directory / "stop"
    stop_file.unlink(missing_ok=True)
    stop_file.touch(mode=0o600)
    deadline = time.monotonic() + patience
    try:
        while time.monotonic() < deadline:
            if not any(lock_held(role(directory, name).lock) for name in ("ui", "guardian")):
                return True
            time.sleep(0.05)
        return False
    finally:
        stop_file.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
