"""Generating on the page, bad input, downloads, the calendar and its reminders."""

import io
import socket
from datetime import UTC, date, datetime

import pytest
from django.core import mail
from django.core.management import call_command
from docx import Document

from netpoint.common.audit.models import AuditEntry
from netpoint.provider.monitoring.models import ReleasedSoftware
from netpoint.provider.reports import due
from netpoint.provider.reports.models import ReminderSent, Report

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]


def form(enterprise, **extra):
    return {
        "kind": "wifi",
        "enterprise": enterprise.pk,
        "province_code": "",
        "period_from": "2026-01-01",
        "period_to": "2026-03-31",
        "number": "7/BC-TN",
        "place": "Hà Nội",
        "addressee": "Sở Khoa học và Công nghệ thành phố Hà Nội",
        "signer_title": "Giám đốc",
        "signer_name": "Trần Thị Ký",
    } | extra


def test_generate_read_and_download(client, clock, staff, enterprise, provider_point):
    provider_point("WF-0001", point_type="wifi", venue_type="cafe")
    maker = staff("baocao", "compliance_officer")
    client.force_login(maker)
    answer = client.post("/bao-cao/lap/", form(enterprise))
    assert answer.status_code == 302
    report = Report.objects.get()
    assert report.generated_by == maker and report.number == "7/BC-TN"
    page = client.get(answer["Location"]).content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page and "Trần Thị Ký" in page
    download = client.get(f"/bao-cao/{report.pk}/tai/docx/")
    assert download["Content-Disposition"].endswith('.docx"')
    assert "Số: 7/BC-TN" in Document(io.BytesIO(download.content)).tables[0].rows[0].cells[0].text
    assert client.get(f"/bao-cao/{report.pk}/tai/pdf/").status_code == 404
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"report_generated", "report_downloaded"} <= actions


def test_a_report_left_without_addressee_goes_to_its_duty_s_agencies(
    client, clock, staff, enterprise, provider_point
):
    provider_point("WF-0001", point_type="wifi", venue_type="cafe")
    client.force_login(staff("baocao", "compliance_officer"))
    answer = client.post("/bao-cao/lap/", form(enterprise, addressee="", province_code="1"))
    page = client.get(answer["Location"]).content.decode()
    assert "Bộ Khoa học và Công nghệ; Sở Khoa học và Công nghệ thành phố Hà Nội" in page


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"period_to": "2025-12-01"}, "Ngày kết thúc phải sau ngày bắt đầu."),
        ({"period_to": "2029-01-01"}, "Kỳ báo cáo dài nhất là hai năm."),
        ({"kind": "tax"}, "Hãy chọn một lựa chọn hợp lệ"),
        ({"period_from": "31/02/2026"}, "Nhập một ngày hợp lệ."),
        ({"signer_name": ""}, "Trường này là bắt buộc."),
        ({"province_code": "9999"}, "Hãy chọn một lựa chọn hợp lệ"),
    ],
)
def test_bad_input_is_refused_in_vietnamese(client, staff, enterprise, bad, message):
    client.force_login(staff("baocao", "compliance_officer"))
    answer = client.post("/bao-cao/lap/", form(enterprise, **bad))
    assert answer.status_code == 422
    assert message in answer.content.decode()
    assert Report.objects.count() == 0


def test_the_due_dates_of_a_year():
    schedule = [
        {"month": 1, "day": 15, "ends_month": 1, "covers_months": 6},
        {"month": 7, "day": 15, "ends_month": 7, "covers_months": 6},
    ]
    january, july = due.periodic("operation", schedule, 2026)
    assert (january.due_on, january.period_from, january.period_to) == (
        date(2026, 1, 15),
        date(2025, 7, 1),
        date(2025, 12, 31),
    )
    assert (july.period_from, july.period_to) == (date(2026, 1, 1), date(2026, 6, 30))
    [wifi] = due.periodic(
        "wifi", [{"month": 11, "day": 15, "ends_month": 11, "covers_months": 10}], 2026
    )
    assert (wifi.period_from, wifi.period_to) == (date(2026, 1, 1), date(2026, 10, 31))
    assert due.reminders_due(wifi, date(2026, 11, 1), [14, 3, 0]) == [14]
    assert due.reminders_due(wifi, date(2026, 11, 20), [14, 3, 0]) == [14, 3, 0]


def test_the_calendar_shows_done_overdue_and_upcoming(client, clock, staff, enterprise):
    clock.set(datetime(2026, 7, 20, 3, 0, tzinfo=UTC))
    ReleasedSoftware.objects.create(
        version="2.0", software_hash="c" * 64, released_on=date(2026, 8, 1)
    )
    maker = staff("baocao", "compliance_officer")
    client.force_login(maker)
    client.post(
        "/bao-cao/lap/",
        form(enterprise, kind="operation", period_from="2025-07-01", period_to="2025-12-31"),
    )
    page = client.get("/bao-cao/lich/?year=2026").content.decode()
    assert page.count('class="done"') == 1  # January's periodic report
    assert page.count('class="overdue"') == 1  # July's
    assert page.count('class="upcoming"') == 2  # the software change of 1 August, Wi-Fi
    assert "16/08/2026" in page and "15/11/2026" in page
    assert client.get("/bao-cao/lich/?year=abc").status_code == 200


def test_reminders_go_once_to_the_report_makers(clock, staff, django_user_model):
    clock.set(datetime(2026, 7, 2, 3, 0, tzinfo=UTC))  # 13 days before the July report
    maker = staff("baocao", "compliance_officer")
    maker.email = "baocao@doanhnghiep.example"
    maker.save()
    bystander = staff("vanhanh", "provider_operator")
    bystander.email = "vanhanh@doanhnghiep.example"
    bystander.save()
    call_command("report_reminders")
    sent = [m for m in mail.outbox if "15/07/2026" in m.subject]
    assert len(sent) == 1 and sent[0].to == ["baocao@doanhnghiep.example"]
    assert "01/01/2026 đến 30/06/2026" in sent[0].body
    before = len(mail.outbox)
    call_command("report_reminders")
    assert len(mail.outbox) == before
    clock.set(datetime(2026, 7, 13, 3, 0, tzinfo=UTC))  # 2 days before: the 3-day reminder
    call_command("report_reminders")
    assert len([m for m in mail.outbox if "15/07/2026" in m.subject]) == 2


def test_a_refused_mail_server_leaves_the_reminder_for_the_next_run(clock, staff, settings, capsys):
    clock.set(datetime(2026, 7, 2, 3, 0, tzinfo=UTC))
    maker = staff("baocao", "compliance_officer")
    maker.email = "baocao@doanhnghiep.example"
    maker.save()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    with socket.socket() as probe:  # a loopback port nothing listens on
        probe.bind(("127.0.0.1", 0))
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", probe.getsockname()[1]
    call_command("report_reminders")
    assert "tried again on the next run" in capsys.readouterr().out
    assert not ReminderSent.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("report_reminders")
    assert [m for m in mail.outbox if "15/07/2026" in m.subject]
