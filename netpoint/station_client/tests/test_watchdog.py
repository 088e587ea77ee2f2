"""The lock UI and its guardian under a real X server, against a real point server: killed
again and again, the lock is back within a second and the session on the point server lives on.

Xvfb and openbox start once for the module; each test starts `netpoint station` as the
autostart would and stops it the owner's way (`netpoint station --stop`, as root).
"""

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from netpoint.point.sessions import services as sessions
from netpoint.station_client import command, guardian
from netpoint.station_client.tests.system import require_programs, require_root

pytestmark = pytest.mark.django_db(transaction=True)
REPO = Path(__file__).resolve().parents[3]
WIDTH, HEIGHT = 1280, 800
BACK_WITHIN = 1.0  # seconds: the bound for the lock to be back


@pytest.fixture(scope="module")
def display():
    require_programs("Xvfb", "openbox", "xdotool", "xkill")
    # -displayfd: Xvfb picks a free display number, so helpers and runs never collide.
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{WIDTH}x{HEIGHT}x24"]
        + ["-nolisten", "tcp"],
        pass_fds=[write],
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as chosen:
        name = f":{chosen.readline().strip()}"
    env = dict(os.environ, DISPLAY=name)
    window_manager = subprocess.Popen(["openbox"], env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while (
        b"_NET_SUPPORTING_WM_CHECK(WINDOW)"
        not in subprocess.run(
            ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=env, capture_output=True
        ).stdout
    ):
        assert time.monotonic() < deadline, "openbox did not start"
        time.sleep(0.05)
    yield name
    window_manager.terminate()
    window_manager.wait()
    xvfb.terminate()
    xvfb.wait()


@dataclass(frozen=True)
class Shown:
    window: str
    pid: int
    covers_screen: bool


class Agent:
    """`netpoint station` on the test display, and what the X server shows of it."""

    def __init__(self, display: str, config: Path, runtime: Path, log: Path):
        self.display = display
        self.runtime = runtime
        self.env = dict(
            os.environ,
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",  # test_window.py sets offscreen in this process
            PYTHONPATH=str(REPO),
        )
        for inherited in ("NETPOINT_GUARDIAN_PID", "NETPOINT_RUNTIME_DIR"):
            self.env.pop(inherited, None)
        self.command = [sys.executable, "-P", "-m", "netpoint.cli", "station"]
        self.command += ["--config", str(config), "--runtime-dir", str(runtime)]
        self.log = log.open("ab")
        self.first = subprocess.Popen(
            self.command, env=self.env, stdout=self.log, stderr=self.log, start_new_session=True
        )

    def xdotool(self, *args: str) -> str:
        return subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True
        ).stdout

    def shown(self) -> list[Shown]:
        found = []
        for window in self.xdotool(
            "search", "--onlyvisible", "--class", "netpoint-station"
        ).split():
            geometry = dict(
                line.split("=", 1)
                for line in self.xdotool("getwindowgeometry", "--shell", window).split()
            )
            pid = self.xdotool("getwindowpid", window).strip()
            if not geometry or not pid:
                continue  # it went while we looked
            covers = int(geometry["WIDTH"]) >= WIDTH and int(geometry["HEIGHT"]) >= HEIGHT
            found.append(Shown(window, int(pid), covers))
        return found

    def lock(self, not_from: int | None = None) -> Shown | None:
        """The lock window on screen (covering it), from a UI other than `not_from`."""
        for shown in self.shown():
            if shown.covers_screen and shown.pid != not_from:
                return shown
        return None

    def timer(self, not_from: int | None = None) -> Shown | None:
        """The session's small window, with no lock window over the screen."""
        shown = [one for one in self.shown() if one.pid != not_from]
        if shown and not any(one.covers_screen for one in shown):
            return shown[0]
        return None

    def ui_pid(self) -> int | None:
        return guardian.read_pid(guardian.role(self.runtime, "ui").ready)

    def guardian_pid(self) -> int | None:
        pid = guardian.read_pid(guardian.role(self.runtime, "guardian").ready)
        return pid if guardian.lock_held(guardian.role(self.runtime, "guardian").lock) else None

    def stop(self) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*self.command, "--stop"], env=self.env, capture_output=True, text=True, timeout=30
        )

    def close(self) -> None:
        if guardian.lock_held(guardian.role(self.runtime, "ui").lock) or guardian.lock_held(
            guardian.role(self.runtime, "guardian").lock
        ):
            self.stop()
        self.first.wait(timeout=10)  # the first UI is this test's child: reap it
        self.log.close()


def within(seconds: float, look):
    """Look until it shows something or the time is up; returns what it saw, or None."""
    deadline = time.monotonic() + seconds
    while True:
        seen = look()
        if seen or time.monotonic() >= deadline:
            return seen
        time.sleep(0.02)


@pytest.fixture
def agent(display, paired, tmp_path):
    require_root()  # the owner's stop needs root, and so does tidying up after a test
    client, _ticks = paired
    started = Agent(display, client.config_path, tmp_path / "run", tmp_path / "agent.log")
    # The first start imports Qt and pairs nothing: generous, then the kill loop's bound holds.
    assert within(10, started.lock), (tmp_path / "agent.log").read_text()
    assert within(5, started.guardian_pid)
    yield started
    started.close()


def zombies_of(*parents: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError):
                continue
            if fields[0] == "Z" and int(fields[1]) in parents:
                found.append(int(entry.name))
    return found


def test_the_lock_is_back_within_a_second_each_time_the_ui_is_killed(agent):
    for _ in range(10):
        killed = agent.lock().pid
        os.kill(killed, signal.SIGKILL)
        assert within(BACK_WITHIN, lambda killed=killed: agent.lock(not_from=killed))


def test_a_killed_guardian_is_replaced_and_the_lock_stays(agent):
    for _ in range(10):
        killed = agent.guardian_pid()
        os.kill(killed, signal.SIGKILL)
        assert within(BACK_WITHIN, lambda killed=killed: agent.guardian_pid() not in (None, killed))
        assert agent.lock()


def test_killing_the_ui_and_the_guardian_in_turn_never_leaves_the_screen_open(agent):
    for _ in range(5):
        ui = agent.lock().pid
        os.kill(ui, signal.SIGKILL)
        assert within(BACK_WITHIN, lambda ui=ui: agent.lock(not_from=ui))
        keeper = agent.guardian_pid()
        os.kill(keeper, signal.SIGKILL)
        assert within(BACK_WITHIN, lambda keeper=keeper: agent.guardian_pid() not in (None, keeper))
    # Whoever started whom, each reaped its own: no zombie is left behind.
    assert within(1, lambda: not zombies_of(agent.lock().pid, agent.guardian_pid()))


def test_xkill_of_the_lock_window_brings_it_back(agent):
    for _ in range(3):
        lock = agent.lock()
        subprocess.run(["xkill", "-id", lock.window], env=agent.env, capture_output=True)
        assert within(BACK_WITHIN, lambda lock=lock: agent.lock(not_from=lock.pid))


def test_a_running_session_survives_the_ui_being_killed(agent, cafe, make_customer):
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    shown = within(5, agent.timer)  # the UI's next poll (2 s) unlocks
    assert shown
    os.kill(shown.pid, signal.SIGKILL)
    assert within(BACK_WITHIN, lambda: agent.timer(not_from=shown.pid))
    session.refresh_from_db()
    assert session.ended_at is None
    assert not agent.lock()


def test_the_owner_stops_the_lock_and_its_guardian(agent):
    stopped = agent.stop()
    assert stopped.returncode == 0, stopped.stderr
    assert within(2, lambda: not agent.shown())
    assert agent.guardian_pid() is None
    time.sleep(0.5)  # nothing comes back on its own
    assert not agent.shown() and agent.guardian_pid() is None


def test_the_stop_command_refuses_the_customers_account(agent, capsys):
    os.seteuid(65534)  # for this call only: the customer's account, not root
    try:
        refused = command.main(["--stop", "--runtime-dir", str(agent.runtime)])
    finally:
        os.seteuid(0)
    assert refused == 1
    assert "chỉ chủ quán" in capsys.readouterr().err
    assert agent.lock() and agent.guardian_pid()


def test_a_stop_file_of_the_customers_making_stops_nothing(agent):
    (agent.runtime / "stop").touch()
    os.chown(agent.runtime / "stop", 65534, 65534)
    killed = agent.lock().pid
    os.kill(killed, signal.SIGKILL)
    assert within(BACK_WITHIN, lambda: agent.lock(not_from=killed))
    assert agent.guardian_pid()


def test_the_guardian_leaves_when_the_desktop_ends(tmp_path):
    """Logout: the X server goes, its clients with it; the guardian must not linger, retrying."""
    require_programs("Xvfb", "xprop")
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp"],
        pass_fds=[write],
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as chosen:
        env = dict(os.environ, DISPLAY=f":{chosen.readline().strip()}", PYTHONPATH=str(REPO))
    x_client = ["xprop", "-root", "-spy"]  # stands for the UI: an X client until X goes
    keeper = subprocess.Popen(
        [sys.executable, "-P", "-m", "netpoint.station_client.guardian"]
        + ["--runtime-dir", str(tmp_path), "--", *x_client],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        assert within(5, lambda: guardian.lock_held(tmp_path / "guardian.lock"))
        xvfb.terminate()
        xvfb.wait()
        assert within(2, lambda: keeper.poll() is not None)
        assert keeper.returncode == 0
    finally:
        for process in (keeper, xvfb):
            if process.poll() is None:
                process.kill()
                process.wait()
