"""The lock screen and timer window, offscreen, against a real point server."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from netpoint.point.sessions import services as sessions  # noqa: E402
from netpoint.station_client.window import StationWindows, clock_text  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True)
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


@pytest.fixture(scope="module")
def qt():
    return QApplication.instance() or QApplication([])


@pytest.fixture
def windows(qt, paired):
    client, ticks = paired
    shown = StationWindows(client)
    shown.refresh()
    yield shown, ticks
    shown.polls.stop()
    shown.ticks.stop()
    shown.lock.hide()
    shown.timer.hide()


def log_in(shown, username, password):
    shown.lock.username.setText(username)
    shown.lock.password.setText(password)
    shown.lock.login_button.click()


def test_lock_login_timer_warning_and_lock_again(windows, cafe, make_member, cashier):
    shown, _ticks = windows
    assert shown.lock.isVisible() and not shown.timer.isVisible()
    assert shown.lock.title.text() == "Quán Net Thử Nghiệm"
    make_member(balance=400, username="an.nguyen")  # four minutes: the money is running out
    log_in(shown, "an.nguyen", "mat-khau-hoi-vien")
    assert shown.timer.isVisible() and not shown.lock.isVisible()
    assert shown.timer.time_left.text() in ("0:04:00", "0:03:59")
    assert "Sắp hết tiền" in shown.timer.warnings.text()
    assert shown.timer.balance.text().startswith("Số dư:")
    ARTIFACTS.mkdir(exist_ok=True)
    shown.timer.grab().save(str(ARTIFACTS / "station-timer.png"))
    session = cafe["m1"].sessions.get(ended_at__isnull=True)
    sessions.check_out(session, cashier)  # ended from the cashier's desk
    shown.refresh()
    assert shown.lock.isVisible() and not shown.timer.isVisible()
    assert shown.lock.username.text() == ""
    shown.lock.resize(1024, 640)
    shown.lock.grab().save(str(ARTIFACTS / "station-lock.png"))


def test_a_wrong_password_is_said_on_the_lock_screen(windows, make_member):
    shown, _ticks = windows
    make_member(balance=6000, username="an.nguyen")
    log_in(shown, "an.nguyen", "sai")
    assert shown.lock.isVisible()
    assert "không đúng" in shown.lock.error.text()
    assert shown.lock.password.echoMode() == shown.lock.password.EchoMode.Password


def test_the_screen_locks_when_time_runs_out_without_the_server(windows, make_member):
    shown, ticks = windows
    make_member(balance=200, username="an.nguyen")  # two minutes
    log_in(shown, "an.nguyen", "mat-khau-hoi-vien")
    assert shown.timer.isVisible()
    shown.client.settings["server"] = "http://127.0.0.1:9"  # the network is gone
    ticks.now += 121
    shown.refresh()
    assert shown.lock.isVisible() and not shown.timer.isVisible()


def test_the_lock_screen_cannot_be_closed(windows):
    shown, _ticks = windows
    shown.lock.close()
    assert shown.lock.isVisible()


def test_a_walk_in_has_no_logout_button(windows, cafe, make_customer):
    shown, _ticks = windows
    sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    shown.refresh()
    assert shown.timer.isVisible() and not shown.timer.logout_button.isVisible()
    assert shown.timer.time_left.text() == "Không giới hạn"


def test_clock_text():
    assert clock_text(3725) == "1:02:05"
    assert clock_text(-5) == "0:00:00"
    assert clock_text(None) == "Không giới hạn"


def test_a_cashiers_message_shows_and_is_acknowledged(windows, cafe):
    from netpoint.point.stations import services as stations
    from netpoint.point.stations.models import StationMessage

    shown, _ticks = windows
    message = stations.send_message(cafe["m1"], "Máy sẽ bảo trì lúc 23:00")
    shown.client.poll()
    shown.show_screen()
    assert shown.lock.message.text() == "Máy sẽ bảo trì lúc 23:00"
    shown.client.heartbeat()
    message.refresh_from_db()
    assert message.acknowledged_at is not None
    assert StationMessage.objects.filter(acknowledged_at__isnull=True).count() == 0
