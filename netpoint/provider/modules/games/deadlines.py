"""When the semi-annual report is due and who is reminded: the provider's report calendar
(netpoint.provider.reports.due) on the games module's schedule, its reminders mailed once each
as the provider's reports' are (netpoint.provider.reports.reminders)."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from netpoint.common.core import clock
from netpoint.common.core.policy import local_tz
from netpoint.provider.modules.games.conf import conf
from netpoint.provider.modules.games.models import SemiannualReport
from netpoint.provider.reports import due, reminders

KIND = "games_semiannual"


@dataclass(frozen=True)
class Deadline:
    due: due.Due
    status: str  # done, overdue, upcoming
    report: SemiannualReport | None


def _half(period_to: date) -> int:
    return 1 if period_to.month == 6 else 2


def calendar(year: int, today: date) -> list[Deadline]:
    """The year's two reports: each done once its half-year's report is saved."""
    found = []
    for item in due.periodic(KIND, conf().report_schedule, year):
        report = SemiannualReport.objects.filter(
            year=item.period_to.year, half=_half(item.period_to)
        ).first()
        found.append(Deadline(item, due.status(item, report is not None, today), report))
    return found


def send_reminders(today: date | None = None) -> reminders.Reminded:
    """Mail those who make the report about a report due soon or overdue, each reminder once."""
    now = clock.now()
    today = today or now.astimezone(local_tz()).date()
    return reminders.remind(
        calendar(today.year, today) + calendar(today.year - 1, today),
        today,
        conf().report_remind_days_before,
        now,
        lambda deadline: (_subject(deadline), _body(deadline)),
        reminders.makers("games", "add_semiannualreport"),
    )


def _subject(deadline: Deadline) -> str:
    return _("[Netpoint] Báo cáo 6 tháng về trò chơi trực tuyến đến hạn ngày %(day)s") % {
        "day": f"{deadline.due.due_on:%d/%m/%Y}"
    }


def _body(deadline: Deadline) -> str:
    return _(
        "Báo cáo tình hình phát triển và hoạt động cung cấp dịch vụ trò chơi trực tuyến tính "
        "đến ngày %(end)s phải gửi trong tuần đầu tiên của tháng, chậm nhất ngày %(day)s, tới "
        "%(ministry)s và sở của các tỉnh, thành phố có người chơi. Lập báo cáo trên trang "
        "Báo cáo 6 tháng của Netpoint."
    ) % {
        "end": f"{deadline.due.period_to:%d/%m/%Y}",
        "day": f"{deadline.due.due_on:%d/%m/%Y}",
        "ministry": conf().agency.ministry,
    }
