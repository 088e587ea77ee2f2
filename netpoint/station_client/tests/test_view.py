"""What the customer reads: decided from the point server's answer, without a display."""

from netpoint.station_client import view
from netpoint.station_client.view import (
    clock_text,
    lock_view,
    money_text,
    pending_message,
    refusal_text,
    timer_view,
)

ANSWER_TIME = "2026-12-06T05:30:00.000Z"


def walk_in(**session) -> dict:
    return {
        "session": {
            "kind": "walk_in",
            "started_at": "2026-12-06T05:00:00Z",
            "charge_so_far": 19883,
            "balance": None,
            **session,
        },
        "server_time": ANSWER_TIME,
        "warnings": [],
    }


def member(balance: int) -> dict:
    return {
        "session": {
            "kind": "member",
            "started_at": "2026-12-06T05:00:00Z",
            "charge_so_far": 3000,
            "balance": balance,
        },
        "server_time": ANSWER_TIME,
        "warnings": [{"key": "k", "code": "low", "text": "Sắp hết tiền", "seconds_left": 240}],
    }


def test_money_is_written_with_dots_between_thousands_and_the_dong_sign():
    assert money_text(19883) == "19.883 đ"
    assert money_text(0) == "0 đ"
    assert money_text(999) == "999 đ"
    assert money_text(1_250_000) == "1.250.000 đ"
    assert money_text(-5000) == "-5.000 đ"


def test_the_clock_shows_hours_minutes_and_seconds():
    assert clock_text(3725) == "1:02:05"
    assert clock_text(-5) == "0:00:00"
    assert clock_text(None) == "Không giới hạn"


def test_a_walk_in_sees_the_time_used_and_the_money_so_far():
    shown = timer_view(walk_in(), None, since_answer=0)
    assert (shown.heading, shown.clock, shown.money) == (
        "Thời gian đã dùng",
        "0:30:00",
        "Tiền giờ: 19.883 đ",
    )
    assert not shown.can_log_out and shown.left == ""


def test_a_walk_ins_time_used_keeps_counting_between_answers():
    assert timer_view(walk_in(), None, since_answer=75.4).clock == "0:31:15"


def test_a_walk_in_with_a_set_end_also_sees_the_time_left():
    assert timer_view(walk_in(), 600, since_answer=0).left == "Còn lại: 0:10:00"


def test_a_member_sees_the_time_left_the_balance_and_can_log_out():
    shown = timer_view(member(400), 240, since_answer=0)
    assert (shown.heading, shown.clock, shown.money) == (
        "Thời gian còn lại",
        "0:04:00",
        "Số dư: 400 đ",
    )
    assert shown.warnings == ("Sắp hết tiền",) and shown.can_log_out


def test_a_station_open_for_maintenance_says_so():
    shown = timer_view({"session": None, "server_time": ANSWER_TIME}, None, 0)
    assert shown.heading == view.MAINTENANCE and not shown.can_log_out


def test_the_lock_says_why_when_the_cashier_paused_the_session():
    said = lock_view("server", {**walk_in(), "lock_reason": "cashier_paused"})
    assert said.notice == "Máy đang tạm khóa theo yêu cầu của thu ngân."
    assert said.session == "Phiên đang tạm dừng. Tiền giờ: 19.883 đ"


def test_a_paused_members_lock_shows_the_balance():
    said = lock_view("server", {**member(12500), "lock_reason": "cashier_paused"})
    assert said.session == "Phiên đang tạm dừng. Số dư: 12.500 đ"


def test_the_lock_says_when_the_time_is_up_or_the_point_cannot_be_reached():
    assert lock_view("time_up", walk_in()).notice == view.TIME_UP
    assert lock_view("offline", walk_in()).notice == view.OFFLINE
    assert lock_view("no_contact", None).notice == view.OFFLINE


def test_a_free_station_without_a_reason_from_the_point_shows_no_notice():
    assert lock_view("server", {"session": None, "lock_reason": None}) == view.LockView("", "")


def test_the_oldest_message_not_yet_seen_is_the_one_shown():
    messages = [{"id": 3, "text": "một"}, {"id": 5, "text": "hai"}]
    assert pending_message(messages, set()) == view.Message(3, "một")
    assert pending_message(messages, {3}) == view.Message(5, "hai")
    assert pending_message(messages, {3, 5}) is None


def test_a_bare_refusal_is_said_in_vietnamese():
    assert refusal_text(400, "Mã ghép máy không đúng.") == "Mã ghép máy không đúng."
    assert refusal_text(502, "HTTP 502") == (
        "Máy chủ của điểm từ chối yêu cầu (mã 502). Vui lòng gặp thu ngân."
    )
