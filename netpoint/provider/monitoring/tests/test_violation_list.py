"""The violation list as the Sở reads it: which point (name, code, ward, contact phone), what in
words and when; its filters, its .xlsx export, and the printable record of one violation."""

import io
import random
from datetime import UTC, datetime, timedelta

import pytest
from docx import Document
from openpyxl import load_workbook

from netpoint.common.identity.fake import fake_person
from netpoint.common.identity.phones import format_phone_local
from netpoint.provider.monitoring.models import Violation

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]


def at(day, hour, minute=0):
    """A moment of March 2026 given in Hanoi time (UTC+7)."""
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC) - timedelta(hours=7)


@pytest.fixture
def violations(clock, enterprise, provider_point):
    enterprise.contact_phone = "0243 555 0101"
    enterprise.save()
    ba_dinh = provider_point("HN-0001", name="Quán Net Ba Đình")
    bach_mai = provider_point("HN-0002", name="Quán Net Bạch Mai", ward_code=277)
    saigon = provider_point("HCM-0001", name="Quán Net An Hội", province_code=79, ward_code=26882)

    def make(point, kind, key, occurred_at, handled="open", **evidence):
        return Violation.objects.create(
            point=point,
            kind=kind,
            key=key,
            occurred_at=occurred_at,
            found_at=occurred_at + timedelta(minutes=30),
            state=handled,
            evidence=evidence,
        )

    return {
        "night": make(
            ba_dinh,
            "after_hours",
            "1",
            at(9, 22, 0),
            # As PostgreSQL's jsonb keeps keys: the shorter first, so the end before the start.
            ended_at="22:40 09/03/2026",
            started_at="21:30 09/03/2026",
            session=7,
            station="M03",
            opens="08:00",
            closes="22:00",
            minutes_outside=40,
        ),
        "licence": make(
            bach_mai,
            "licence_expiring",
            "2",
            at(1, 0),
            state="expiring",
            expires_on="25/03/2026",
            days_left=15,
        ),
        "silent": make(ba_dinh, "silent", "3", at(5, 14), handled="resolved", silent_minutes=20),
        "saigon": make(saigon, "silent", "4", at(9, 9), silent_minutes=30),
    }


def listed(client, query=""):
    answer = client.get(f"/giam-sat/vi-pham/{query}")
    return answer, answer.content.decode()


def test_each_row_names_the_point_its_ward_and_contact_phone(client, department, violations):
    client.force_login(department())
    answer, page = listed(client)
    assert answer.status_code == 200
    assert "Quán Net Ba Đình" in page and "HN-0001" in page and "Phường Ba Đình" in page
    assert "0243 555 0101" in page
    assert "Hoạt động ngoài giờ cho phép" in page and "22:00 09/03/2026" in page
    assert "Giấy phép sắp hết hạn (còn 15 ngày)" in page
    assert "Quán Net An Hội" not in page  # another province's


def test_the_owners_phone_is_shown_where_the_registry_has_it(
    client, department, violations, provider_point
):
    owner = fake_person(random.Random(3)).phone
    point = violations["licence"].point
    point.owner_phone = owner
    point.save()
    client.force_login(department())
    _, page = listed(client)
    shown = format_phone_local(owner)
    assert shown in page and "0243 555 0101" in page  # the others still show the enterprise's
    detail = client.get(f"/giam-sat/vi-pham/{violations['licence'].pk}/").content.decode()
    assert shown in detail


def test_the_list_filters_by_kind_ward_state_and_days(client, department, violations):
    client.force_login(department())
    _, by_kind = listed(client, "?kind=licence_expiring")
    assert "Quán Net Bạch Mai" in by_kind and "M03" not in by_kind and "HN-0001" not in by_kind
    _, by_ward = listed(client, "?ward=4")
    assert "HN-0001" in by_ward and "HN-0002" not in by_ward
    _, resolved = listed(client, "?state=resolved")
    assert "14:00 05/03/2026" in resolved and "22:00 09/03/2026" not in resolved
    _, every = listed(client, "?state=all")
    assert every.count("Quán Net Ba Đình") == 2
    _, days = listed(client, "?state=all&date_from=2026-03-05&date_to=2026-03-05")
    assert "14:00 05/03/2026" in days and "HN-0002" not in days and "22:00 09/03" not in days


@pytest.mark.parametrize(
    "query, message",
    [
        ("?date_from=2026-03-09&date_to=2026-03-01", "Ngày kết thúc phải sau ngày bắt đầu."),
        ("?date_from=2026-02-31", "Nhập một ngày hợp lệ."),
        ("?kind=speeding", "Hãy chọn một lựa chọn hợp lệ"),
        ("?ward=26882", "Hãy chọn một lựa chọn hợp lệ"),  # a ward of another province
    ],
)
def test_bad_filters_are_refused_in_vietnamese(client, department, violations, query, message):
    client.force_login(department())
    answer, page = listed(client, query)
    assert answer.status_code == 422 and message in page
    assert "Quán Net Ba Đình</a>" not in page
    assert client.get(f"/giam-sat/vi-pham/tai-xlsx/{query}").status_code == 422


def test_the_export_is_the_filtered_list_as_a_sheet(client, department, violations):
    client.force_login(department())
    answer = client.get("/giam-sat/vi-pham/tai-xlsx/?state=all&ward=4")
    assert answer.status_code == 200
    assert answer["Content-Disposition"] == 'attachment; filename="vi-pham-20260310-1000.xlsx"'
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Danh sách vi phạm: Thành phố Hà Nội"]
    assert rows[1] == ["Phường, xã: Phường Ba Đình; Trạng thái: Tất cả"]
    assert rows[4][:5] == ["Tên điểm", "Mã điểm", "Phường, xã", "Điện thoại liên hệ", "Vi phạm"]
    assert rows[5] == [
        "Quán Net Ba Đình",
        "HN-0001",
        "Phường Ba Đình",
        "0243 555 0101",
        "Hoạt động ngoài giờ cho phép",
        datetime(2026, 3, 9, 22, 0),
        datetime(2026, 3, 9, 22, 30),
        "Mới phát hiện",
    ]
    assert len(rows) == 7 and rows[6][1] == "HN-0001" and rows[6][7] == "Đã xử lý"


def test_the_printable_record_has_the_heading_the_point_and_evidence_in_order(
    client, department, violations
):
    client.force_login(department())
    night = violations["night"]
    assert (
        f"/giam-sat/vi-pham/{night.pk}/phieu/"
        in client.get(f"/giam-sat/vi-pham/{night.pk}/").content.decode()
    )
    page = client.get(f"/giam-sat/vi-pham/{night.pk}/phieu/").content.decode()
    for text in (
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ THÀNH PHỐ HÀ NỘI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Hà Nội, ngày 10 tháng 03 năm 2026",
        "PHIẾU GHI NHẬN VI PHẠM",
        "Quán Net Ba Đình",
        "1 Phố Thử, Phường Ba Đình, Thành phố Hà Nội",
        "0243 555 0101",
        "Phiên số 7 tại điểm",
        "NGƯỜI LẬP PHIẾU",
    ):
        assert text in page, text
    assert page.index("Thời điểm vi phạm") < page.index("Hệ thống phát hiện lúc")
    assert page.index("21:30 09/03/2026") < page.index("22:40 09/03/2026")


def test_the_record_as_docx_is_the_same_paper_in_times_new_roman(client, department, violations):
    client.force_login(department())
    answer = client.get(f"/giam-sat/vi-pham/{violations['night'].pk}/phieu.docx")
    assert answer["Content-Disposition"].endswith('.docx"')
    document = Document(io.BytesIO(answer.content))
    normal = document.styles["Normal"].font
    assert (normal.name, normal.size.pt) == ("Times New Roman", 13)
    heading = document.tables[0].rows[0].cells
    assert heading[0].text.startswith("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI\nSỞ KHOA HỌC")
    assert heading[1].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    paragraphs = [p.text for p in document.paragraphs if p.text]
    assert "PHIẾU GHI NHẬN VI PHẠM" in paragraphs
    evidence = [[c.text for c in row.cells] for row in document.tables[3].rows]
    assert evidence[:4] == [
        ["Phiên sử dụng", "Phiên số 7 tại điểm"],
        ["Máy trạm", "M03"],
        ["Bắt đầu", "21:30 09/03/2026"],
        ["Kết thúc", "22:40 09/03/2026"],
    ]
    assert document.tables[-1].rows[0].cells[1].text.endswith("sohanoi")


def test_another_provinces_record_is_not_found(client, department, violations):
    client.force_login(department())
    elsewhere = violations["saigon"].pk
    assert client.get(f"/giam-sat/vi-pham/{elsewhere}/phieu/").status_code == 404
    assert client.get(f"/giam-sat/vi-pham/{elsewhere}/phieu.docx").status_code == 404


def test_the_list_speaks_english_too(client, department, violations):
    client.force_login(department())
    client.cookies["django_language"] = "en"
    _, page = listed(client)
    assert "Contact phone" in page and "Licence about to expire (15 days left)" in page
    assert "Download the list (.xlsx)" in page


@pytest.mark.django_db
def test_without_a_sos_account_the_record_names_the_department_of_the_points_duty(
    provider_point,
):
    from netpoint.provider.monitoring.record import _department

    assert _department(provider_point("HN-0101")) == (
        "Sở Văn hóa, Thể thao và Du lịch thành phố Hà Nội"
    )
    assert _department(provider_point("HN-0102", point_type="internet")) == (
        "Sở Khoa học và Công nghệ thành phố Hà Nội"
    )
