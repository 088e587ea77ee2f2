"""A violation in plain words: its evidence as labelled lines in a fixed order (a start before
its end, whatever order the stored JSON keeps its keys in), and a one-line summary. The page,
the printable record, the .xlsx export and the mail all say it the same way."""

from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netpoint.provider.monitoring.models import Violation
from netpoint.provider.registry.licences import LicenceState, licence_wording

# In the order they are shown.
LABELS = {
    "session": gettext_lazy("Phiên sử dụng"),
    "station": gettext_lazy("Máy trạm"),
    "started_at": gettext_lazy("Bắt đầu"),
    "ended_at": gettext_lazy("Kết thúc"),
    "opens": gettext_lazy("Giờ mở cửa"),
    "closes": gettext_lazy("Giờ đóng cửa"),
    "minutes_outside": gettext_lazy("Số phút ngoài giờ"),
    "day": gettext_lazy("Ngày"),
    "age": gettext_lazy("Tuổi"),
    "minutes_played": gettext_lazy("Số phút đã chơi"),
    "limit_minutes": gettext_lazy("Giới hạn (phút)"),
    "sessions": gettext_lazy("Các phiên"),
    "reasons": gettext_lazy("Lý do"),
    "last_heartbeat": gettext_lazy("Tín hiệu cuối"),
    "stations_in_use": gettext_lazy("Số máy đang dùng khi đó"),
    "silent_minutes": gettext_lazy("Số phút mất liên lạc"),
    "software_version": gettext_lazy("Phiên bản điểm báo"),
    "software_hash": gettext_lazy("Mã băm điểm báo"),
    "reported_at": gettext_lazy("Thời điểm báo"),
    "newest_version": gettext_lazy("Phiên bản mới nhất đã phát hành"),
    "expires_on": gettext_lazy("Ngày hết hạn"),
    "days_left": gettext_lazy("Tình trạng"),
    "address": gettext_lazy("Địa chỉ máy khách"),
    "first_minute": gettext_lazy("Từ"),
    "last_minute": gettext_lazy("Đến"),
    "lines": gettext_lazy("Số lượt truy cập"),
    "destinations": gettext_lazy("Địa chỉ đã truy cập"),
    "noticed_at": gettext_lazy("Điểm phát hiện lúc"),
}
# Said by the kind already, or only the program's own bookkeeping.
UNSHOWN = {"state", "point_id"}
REASONS = {
    "registered_after_start": gettext_lazy("khách được đăng ký sau khi phiên bắt đầu"),
    "unknown_document": gettext_lazy("loại giấy tờ không được chấp nhận"),
    "no_guardian": gettext_lazy("trẻ em không có người giám hộ"),
}
LICENCE_KINDS = {
    Violation.Kind.LICENCE_EXPIRED: "expired",
    Violation.Kind.LICENCE_EXPIRING: "expiring",
}


class EvidenceLine(NamedTuple):
    label: str
    text: str


def session_number(number) -> str:
    # The point's own number of the session, not a count of sessions.
    return _("Phiên số %(number)s tại điểm") % {"number": number}


def _session_text(session: dict) -> str:
    return _("%(session)s, máy %(station)s, bắt đầu %(start)s, kết thúc %(end)s") % {
        "session": session_number(session["session"]),
        "station": session["station"],
        "start": session["started_at"],
        "end": session["ended_at"] or _("chưa kết thúc"),
    }


def _text(violation: Violation, name: str, value) -> str:
    if name == "session":
        return session_number(value)
    if name == "reasons":
        return "; ".join(str(REASONS.get(r, r)) for r in value)
    if name == "destinations":
        return ", ".join(value)
    if name == "station" and value is None:
        return _("Không phải máy trạm của điểm")
    if name == "ended_at" and value is None:
        return _("chưa kết thúc")
    if name == "sessions":
        return "; ".join(_session_text(s) for s in value)
    if name == "days_left" and violation.kind in LICENCE_KINDS:
        return licence_wording(LicenceState(LICENCE_KINDS[violation.kind], value))
    return str(value)


def evidence(violation: Violation) -> list[EvidenceLine]:
    order = list(LABELS)
    shown = [(name, value) for name, value in violation.evidence.items() if name not in UNSHOWN]
    shown.sort(key=lambda item: order.index(item[0]) if item[0] in order else len(order))
    return [
        EvidenceLine(str(LABELS.get(name, name)), _text(violation, name, value))
        for name, value in shown
    ]


def summary(violation: Violation) -> str:
    """The kind, and for a licence how long it has left or has been expired."""
    days = violation.evidence.get("days_left")
    if violation.kind in LICENCE_KINDS and days is not None:
        return licence_wording(LicenceState(LICENCE_KINDS[violation.kind], days))
    return violation.get_kind_display()
