"""The watchdog's decisions (pure), its locks and the owner's stop file."""

import os
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netpoint.station_client import guardian
from netpoint.station_client.guardian import Backoff, Exit, Seen, decide, start_delay
from netpoint.station_client.tests.system import require_root


def seen(**changes) -> Seen:
    base = {
        "peer_up": False,
        "display_up": True,
        "stop_asked": False,
        "failed_starts": 0,
        "last_start": None,
    }
    return Seen(**(base | changes))


def test_a_running_peer_is_watched():
    assert decide(seen(peer_up=True), 10.0).action == "watch"


def test_a_peer_that_went_is_started_at_once():
    assert decide(seen(last_start=9.9), 10.0).action == "start"


def test_a_peer_never_started_by_this_side_is_started():
    assert decide(seen(), 10.0).action == "start"


def test_the_owners_stop_wins_over_everything():
    decision = decide(seen(stop_asked=True, failed_starts=9, last_start=9.0), 10.0)
    assert (decision.action, decision.reason) == ("stop", "owner")


def test_the_guardian_leaves_when_the_display_is_gone():
    decision = decide(seen(display_up=False), 10.0)
    assert (decision.action, decision.reason) == ("stop", "display_gone")


def test_a_peer_failing_at_start_again_and_again_is_retried_later_and_later():
    delays = [start_delay(n) for n in range(10)]
    assert delays[:3] == [0.0, 0.0, 0.0]
    assert delays[3:8] == [1.0, 2.0, 4.0, 8.0, 16.0]
    assert delays[8:] == [30.0, 30.0]


def test_while_backing_off_it_waits_then_starts():
    waiting = decide(seen(failed_starts=5, last_start=100.0), 103.9)
    assert (waiting.action, waiting.start_at) == ("wait", 104.0)
    assert decide(seen(failed_starts=5, last_start=100.0), 104.0).action == "start"


@given(st.integers(0, 10_000), st.floats(0, 1e6, allow_nan=False))
def test_it_never_gives_up(failed_starts, last_start):
    later = last_start + Backoff().most
    assert decide(seen(failed_starts=failed_starts, last_start=last_start), later).action == (
        "start"
    )


@pytest.mark.parametrize("sent", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_peer_killed_before_it_came_up_is_not_a_failed_start(sent):
    assert guardian.failures_after(4, Exit(came_up=False, returncode=-sent)) == 4


@pytest.mark.parametrize("returncode", [1, 0, -signal.SIGSEGV, -signal.SIGABRT])
def test_a_peer_exiting_by_itself_before_it_came_up_is_a_failed_start(returncode):
    assert guardian.failures_after(4, Exit(came_up=False, returncode=returncode)) == 5


def test_a_peer_that_came_up_clears_the_failures_however_it_went():
    # xkill: the X connection broke, Qt exits with 1; it had come up, so back at once.
    assert guardian.failures_after(7, Exit(came_up=True, returncode=1)) == 0


def test_a_peer_that_was_not_our_child_went_in_a_way_we_cannot_know():
    assert guardian.failures_after(2, Exit(came_up=False, returncode=None)) == 2


def test_a_roles_lock_is_held_by_one_process_only(tmp_path):
    lock = tmp_path / "ui.lock"
    assert not guardian.lock_held(lock)
    fd = guardian.take_lock(lock)
    assert fd is not None and guardian.lock_held(lock)
    other = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from netpoint.station_client import guardian;"
            f" sys.exit(guardian.take_lock(Path({str(lock)!r}), 0.2) is None)",
        ],
        check=False,
    )
    assert other.returncode == 1
    os.close(fd)
    assert not guardian.lock_held(lock)


def test_a_lock_held_by_a_killed_process_is_free(tmp_path):
    lock = tmp_path / "guardian.lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from pathlib import Path; from netpoint.station_client import guardian;"
            f" guardian.take_lock(Path({str(lock)!r})); print(flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
    )
    holder.stdout.readline()
    assert guardian.lock_held(lock)
    holder.kill()
    holder.wait()
    assert not guardian.lock_held(lock)


def test_the_owners_stop_file_is_honoured(tmp_path):
    require_root()  # chown to root and to another account
    (tmp_path / "stop").touch()
    os.chown(tmp_path / "stop", 0, 0)
    assert guardian.stop_asked(tmp_path)


def test_a_stop_file_the_customer_made_is_ignored(tmp_path):
    require_root()  # chown to root and to another account
    (tmp_path / "stop").touch()
    os.chown(tmp_path / "stop", 1000, 1000)  # the customer's account, not root
    assert not guardian.stop_asked(tmp_path)


def test_a_symlink_to_a_busy_root_file_is_not_a_stop(tmp_path):
    require_root()  # chown to root and to another account
    busy = tmp_path / "busy-root-file"
    busy.touch()
    os.chown(busy, 0, 0)
    (tmp_path / "stop").symlink_to(busy)
    assert not guardian.stop_asked(tmp_path)


def test_an_old_stop_file_stops_nothing(tmp_path):
    require_root()  # chown to root and to another account
    (tmp_path / "stop").touch()
    os.chown(tmp_path / "stop", 0, 0)
    assert not guardian.stop_asked(tmp_path, time.time() + guardian.STOP_FRESH_FOR + 1)


def test_a_ui_that_cannot_come_up_is_retried_without_burning_the_pc(tmp_path):
    """A real guardian, a UI command that exits at once: a handful of starts, not hundreds."""
    starts = tmp_path / "starts"
    failing_ui = [sys.executable, "-c", f"open({str(starts)!r}, 'a').write('.'); exit(3)"]
    env = dict(os.environ, DISPLAY="", WAYLAND_DISPLAY="")
    watched = subprocess.Popen(
        [sys.executable, "-m", "netpoint.station_client.guardian", "--runtime-dir", str(tmp_path)]
        + ["--", *failing_ui],
        env=env,
    )
    try:
        deadline = time.monotonic() + 10
        while (
            time.monotonic() < deadline and len(starts.read_text() if starts.exists() else "") < 4
        ):
            time.sleep(0.05)
        first_four = time.monotonic()
        assert len(starts.read_text()) == 4  # three at once, then one after a second
        while time.monotonic() < first_four + 2.5:
            time.sleep(0.05)
        # The fifth waits 2 s after the fourth, the sixth 4 s more: at most five by now.
        assert len(starts.read_text()) <= 5
        assert watched.poll() is None  # and it never gives up
    finally:
        watched.kill()
        watched.wait()


def test_stopping_where_no_lock_screen_runs_says_so(tmp_path, capsys):
    require_root()
    from netpoint.station_client import command

    assert command.main(["--stop", "--runtime-dir", str(tmp_path)]) == 1
    assert "không có màn hình khóa nào chạy" in capsys.readouterr().err


def test_a_ui_program_that_cannot_be_run_is_a_failed_start_not_a_crash(tmp_path):
    missing_ui = guardian.Peer(
        guardian.role(tmp_path, "ui"), [str(tmp_path / "no-such-program")], {}, None
    )
    for second in range(4):
        assert missing_ui.step(tmp_path, float(second)).action == "start"
    assert missing_ui.failed_starts == 4
    assert missing_ui.step(tmp_path, 4.0).action == "wait"
