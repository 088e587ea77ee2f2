"""The lock screen and the timer bar, offscreen, against a real point server.

What is asserted is what shows: a widget's isVisible() (which needs its window shown too), and
a picture of it in test-artifacts/ for a person to look at.
"""

import os
import re
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from netpoint.point.sessions import services as sessions  # noqa: E402
from netpoint.point.stations import services as stations  # noqa: E402
from netpoint.point.stations.models import StationMessage  # noqa: E402
from netpoint.station_client import view  # noqa: E402
from netpoint.station_client.client import StationClient  # noqa: E402
from netpoint.station_client.window import StationWindows  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True)
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
SCREEN = (1280, 800)  # a café PC's screen, for the pictures


@pytest.fixture(scope="module")
def qt():
    return QApplication.instance() or QApplication([])


def picture(widget, name: str, size=None) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    if size:
        widget.resize(*size)
    widget.grab().save(str(ARTIFACTS / name))


@pytest.fixture
def windows(qt, paired):
    client, ticks = paired
    shown = StationWindows(client)
    shown.refresh()
    yield shown, ticks
    shown.stop()


@pytest.fixture
def unpaired(qt, server, tmp_path):
    shown = StationWindows(StationClient(tmp_path / "station.json", server))
    shown.refresh()
    yield shown
    shown.stop()


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
    assert shown.timer.clock.text() in ("0:04:00", "0:03:59")
    assert shown.timer.warnings.isVisible() and "Sắp hết tiền" in shown.timer.warnings.text()
    assert re.fullmatch(r"Số dư: [1-4]\d\d đ", shown.timer.money.text())
    assert shown.timer.logout_button.isVisible()
    picture(shown.timer, "station-timer-bar.png")
    session = cafe["m1"].sessions.get(ended_at__isnull=True)
    sessions.check_out(session, cashier)  # ended from the cashier's desk
    shown.refresh()
    assert shown.lock.isVisible() and not shown.timer.isVisible()
    assert shown.lock.username.text() == ""
    picture(shown.lock, "station-lock.png", SCREEN)


def test_the_lock_covers_the_whole_primary_screen(windows):
    shown, _ticks = windows
    assert shown.lock.geometry() == QGuiApplication.primaryScreen().geometry()
    assert shown.lock.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert shown.lock.windowFlags() & Qt.WindowType.WindowStaysOnTopHint


def test_a_member_logs_out_from_the_timer_bar(windows, make_member):
    shown, _ticks = windows
    make_member(balance=6000, username="an.nguyen")
    log_in(shown, "an.nguyen", "mat-khau-hoi-vien")
    shown.timer.logout_button.click()
    assert shown.lock.isVisible() and not shown.timer.isVisible()


def test_the_timer_is_a_small_frameless_bar_in_the_top_right_corner(windows, make_member):
    shown, _ticks = windows
    make_member(balance=6000, username="an.nguyen")
    log_in(shown, "an.nguyen", "mat-khau-hoi-vien")
    area = QGuiApplication.primaryScreen().availableGeometry()
    bar = shown.timer.frameGeometry()
    assert shown.timer.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert shown.timer.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert area.right() - bar.right() <= 20 and bar.top() - area.top() <= 20
    assert bar.width() < area.width() / 2 and bar.height() < area.height() / 3


def test_a_wrong_password_is_said_on_the_lock_screen(windows, make_member):
    shown, _ticks = windows
    make_member(balance=6000, username="an.nguyen")
    log_in(shown, "an.nguyen", "sai")
    assert shown.lock.isVisible() and shown.lock.error.isVisible()
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
    assert shown.lock.notice.isVisible() and shown.lock.notice.text() == view.TIME_UP


def test_the_lock_screen_cannot_be_closed(windows):
    shown, _ticks = windows
    shown.lock.close()
    assert shown.lock.isVisible()


def test_a_walk_in_sees_time_used_and_money_so_far_and_no_logout(windows, cafe, make_customer):
    shown, ticks = windows
    sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    shown.refresh()
    assert shown.timer.isVisible() and not shown.timer.logout_button.isVisible()
    assert shown.timer.heading.text() == "Thời gian đã dùng"
    assert re.fullmatch(r"Tiền giờ: \d{1,3}(\.\d{3})* đ", shown.timer.money.text())
    ticks.now += 65  # the clock counts on between the point server's answers
    shown.show_screen()
    assert shown.timer.clock.text() >= "0:01:05"


def test_a_station_the_cashier_paused_shows_the_lock_saying_so(
    windows, cafe, make_customer, cashier
):
    shown, _ticks = windows
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    shown.refresh()
    assert shown.timer.isVisible()
    sessions.pause(session, cashier)  # "Khóa máy" → "Tạm dừng phiên" at the desk
    shown.refresh()
    assert shown.lock.isVisible() and not shown.timer.isVisible()
    assert shown.lock.notice.isVisible()
    assert shown.lock.notice.text() == "Máy đang tạm khóa theo yêu cầu của thu ngân."
    assert shown.lock.session.isVisible() and "Phiên đang tạm dừng" in shown.lock.session.text()
    picture(shown.lock, "station-paused.png", SCREEN)
    sessions.resume(session, cashier)
    shown.refresh()
    assert shown.timer.isVisible() and not shown.lock.isVisible()


def test_a_cashiers_message_shows_until_the_customer_presses_seen(windows, cafe):
    shown, _ticks = windows
    message = stations.send_message(cafe["m1"], "Máy sẽ bảo trì lúc 23:00")
    shown.refresh()
    panel = shown.lock.messages
    assert panel.isVisible() and panel.text.text() == "Máy sẽ bảo trì lúc 23:00"
    picture(shown.lock, "station-message.png", SCREEN)
    shown.client.heartbeat()  # shown is not seen: nothing is acknowledged yet
    message.refresh_from_db()
    assert message.acknowledged_at is None
    shown.refresh()
    assert panel.isVisible()
    panel.seen_button.click()
    assert not panel.isVisible()


def test_a_message_is_acknowledged_only_after_the_customer_pressed_seen(windows, cafe):
    shown, _ticks = windows
    message = stations.send_message(cafe["m1"], "Máy sẽ bảo trì lúc 23:00")
    shown.refresh()
    shown.lock.messages.seen_button.click()
    shown.client.heartbeat()
    message.refresh_from_db()
    assert message.acknowledged_at is not None
    assert StationMessage.objects.filter(acknowledged_at__isnull=True).count() == 0


def test_a_cashiers_message_shows_on_the_timer_bar_during_a_session(windows, make_member, cafe):
    shown, _ticks = windows
    make_member(balance=6000, username="an.nguyen")
    log_in(shown, "an.nguyen", "mat-khau-hoi-vien")
    stations.send_message(cafe["m1"], "Bạn còn 10 phút nữa là hết giờ mở cửa.")
    shown.refresh()
    panel = shown.timer.messages
    assert panel.isVisible() and panel.text.text() == "Bạn còn 10 phút nữa là hết giờ mở cửa."
    picture(shown.timer, "station-timer-message.png")
    panel.seen_button.click()
    assert not panel.isVisible() and shown.timer.isVisible()


def test_an_unpaired_station_asks_for_the_pairing_code_on_its_lock_screen(unpaired):
    lock = unpaired.lock
    assert lock.isVisible() and lock.code.isVisible() and lock.pair_button.isVisible()
    assert not lock.username.isVisible()
    picture(lock, "station-pairing.png", SCREEN)


def test_a_wrong_pairing_code_is_said_on_the_lock_screen(unpaired):
    unpaired.lock.code.setText("ABCD-EFGH")
    unpaired.lock.pair_button.click()
    assert unpaired.lock.error.isVisible()
    assert unpaired.lock.error.text() == "Mã ghép máy không đúng hoặc đã hết hạn."
    assert unpaired.lock.code.isVisible() and not unpaired.client.paired


def test_an_empty_pairing_code_is_asked_for(unpaired):
    unpaired.lock.pair_button.click()
    assert unpaired.lock.error.text() == view.NO_CODE


def test_the_cashier_pairs_the_station_from_its_lock_screen(unpaired, cafe):
    unpaired.lock.code.setText(stations.new_pairing_code(cafe["m1"]))
    unpaired.lock.pair_button.click()
    assert unpaired.client.paired and unpaired.client.settings["station"] == "M01"
    assert unpaired.lock.username.isVisible() and not unpaired.lock.code.isVisible()
    assert unpaired.lock.title.text() == "Quán Net Thử Nghiệm"


def test_a_reset_station_asks_on_its_lock_to_be_paired_again_until_the_cashier_approves(
    qt, server, cafe, tmp_path, client, cashier
):
    from netpoint.point.stations.models import RegistrationRequest

    cafe["m1"].mac = "AA:BB:CC:DD:EE:01"
    cafe["m1"].save()
    agent = StationClient(tmp_path / "station.json", server)
    agent.settings["mac"] = "AA:BB:CC:DD:EE:01"  # the card a frozen image boots with
    shown = StationWindows(agent, register=True)
    try:
        shown.refresh()
        assert shown.lock.isVisible() and shown.lock.error.isVisible()
        assert shown.lock.error.text().startswith("Máy đang xin ghép lại")
        assert "(Máy M01)" in shown.lock.error.text()
        picture(shown.lock, "station-asks-to-pair-again.png", SCREEN)
        client.force_login(cashier)
        pk = RegistrationRequest.objects.get().pk
        client.post(f"/stations/registrations/{pk}/approve/")
        shown.refresh()
        assert agent.paired and not shown.pairing
        assert shown.lock.isVisible() and shown.lock.username.isVisible()
        assert not shown.lock.error.text()
    finally:
        shown.stop()


def test_a_station_the_point_no_longer_knows_asks_to_be_paired_again(windows, cafe):
    shown, _ticks = windows
    shown.client.settings["token"] = "not-the-token"
    shown.refresh()
    assert shown.lock.code.isVisible() and shown.lock.error.text() == view.UNPAIRED
