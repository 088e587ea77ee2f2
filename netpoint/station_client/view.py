"""What the customer reads on the station's screen, decided from the point server's last answer.

Pure: the Qt windows (window.py) only put these texts on the screen, so every line the customer
sees is decided, and tested, without a display. Texts are Vietnamese only: the screen is the
customer's, in a Vietnamese café.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from netpoint.common.money import vnd

WALK_IN = "Khách vãng lai: vui lòng gặp thu ngân để mở máy."
OFFLINE = "Không kết nối được máy chủ của điểm. Vui lòng gặp thu ngân."
TIME_UP = "Đã hết thời gian sử dụng. Vui lòng gặp thu ngân."
PAUSED = "Máy đang tạm khóa theo yêu cầu của thu ngân."
UNPAIRED = "Máy chủ của điểm không còn nhận máy này. Thu ngân hãy ghép máy lại."
NO_CODE = "Hãy nhập mã ghép máy."
WAITING = "Máy đang xin ghép lại với máy chủ của điểm. Thu ngân hãy bấm “Duyệt” trên màn hình quầy."


def waiting_text(station: str | None) -> str:
    """What an unpaired station that asked to be paired again says while the cashier decides."""
    return WAITING if not station else f"{WAITING} (Máy {station})"


MAINTENANCE = "Máy đang mở để bảo trì"


def money_text(amount: int) -> str:
    """Whole đồng as Vietnamese writes them: 19883 -> "19.883 đ"."""
    return vnd(amount)


def clock_text(seconds: int | None) -> str:
    if seconds is None:
        return "Không giới hạn"
    hours, rest = divmod(max(seconds, 0), 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def refusal_text(status: int, message: str) -> str:
    """The point server's refusal for the person at the PC; its messages are Vietnamese, but a
    bare status (a proxy's error page, a failed validation) is not, so it is said here."""
    if message and message != f"HTTP {status}":
        return message
    return f"Máy chủ của điểm từ chối yêu cầu (mã {status}). Vui lòng gặp thu ngân."


class Message(NamedTuple):
    id: int
    text: str


def pending_message(messages: list[dict], acknowledged: set[int]) -> Message | None:
    """The oldest cashier's message the customer has not yet pressed "Đã xem" for."""
    for message in messages:
        if message["id"] not in acknowledged:
            return Message(message["id"], message["text"])
    return None


def _seconds_used(session: dict, server_time: str, since_answer: float) -> int:
    started = datetime.fromisoformat(session["started_at"])
    return int((datetime.fromisoformat(server_time) - started).total_seconds() + since_answer)


@dataclass(frozen=True)
class TimerView:
    heading: str  # what the big clock counts
    clock: str
    money: str  # a member's balance, or a walk-in's charge so far
    left: str  # a walk-in's time left when the session has an end; else ""
    warnings: tuple[str, ...]
    can_log_out: bool  # members log out themselves; a walk-in pays at the desk


def timer_view(state: dict, seconds_left: int | None, since_answer: float) -> TimerView:
    """`seconds_left`: lockstate's count-down; `since_answer`: seconds since the answer came,
    so a walk-in's time used keeps counting between answers."""
    warnings = tuple(warning["text"] for warning in state.get("warnings", []))
    session = state.get("session")
    if not session:  # unlocked from the desk for maintenance
        return TimerView(MAINTENANCE, "", "", "", warnings, False)
    if session.get("kind") == "member":
        balance = session.get("balance")
        money = "" if balance is None else f"Số dư: {money_text(balance)}"
        return TimerView("Thời gian còn lại", clock_text(seconds_left), money, "", warnings, True)
    used = _seconds_used(session, state["server_time"], since_answer)
    left = "" if seconds_left is None else f"Còn lại: {clock_text(seconds_left)}"
    money = f"Tiền giờ: {money_text(session.get('charge_so_far', 0))}"
    return TimerView("Thời gian đã dùng", clock_text(used), money, left, warnings, False)


@dataclass(frozen=True)
class LockView:
    notice: str  # why the station is locked, when it is not simply free
    session: str  # a paused session's time and money so far, else ""


def lock_view(reason: str, state: dict | None) -> LockView:
    """`reason`: lockstate.Screen.reason."""
    state = state or {}
    if reason in ("offline", "no_contact"):
        return LockView(OFFLINE, "")
    if reason == "time_up":
        return LockView(TIME_UP, "")
    if state.get("lock_reason") == "cashier_paused":
        # The clock does not run while paused, so only the money is shown, not a time used.
        session = state.get("session") or {}
        if session.get("kind") == "member" and session.get("balance") is not None:
            return LockView(PAUSED, f"Phiên đang tạm dừng. Số dư: {money_text(session['balance'])}")
        if session:
            charge = money_text(session.get("charge_so_far", 0))
            return LockView(PAUSED, f"Phiên đang tạm dừng. Tiền giờ: {charge}")
        return LockView(PAUSED, "")
    return LockView("", "")
