"""The year's report, the ad-hoc report, the e-mailed records report, the addressee and the
company from the settings, and the archive of every report file (issue 27, seed 004)."""

import hashlib
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook

from netpoint.common.core.appsettings import sources
from netpoint.provider.modules.antispam import exports, reports, services
from netpoint.provider.modules.antispam.conf import AntispamSettings, conf
from netpoint.provider.modules.antispam.models import ArchivedReport, PeriodFigures

pytestmark = [pytest.mark.urls("netpoint.provider.urls"), pytest.mark.django_db]

DETAILS = reports.Details(organisation="Công ty Thử", address="Hà Nội", management_code="QL-1")
COMPANY = {
    "organisation": "Công ty Cổ phần Tin Nhắn Mẫu",
    "address": "12 Phố Mẫu, Hà Nội",
    "management_code": "QLTR-77",
    "issued_on": "2024-02-01",
    "valid_until": "2029-02-01",
    "place": "Hà Nội",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def text_of(report) -> str:
    document = Document(io.BytesIO(exports.to_docx(report, DETAILS)))
    return "\n".join(p.text for p in document.paragraphs)


def refused_total(report) -> int:
    tables = [b for b in report.blocks if isinstance(b, reports.Table) and b.rows]
    return next(t.rows[0][-1] for t in tables if t.rows[0][0] == "Yêu cầu từ chối")


# --- The year's report ---------------------------------------------------------------------


def test_the_years_report_covers_november_to_october_under_its_own_title(clock):
    clock.set(datetime(2026, 11, 2, 3, tzinfo=UTC))
    report = reports.build_annual("1", date(2026, 11, 15), DETAILS)
    assert (report.start, report.end) == (date(2025, 11, 1), date(2026, 10, 31))
    text = text_of(report)
    assert "BÁO CÁO NĂM" in text and "BÁO CÁO ĐỊNH KỲ" not in text
    assert "(Từ ngày 01 tháng 11 năm 2025 đến ngày 31 tháng 10 năm 2026)" in text


def test_the_years_report_counts_opt_outs_deleted_since_their_half_year_closed(clock):
    clock.set(datetime(2025, 11, 3, 3, tzinfo=UTC))
    services.register_optout(via="web", channel="email", address="a@vi-du.vn")
    clock.set(datetime(2026, 6, 3, 3, tzinfo=UTC))
    services.register_optout(via="email", channel="email", address="b@vi-du.vn")
    clock.set(datetime(2026, 11, 10, 3, tzinfo=UTC))
    call_command("antispam_retention")  # the first request is gone, its half-year frozen
    assert refused_total(reports.build_annual("1", date(2026, 11, 15), DETAILS)) == 2


def test_the_years_revenue_is_the_sum_of_its_two_half_years(clock):
    clock.set(datetime(2026, 11, 2, 3, tzinfo=UTC))
    for start, revenue in [(date(2025, 11, 1), 100), (date(2026, 5, 1), 50)]:
        PeriodFigures.objects.create(service="email", period_start=start, revenue=revenue)
    text = text_of(reports.build_annual("1", date(2026, 11, 15), DETAILS))
    assert "- Tổng doanh thu trong kỳ báo cáo: 150 đồng" in text


# --- The ad-hoc report -----------------------------------------------------------------------


def test_an_adhoc_report_names_its_request_and_counts_its_range(clock):
    services.register_optout(via="sms", channel="sms", address="0912000111")  # 10/03/2026
    report = reports.build_adhoc(
        "2", date(2026, 3, 1), date(2026, 3, 10), DETAILS, "Công văn 12/CV ngày 01/03/2026"
    )
    text = text_of(report)
    assert "BÁO CÁO ĐỘT XUẤT" in text
    assert "Theo yêu cầu: Công văn 12/CV ngày 01/03/2026" in text
    assert "(Từ ngày 01 tháng 03 năm 2026 đến ngày 10 tháng 03 năm 2026)" in text
    assert refused_total(report) == 1


def test_an_adhoc_report_says_revenue_is_not_known_for_its_range(clock):
    text = text_of(reports.build_adhoc("1", date(2026, 3, 1), date(2026, 3, 10), DETAILS, "CV"))
    assert "- Tổng doanh thu trong kỳ báo cáo: không có số liệu" in text


ADHOC = {
    "kind": "adhoc",
    "form": "2",
    "start": "2026-03-01",
    "end": "2026-03-09",
    "request": "Công văn 12/CV",
    "file_format": "docx",
    "addressee": "Bộ Khoa học và Công nghệ",
    "organisation": "Công ty Thử",
    "address": "Hà Nội",
    "management_code": "QL-1",
    "place": "Hà Nội",
}


def test_the_page_gives_an_adhoc_report_and_archives_it(clock, client, reporter):
    answer = client.get("/chong-spam/bao-cao/", ADHOC)
    assert answer.status_code == 200 and "attachment" in answer["Content-Disposition"]
    archived = ArchivedReport.objects.get()
    assert (archived.kind, archived.period_start) == ("adhoc", date(2026, 3, 1))
    assert archived.sha256 == hashlib.sha256(answer.content).hexdigest()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"request": ""}, "Báo cáo đột xuất cần trường này."),
        ({"start": "2026-03-09", "end": "2026-03-01"}, "Ngày kết thúc phải từ ngày bắt đầu"),
        ({"end": "2026-03-11"}, "không được sau hôm nay"),
        ({"start": "2025-09-01"}, "chỉ còn được lưu giữ từ ngày"),
    ],
)
def test_a_bad_adhoc_range_is_explained_and_nothing_is_archived(
    clock, client, reporter, change, message
):
    answer = client.get("/chong-spam/bao-cao/", ADHOC | change)
    assert answer.status_code == 422 and message in answer.content.decode()
    assert not ArchivedReport.objects.exists()


def test_the_years_report_must_be_the_one_due_15_november(clock, client, reporter):
    query = ADHOC | {"kind": "annual", "due": "2026-05-15"}
    answer = client.get("/chong-spam/bao-cao/", query)
    assert answer.status_code == 422 and "Báo cáo năm nộp trước ngày 15/11" in (
        answer.content.decode()
    )


# --- The e-mailed records report ----------------------------------------------------------------

RECORDS = {
    "to": "baocao@co-quan.vn",
    "ghi-addressee": "Bộ Khoa học và Công nghệ",
    "ghi-organisation": "Công ty Thử",
    "ghi-address": "Hà Nội",
    "ghi-management_code": "QL-1",
    "ghi-place": "Hà Nội",
}


def test_the_records_report_is_mailed_with_the_requests_attached(clock, client, reporter):
    clock.set(datetime(2025, 11, 3, 3, tzinfo=UTC))
    services.register_optout(via="web", channel="email", address="nguoi.nhan@vi-du.vn")
    clock.set(datetime(2026, 5, 10, 3, tzinfo=UTC))
    answer = client.post("/chong-spam/bao-cao/thong-tin-luu-giu/", RECORDS)
    assert answer.status_code == 302
    (sent,) = mail.outbox
    assert sent.to == ["baocao@co-quan.vn"]
    assert "từ ngày 01/11/2025 đến ngày 30/04/2026" in sent.body
    (name, body, kind) = sent.attachments[0]
    assert name == "yeu-cau-tu-choi-2025-11-01-2026-04-30.xlsx" and kind == XLSX
    assert "Kính gửi: Bộ Khoa học và Công nghệ" in sent.body


def test_the_records_file_lists_each_request_and_its_confirmation(clock, client, reporter):
    services.register_optout(via="sms", channel="sms", address="0912000222")
    clock.set(datetime(2026, 5, 4, 3, tzinfo=UTC))
    client.post("/chong-spam/bao-cao/thong-tin-luu-giu/", RECORDS)
    _name, body, _kind = mail.outbox[0].attachments[0]
    rows = [list(r) for r in load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True)]
    listed = next(r for r in rows if r[0] == 1)
    assert listed[1:5] == ["10:00 10/03/2026", "Bằng tin nhắn", "Tin nhắn SMS", "84912000222"]
    assert listed[6] == "10:00 10/03/2026" and listed[7].startswith("Đã nhận yêu cầu từ chối")
    archived = ArchivedReport.objects.get()
    assert archived.kind == "records" and archived.sha256 == hashlib.sha256(body).hexdigest()


def test_the_records_report_lists_the_last_closed_half_year(clock):
    from netpoint.provider.modules.antispam import records

    assert records.covered(date(2026, 5, 10)) == (date(2025, 11, 1), date(2026, 4, 30))
    assert records.covered(date(2026, 8, 31)) == (date(2025, 11, 1), date(2026, 4, 30))
    assert records.covered(date(2026, 11, 1)) == (date(2026, 5, 1), date(2026, 10, 31))


def test_an_opt_out_of_3_november_is_in_the_records_report_made_after_retention(
    clock, client, reporter
):
    clock.set(datetime(2025, 11, 3, 3, tzinfo=UTC))
    services.register_optout(via="web", channel="email", address="nguoi.nhan@vi-du.vn")
    clock.set(datetime(2026, 5, 10, 3, tzinfo=UTC))
    call_command("antispam_retention")
    client.post("/chong-spam/bao-cao/thong-tin-luu-giu/", RECORDS)
    _name, body, _kind = mail.outbox[0].attachments[0]
    rows = list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))
    assert any(row[4] == "nguoi.nhan@vi-du.vn" for row in rows)


def test_a_request_goes_once_its_records_report_is_past_due(clock):
    from netpoint.provider.modules.antispam.models import OptOutRequest

    clock.set(datetime(2025, 11, 3, 3, tzinfo=UTC))
    services.register_optout(via="web", channel="email", address="nguoi.nhan@vi-du.vn")
    clock.set(datetime(2026, 5, 15, 3, tzinfo=UTC))  # the due day: still to be reported
    call_command("antispam_retention")
    assert OptOutRequest.objects.count() == 1
    clock.set(datetime(2026, 5, 16, 3, tzinfo=UTC))
    call_command("antispam_retention")
    assert OptOutRequest.objects.count() == 0


def test_a_records_report_to_a_bad_address_sends_and_archives_nothing(clock, client, reporter):
    answer = client.post("/chong-spam/bao-cao/thong-tin-luu-giu/", RECORDS | {"to": "khong-phai"})
    assert answer.status_code == 422 and 'role="alert"' in answer.content.decode()
    assert not mail.outbox and not ArchivedReport.objects.exists()


def test_a_records_file_is_emptied_after_the_keeping_time_but_its_hash_stays(
    clock, client, reporter
):
    client.post("/chong-spam/bao-cao/thong-tin-luu-giu/", RECORDS)
    digest = ArchivedReport.objects.get().sha256
    clock.advance(timedelta(days=conf().optout_keep_days + 1))
    call_command("antispam_retention")
    archived = ArchivedReport.objects.get()
    assert bytes(archived.content) == b"" and archived.sha256 == digest
    answer = client.get(f"/chong-spam/bao-cao/da-lap/{archived.pk}/", follow=True)
    assert "chỉ còn mã SHA-256" in answer.content.decode()


# --- Addressee and company from the settings; the archive ----------------------------------


def test_the_default_addressee_is_the_ministry_of_science_and_technology_with_its_decree():
    assert conf().addressee_name == "Bộ Khoa học và Công nghệ"
    assert "55/2025/NĐ-CP" in sources(AntispamSettings)["addressee"]


def test_the_seeds_addressee_is_an_option(settings):
    settings.NETPOINT_ANTISPAM = {"addressee": "vncert"}
    assert conf().addressee_name == "Trung tâm Ứng cứu khẩn cấp máy tính Việt Nam"


def test_a_company_setting_with_an_unknown_key_is_refused(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.NETPOINT_ANTISPAM = {"company": {"ten": "x"}}
    with pytest.raises(ImproperlyConfigured, match="company"):
        conf()


def test_the_company_details_come_filled_in_from_the_settings(clock, client, reporter, settings):
    settings.NETPOINT_ANTISPAM = {"company": COMPANY}
    page = client.get("/chong-spam/bao-cao/").content.decode()
    assert 'value="Công ty Cổ phần Tin Nhắn Mẫu"' in page and 'value="QLTR-77"' in page


def test_the_settings_details_reach_the_report_heading(clock, settings):
    settings.NETPOINT_ANTISPAM = {"company": COMPANY}
    details = reports.Details.from_settings(number="05/BC")
    page = exports.front(reports.build("1", date(2026, 5, 15), details), details)
    assert page["left"] == ["CÔNG TY CỔ PHẦN TIN NHẮN MẪU", "Số: 05/BC"]
    assert (
        "Mã số quản lý QLTR-77 Cấp ngày 01/02/2024 có hiệu lực đến ngày 01/02/2029"
        in (page["lines"])
    )


def test_every_report_file_is_listed_and_downloads_again_unchanged(clock, client, reporter):
    periodic = ADHOC | {"kind": "periodic", "due": "2026-05-15", "file_format": "xlsx"}
    first = client.get("/chong-spam/bao-cao/", periodic)
    archived = ArchivedReport.objects.get()
    page = client.get("/chong-spam/bao-cao/da-lap/").content.decode()
    assert archived.file_name in page and archived.sha256 in page and "baocao" in page
    again = client.get(f"/chong-spam/bao-cao/da-lap/{archived.pk}/")
    assert again.content == first.content


def test_an_unknown_archived_report_is_not_found(clock, client, reporter):
    assert client.get("/chong-spam/bao-cao/da-lap/999/").status_code == 404


# --- Times New Roman 13 ------------------------------------------------------------------------


def test_the_report_files_are_in_times_new_roman_13(clock):
    report = reports.build("2", date(2026, 5, 15), DETAILS)
    normal = Document(io.BytesIO(exports.to_docx(report, DETAILS))).styles["Normal"].font
    assert (normal.name, normal.size.pt) == ("Times New Roman", 13)
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(report, DETAILS))).active
    fonts = {(c.font.name, c.font.sz) for row in sheet.iter_rows() for c in row if c.value}
    assert fonts == {("Times New Roman", 13)}


def test_the_report_pages_read_in_english_when_asked(clock, client, reporter):
    client.cookies["django_language"] = "en"
    page = client.get("/chong-spam/bao-cao/").content.decode()
    assert "Report of the opt-out records kept" in page and "Send the report" in page
    assert "Ad-hoc report (on request)" in page
    archive = client.get("/chong-spam/bao-cao/da-lap/").content.decode()
    assert "Reports made" in archive and "No report made yet." in archive


def test_an_archived_file_changed_since_it_was_made_is_not_given_out(clock, client, reporter):
    client.get("/chong-spam/bao-cao/", ADHOC)
    ArchivedReport.objects.update(content=b"doi")
    pk = ArchivedReport.objects.get().pk
    answer = client.get(f"/chong-spam/bao-cao/da-lap/{pk}/", follow=True)
    assert "không còn khớp mã SHA-256" in answer.content.decode()
