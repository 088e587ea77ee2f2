"""The lock screen under a real X server, tried as a customer would.

Xvfb with the openbox window manager, `netpoint station` as its own process against a real point
server, and another ordinary window (xmessage) the customer wants to reach. xdotool presses the
keys and clicks; xwininfo and a picture of the screen say what is on top.

Ctrl+Alt+F-keys: Xvfb has no virtual terminals, so this shows the keys do not reach the window
manager; on a real X server the switch is made by the server itself, before any grab, and is
turned off there (Xorg's DontVTSwitch, see docs) — not something a window can do.
"""

import contextlib
import ctypes
import ctypes.util
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from netpoint.point.sessions import services as sessions
from netpoint.point.stations import services as stations
from netpoint.station_client import guardian

pytestmark = pytest.mark.django_db(transaction=True)
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
LOCK_BLUE = (0x14, 0x32, 0x4F)
ALREADY_GRABBED = 1  # X11's answer to a grab someone else holds
TOOLS = ("Xvfb", "openbox", "xdotool", "xwininfo", "xrandr", "xmessage")
REQUIRED = os.environ.get("NETPOINT_REQUIRE_SYSTEM_TESTS") == "1"

# Run in a process of its own on the X display: the screens as Qt sees them, or a picture of
# the whole display (the root window, with every window on it) saved to the path given.
QT_PROBE = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
if sys.argv[1] == "screens":
    for s in app.screens():
        g = s.geometry()
        print(g.x(), g.y(), g.width(), g.height())
else:
    from PySide6.QtGui import QImage, QPainter
    whole = QImage(app.primaryScreen().virtualSize(), QImage.Format.Format_RGB32)
    whole.fill(0)
    painter = QPainter(whole)
    for s in app.screens():  # each screen's grab shows that screen only
        painter.drawPixmap(s.geometry().topLeft(), s.grabWindow(0))
    painter.end()
    whole.save(sys.argv[1])
"""


def missing(reason: str):
    if REQUIRED:
        pytest.fail(reason)
    pytest.skip(reason)


class Display:
    """An Xvfb display with openbox; `monitors`: (width, height) side by side, as RandR
    monitors of one X screen, the way a PC with two monitors has them."""

    def __init__(self, monitors: list[tuple[int, int]]):
        for tool in TOOLS:
            if not shutil.which(tool):
                missing(f"{tool} is not installed (scripts/test-services installs it)")
        width = sum(w for w, _ in monitors)
        height = max(h for _, h in monitors)
        read, write = os.pipe()
        # -displayfd: the server picks a free display, so parallel runs do not collide;
        # -noreset: RandR monitors set below would vanish when their xrandr client exits.
        self.server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{width}x{height}x24"]
            + ["-nolisten", "tcp", "-noreset"],
            pass_fds=(write,),
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as chosen:
            self.name = f":{chosen.readline().strip()}"
        self.processes: list[subprocess.Popen] = []
        # The agent's guardian outlives the agent's own process: its lock files live here, per
        # display, and close() ends it; else it would hold the default runtime directory's
        # lock and bring its UI up on the next test's display, which may reuse this number.
        self.runtime = Path(tempfile.mkdtemp(prefix="np-lock-x11-"))
        if len(monitors) > 1:
            left = 0
            for number, (w, h) in enumerate(monitors):
                output = "screen" if number == 0 else "none"
                self.x("xrandr", "--setmonitor", f"NP{number}", f"{w}/300x{h}/200+{left}+0", output)
                left += w
        self.start("openbox", "--sm-disable")
        until(lambda: "_NET_SUPPORTING_WM_CHECK(WINDOW)" in self.x("xprop", "-root"), 5)
        screens = self.qt("screens")
        if screens.returncode != 0:
            missing(f"Qt cannot open the X display: {screens.stderr.strip()[-300:]}")
        self.screens = [tuple(map(int, line.split())) for line in screens.stdout.splitlines()]

    @property
    def env(self) -> dict:
        return {**os.environ, "DISPLAY": self.name, "QT_QPA_PLATFORM": "xcb"}

    def x(self, *command: str) -> str:
        return subprocess.run(
            command, env=self.env, capture_output=True, text=True, timeout=20
        ).stdout

    def qt(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", QT_PROBE, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=30,
        )

    def start(self, *command: str) -> subprocess.Popen:
        process = subprocess.Popen(
            command, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.processes.append(process)
        return process

    def close(self) -> None:
        keeper = guardian.read_pid(guardian.role(self.runtime, "guardian").ready)
        if keeper and guardian.lock_held(guardian.role(self.runtime, "guardian").lock):
            with contextlib.suppress(ProcessLookupError):
                os.kill(keeper, signal.SIGKILL)
        for process in [*reversed(self.processes), self.server]:
            process.kill()
            process.wait()
        shutil.rmtree(self.runtime, ignore_errors=True)

    # --- what is on the screen ----------------------------------------------------------------

    def visible_windows(self, pid: int) -> list[str]:
        return self.x("xdotool", "search", "--onlyvisible", "--pid", str(pid)).split()

    def geometry(self, window: str) -> tuple[int, int, int, int]:
        shown = self.x("xwininfo", "-id", window)
        x, y, w, h = (
            int(re.search(rf"{label}:\s+(-?\d+)", shown)[1])
            for label in ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height")
        )
        return x, y, w, h

    def focus(self) -> str:
        return self.x("xdotool", "getwindowfocus").strip()

    def stacking(self) -> list[str]:
        """The root's children, topmost first (as xwininfo lists them), in decimal."""
        listed = self.x("xwininfo", "-root", "-children")
        return [str(int(found, 16)) for found in re.findall(r"^\s+(0x[0-9a-f]+)", listed, re.M)]

    def frame(self, window: str) -> str:
        """The root's child that holds `window` (the window manager's frame around it)."""
        while True:
            tree = self.x("xwininfo", "-id", window, "-tree")
            root = re.search(r"Root window id: (0x[0-9a-f]+)", tree)[1]
            parent = re.search(r"Parent window id: (0x[0-9a-f]+)", tree)[1]
            if parent == root:
                return window
            window = str(int(parent, 16))

    def grabs_held(self) -> bool:
        """Whether another program is refused the keyboard and the pointer (AlreadyGrabbed):
        what the lock's grab means, asked of the X server itself."""
        x11 = ctypes.CDLL(ctypes.util.find_library("X11"))
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x11.XDefaultRootWindow.restype = ctypes.c_ulong
        x11.XGrabKeyboard.argtypes = (
            [ctypes.c_void_p, ctypes.c_ulong] + [ctypes.c_int] * 3 + [ctypes.c_ulong]
        )
        x11.XGrabPointer.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_uint]
        x11.XGrabPointer.argtypes += [ctypes.c_int, ctypes.c_int] + [ctypes.c_ulong] * 3
        for release in (x11.XUngrabKeyboard, x11.XUngrabPointer):
            release.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        connection = x11.XOpenDisplay(self.name.encode())
        try:
            root = x11.XDefaultRootWindow(connection)
            keyboard = x11.XGrabKeyboard(connection, root, 0, 1, 1, 0)
            pointer = x11.XGrabPointer(connection, root, 0, 0, 1, 1, 0, 0, 0)
            if keyboard == 0:
                x11.XUngrabKeyboard(connection, 0)
            if pointer == 0:
                x11.XUngrabPointer(connection, 0)
        finally:
            x11.XCloseDisplay(connection)
        return keyboard == ALREADY_GRABBED and pointer == ALREADY_GRABBED

    def picture(self, name: str) -> "QImage":  # noqa: F821
        from PySide6.QtGui import QImage

        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        assert self.qt(str(path)).returncode == 0
        return QImage(str(path))


def until(check, seconds: float):
    """Polls `check` until it is true or `seconds` pass; returns its last value."""
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.05)


def color_at(image, x: int, y: int) -> tuple[int, int, int]:
    pixel = image.pixelColor(x, y)
    return pixel.red(), pixel.green(), pixel.blue()


@pytest.fixture
def display():
    shown = Display([(1280, 800)])
    yield shown
    shown.close()


@pytest.fixture
def two_screens():
    shown = Display([(1280, 800), (1024, 768)])
    yield shown
    shown.close()


class Other:
    """xmessage: an ordinary window; clicking its button ends the process."""

    def __init__(self, display: Display):
        self.process = display.start("xmessage", "-geometry", "320x100+100+100", "cửa sổ khác")
        self.window = until(lambda: display.x("xdotool", "search", "--name", "^xmessage$"), 5)
        self.window = self.window.split()[0]
        until(lambda: display.focus() == self.window, 5)  # openbox gave it the focus
        tree = display.x("xwininfo", "-id", self.window, "-tree")
        # The button is the lowest of its inner windows: (w, h, absolute x, absolute y).
        inner = re.findall(r"(\d+)x(\d+)[+-]-?\d+[+-]-?\d+\s+\+(-?\d+)\+(-?\d+)", tree)
        w, h, x, y = map(int, max(inner, key=lambda found: int(found[3])))
        self.button = (x + w // 2, y + h // 2)


def start_agent(display: Display, server: str, config: Path) -> subprocess.Popen:
    ARTIFACTS.mkdir(exist_ok=True)
    command = [sys.executable, "-m", "netpoint.cli", "station", "--server", server]
    command += ["--runtime-dir", str(display.runtime)]
    with open(ARTIFACTS / "station-agent-x11.log", "ab") as log:
        agent = subprocess.Popen(
            [*command, "--config", str(config)], env=display.env, stdout=log, stderr=log
        )
    display.processes.append(agent)
    return agent


def lock_windows(display: Display, agent: subprocess.Popen, count: int) -> list[str]:
    """The agent's visible windows once `count` of them cover their screens."""
    found = until(lambda: len(display.visible_windows(agent.pid)) == count, 20)
    assert found, f"the lock did not come up: {display.visible_windows(agent.pid)}"
    return display.visible_windows(agent.pid)


@pytest.fixture
def locked(display, paired):
    """A paired station's agent, locked, with another window the customer wants."""
    client, _ticks = paired
    other = Other(display)
    agent = start_agent(display, client.settings["server"], client.config_path)
    (lock,) = lock_windows(display, agent, 1)
    assert until(lambda: display.focus() == lock, 5), "the lock did not take the focus"
    return display, lock, other, agent


def lock_holds(display: Display, lock: str, other: Other) -> bool:
    """Within a second: the lock has the focus and is above the other window."""

    def holds() -> bool:
        order = display.stacking()
        frame = display.frame(other.window)
        above = order.index(lock) < order.index(frame)
        return display.focus() == lock and above and display.grabs_held()

    return until(holds, 1.0)


def test_the_lock_holds_the_keyboard_and_pointer_against_other_programs(locked):
    display, _lock, _other, _agent = locked
    assert until(display.grabs_held, 1.0)


def test_keys_that_switch_or_close_windows_do_not_get_past_the_lock(locked):
    display, lock, other, agent = locked
    for keys in ("alt+Tab", "super", "Super_L+d", "alt+F4", "ctrl+Escape", "alt+Escape"):
        display.x("xdotool", "key", keys)
        assert lock_holds(display, lock, other), keys
    assert display.visible_windows(agent.pid) == [lock]


def test_ctrl_alt_function_keys_do_not_get_past_the_lock(locked):
    display, lock, other, _agent = locked
    for number in (1, 2, 7):
        display.x("xdotool", "key", f"ctrl+alt+F{number}")
        assert lock_holds(display, lock, other), number


def test_a_click_on_another_window_does_not_reach_it(locked):
    display, lock, other, _agent = locked
    display.x("xdotool", "mousemove", *map(str, other.button), "click", "1")
    assert lock_holds(display, lock, other)
    time.sleep(0.3)  # had the click reached xmessage's button, xmessage would have ended
    assert other.process.poll() is None


def test_activating_another_window_gives_the_lock_back_within_a_second(locked):
    display, lock, other, _agent = locked
    display.x("xdotool", "windowactivate", other.window)
    assert lock_holds(display, lock, other)
    image = display.picture("station-x11-after-activate.png")
    assert color_at(image, *other.button) == LOCK_BLUE  # the other window stays covered


def test_the_lock_covers_every_screen(two_screens, paired):
    client, _ticks = paired
    assert two_screens.screens == [(0, 0, 1280, 800), (1280, 0, 1024, 768)]
    agent = start_agent(two_screens, client.settings["server"], client.config_path)
    windows = lock_windows(two_screens, agent, 2)
    assert sorted(two_screens.geometry(window) for window in windows) == two_screens.screens
    image = two_screens.picture("station-x11-two-screens.png")
    for x, y, w, h in two_screens.screens:
        assert color_at(image, x + 20, y + 20) == LOCK_BLUE
        assert color_at(image, x + w - 20, y + h - 20) == LOCK_BLUE


def test_the_cashier_types_the_pairing_code_on_the_locked_screen(display, server, cafe, tmp_path):
    config = tmp_path / "station.json"
    agent = start_agent(display, server, config)
    (lock,) = lock_windows(display, agent, 1)
    assert until(lambda: display.focus() == lock, 5)
    display.x("xdotool", "type", "--delay", "20", stations.new_pairing_code(cafe["m1"]))
    display.x("xdotool", "key", "Return")
    assert until(lambda: config.exists() and "token" in config.read_text(), 10)
    cafe["m1"].refresh_from_db()
    assert cafe["m1"].token_hash


def test_a_session_lifts_the_lock_and_its_grab(locked, cafe, make_customer):
    display, lock, other, agent = locked
    sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    assert until(lambda: lock not in display.visible_windows(agent.pid), 5)
    (bar,) = display.visible_windows(agent.pid)
    x, y, w, _h = display.geometry(bar)
    assert 1280 - (x + w) <= 20 and y <= 20  # the timer bar, in the top-right corner
    display.x("xdotool", "windowactivate", other.window)
    assert until(lambda: display.focus() == other.window, 2)
    assert not display.grabs_held()
    time.sleep(0.5)
    assert display.focus() == other.window  # the customer uses the PC


def test_a_monitor_plugged_in_while_locked_is_covered_too(two_screens, paired):
    client, _ticks = paired
    two_screens.x("xrandr", "--delmonitor", "NP1")  # the second monitor is not there yet
    agent = start_agent(two_screens, client.settings["server"], client.config_path)
    lock_windows(two_screens, agent, 1)
    two_screens.x("xrandr", "--setmonitor", "NP1", "1024/300x768/200+1280+0", "none")
    windows = lock_windows(two_screens, agent, 2)
    assert sorted(two_screens.geometry(window) for window in windows) == [
        (0, 0, 1280, 800),
        (1280, 0, 1024, 768),
    ]
