"""The semi-annual report's calendar (first week of January and July) and its reminders."""

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command

from netpoint.provider.modules.games import deadlines
from netpoint.provider.modules.games.models import SemiannualReport

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]


@pytest.fixture
def person(django_user_model):
    def make(name: str, role: str):
        user = django_user_model.objects.create_user(
            name, email=f"{name}@trochoi.example", password="mat-khau-dai-1"
        )
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


def saved_report(year: int, half: int) -> SemiannualReport:
    return SemiannualReport.objects.create(
        year=year,
        half=half,
        number="3/BC",
        place="Hà Nội",
        dated=date(2026, 7, 2),
        company="Công ty Thử",
        capacity_accounts=1000,
        security_plan="Sao lưu.",
        signer_title="Giám đốc",
        signer_name="Nguyễn Văn Ký",
    )


def july(outbox) -> list:
    return [m for m in outbox if "07/07/2026" in m.subject]


def test_the_year_has_two_reports_due_in_the_first_week_of_january_and_july():
    found = deadlines.calendar(2026, date(2026, 3, 1))
    assert [(d.due.due_on, d.due.period_from, d.due.period_to) for d in found] == [
        (date(2026, 1, 7), date(2025, 7, 1), date(2025, 12, 31)),
        (date(2026, 7, 7), date(2026, 1, 1), date(2026, 6, 30)),
    ]
    assert [d.status for d in found] == ["overdue", "upcoming"]


def test_a_saved_report_makes_its_half_year_done():
    saved_report(2026, 1)
    found = deadlines.calendar(2026, date(2026, 7, 20))
    assert found[1].status == "done" and found[1].report.number == "3/BC"


def test_the_reminder_goes_on_the_first_of_july_to_the_report_makers_once(clock, person):
    clock.set(datetime(2026, 7, 1, 1, 0, tzinfo=UTC))  # 08:00 in Hanoi
    person("baocao", "games_reporter")
    mail.outbox.clear()
    call_command("games_report_reminders")
    sent = july(mail.outbox)
    assert len(sent) == 1 and sent[0].to == ["baocao@trochoi.example"]
    assert "tính đến ngày 30/06/2026" in sent[0].body
    assert "Bộ Văn hóa, Thể thao và Du lịch" in sent[0].body
    call_command("games_report_reminders")
    assert len(july(mail.outbox)) == 1


def test_no_reminder_before_the_first_of_the_month(clock, person):
    clock.set(datetime(2026, 6, 29, 1, 0, tzinfo=UTC))
    person("baocao", "games_reporter")
    mail.outbox.clear()
    deadlines.send_reminders()
    assert july(mail.outbox) == []


def test_a_report_already_made_is_not_reminded(clock, person):
    clock.set(datetime(2026, 7, 5, 1, 0, tzinfo=UTC))
    person("baocao", "games_reporter")
    saved_report(2026, 1)
    mail.outbox.clear()
    deadlines.send_reminders()
    assert july(mail.outbox) == []


def test_those_who_do_not_make_the_report_get_no_reminder(clock, person):
    clock.set(datetime(2026, 7, 1, 1, 0, tzinfo=UTC))
    person("vanhanh", "provider_operator")
    mail.outbox.clear()
    deadlines.send_reminders()
    assert mail.outbox == []


def test_the_reports_page_shows_the_calendar(client, clock, person):
    clock.set(datetime(2026, 7, 20, 3, 0, tzinfo=UTC))
    client.force_login(person("baocao", "games_reporter"))
    saved_report(2026, 1)
    page = client.get("/tro-choi/bao-cao/").content.decode()
    calendar = page.split('id="deadlines"')[1].split("</table>")[0]
    assert "Từ 01/01/2026 đến 30/06/2026" in calendar
    assert "Tuần đầu tiên của tháng, chậm nhất 07/07/2026" in calendar
    assert "Đã lập (số 3/BC)" in calendar
    assert "Quá hạn" in calendar  # January 2026's, for the second half of 2025
    assert "Sắp đến hạn" in calendar  # January 2027's


def test_the_calendar_reads_in_english(client, clock, person):
    clock.set(datetime(2026, 7, 20, 3, 0, tzinfo=UTC))
    client.force_login(person("baocao", "games_reporter"))
    client.cookies["django_language"] = "en"
    page = client.get("/tro-choi/bao-cao/").content.decode()
    assert "First week of the month, by 07/07/2026 at the latest" in page
    assert "Tuần đầu tiên" not in page and "Lịch báo cáo" not in page
