"""Bulk import of points from .xlsx and .csv (issue 26): every row checked as the point form
checks one, a report by row and column, and nothing imported while any row is wrong."""

import io
import random
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from netpoint.common.audit.models import AuditEntry
from netpoint.common.identity.fake import fake_person
from netpoint.common.identity.phones import format_phone_local
from netpoint.provider.registry import imports
from netpoint.provider.registry.models import Point

pytestmark = [pytest.mark.urls("netpoint.provider.urls"), pytest.mark.django_db]
HEADERS = [c.header for c in imports.COLUMNS]
GOOD = {
    "Mã điểm": "HN-0201",
    "Tên điểm": "Quán Net Ba Đình",
    "Loại điểm": "game",
    "Chủ điểm": "Chủ Thử Nghiệm",
    "Điện thoại chủ điểm": "",
    "Số giấy phép": "GP-201/2026",
    "Ngày hết hạn giấy phép": "31/12/2030",
    "Tỉnh, thành phố": "Thành phố Hà Nội",
    "Phường, xã, đặc khu": "Phường Ba Đình",
    "Số nhà, đường": "1 Phố Thử",
    "Địa chỉ IP công cộng": "203.0.113.21, 2001:db8::21",
    "Giờ mở cửa riêng": "08:00-22:00",
    "Loại hợp đồng": "",
    "Loại địa điểm": "",
}
SECOND = GOOD | {"Mã điểm": "HN-0202", "Tên điểm": "Quán Net Hoàn Kiếm", "Địa chỉ IP công cộng": ""}


def xlsx(rows: list[dict], headers=HEADERS) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h, "") for h in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_file(rows: list[dict], delimiter=",") -> bytes:
    lines = [delimiter.join(HEADERS)] + [delimiter.join(r[h] for h in HEADERS) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def upload(client, enterprise, data: bytes, name="diem.xlsx"):
    return client.post(
        "/diem/nhap/", {"enterprise": enterprise.pk, "file": SimpleUploadedFile(name, data)}
    )


def problems(answer) -> list[tuple[str, str, str]]:
    """The report's rows as the page shows them: row, column, message."""
    table = answer.content.decode().split('<table id="problems">', 1)[1].split("</table>")[0]
    cells = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", table)
    return [(r, c, m.replace("&quot;", '"')) for r, c, m in cells]


@pytest.fixture
def staff_in(client, staff):
    client.force_login(staff)
    return client


def test_a_good_xlsx_creates_every_point_and_lists_them(staff_in, enterprise):
    answer = upload(staff_in, enterprise, xlsx([GOOD, SECOND]))
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "Đã nhập 2 điểm" in page
    assert "HN-0201" in page and "Quán Net Hoàn Kiếm" in page
    assert "Phường Ba Đình, Thành phố Hà Nội" in page
    point = Point.objects.get(code="HN-0201")
    assert (point.enterprise, point.ward_code, point.province_code) == (enterprise, 4, 1)
    assert point.public_ips == ["203.0.113.21", "2001:db8::21"]
    assert point.opening_hours == ["08:00", "22:00"]
    assert str(point.licence_expires_on) == "2030-12-31"
    assert AuditEntry.objects.get(action="points_imported").detail["count"] == 2


def test_a_csv_without_accents_and_with_semicolons_is_read_alike(staff_in, enterprise):
    plain = GOOD | {"Tỉnh, thành phố": "ha noi", "Phường, xã, đặc khu": "ba dinh"}
    plain |= {"Loại điểm": "dai ly internet", "Địa chỉ IP công cộng": "203.0.113.21"}
    answer = upload(staff_in, enterprise, csv_file([plain], ";"), "diem.csv")
    assert answer.status_code == 200, problems(answer)
    point = Point.objects.get(code="HN-0201")
    assert (point.point_type, point.ward_code) == ("internet", 4)


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"Tên điểm": ""}, "Tên điểm", "Trường này là bắt buộc."),
        ({"Loại điểm": "quán bi-a"}, "Loại điểm", "Không rõ “quán bi-a”; ghi một trong:"),
        ({"Tỉnh, thành phố": "Tỉnh Không Có"}, "Tỉnh, thành phố", "Không có tỉnh, thành phố"),
        ({"Phường, xã, đặc khu": "khong co"}, "Phường, xã, đặc khu", "Không có phường, xã nào"),
        ({"Phường, xã, đặc khu": "26887"}, "Phường, xã, đặc khu", "không thuộc tỉnh, thành phố"),
        ({"Ngày hết hạn giấy phép": "31/13/2030"}, "Ngày hết hạn giấy phép", "ngày/tháng/năm"),
        ({"Địa chỉ IP công cộng": "300.1.1.1"}, "Địa chỉ IP công cộng", "“300.1.1.1” không phải"),
        ({"Giờ mở cửa riêng": "8h-22h"}, "Giờ mở cửa riêng", "Giờ mở cửa phải có dạng 08:00-22:00"),
        ({"Loại địa điểm": "bãi biển"}, "Loại địa điểm", "Không rõ “bãi biển”"),
    ],
)
def test_a_bad_row_is_reported_by_row_and_column_and_nothing_is_imported(
    staff_in, enterprise, changes, column, message
):
    answer = upload(staff_in, enterprise, xlsx([GOOD, SECOND | changes]))
    assert answer.status_code == 422
    [(row, named, said)] = problems(answer)
    assert (row, named) == ("3", column) and message in said, said
    assert "Không nhập điểm nào: tệp có 1 lỗi." in answer.content.decode()
    assert not Point.objects.exists()


def test_the_owners_phone_is_read_and_a_wrong_one_reported(staff_in, enterprise):
    owner = fake_person(random.Random(4)).phone
    written = format_phone_local(owner)  # as people write it: 0912 345 678
    bad = SECOND | {"Điện thoại chủ điểm": "0912 34"}
    answer = upload(staff_in, enterprise, xlsx([GOOD | {"Điện thoại chủ điểm": written}, bad]))
    assert problems(answer) == [
        (
            "3",
            "Điện thoại chủ điểm",
            "Số điện thoại không hợp lệ; ghi số di động hoặc cố định của Việt Nam, ví dụ "
            "0912 345 678 hoặc 024 3825 1234.",
        )
    ]
    assert not Point.objects.exists()
    upload(staff_in, enterprise, xlsx([GOOD | {"Điện thoại chủ điểm": written}]))
    assert Point.objects.get().owner_phone == owner


def test_a_code_twice_in_the_file_names_the_first_row(staff_in, enterprise):
    answer = upload(staff_in, enterprise, xlsx([GOOD, SECOND, GOOD | {"Tên điểm": "Khác"}]))
    assert problems(answer) == [("4", "Mã điểm", "Mã điểm HN-0201 trùng với dòng 2 của tệp.")]
    assert not Point.objects.exists()


def test_a_code_already_registered_is_reported(staff_in, enterprise, provider_point):
    provider_point("HN-0202")
    answer = upload(staff_in, enterprise, xlsx([GOOD, SECOND]))
    [(row, column, message)] = problems(answer)
    assert (row, column) == ("3", "Mã điểm") and "đã tồn tại" in message
    assert list(Point.objects.values_list("code", flat=True)) == ["HN-0202"]


def test_every_bad_row_is_reported_at_once(staff_in, enterprise):
    bad = [GOOD | {"Chủ điểm": ""}, SECOND | {"Số nhà, đường": "", "Giờ mở cửa riêng": "8h"}]
    reported = problems(upload(staff_in, enterprise, xlsx(bad)))
    assert [(r, c) for r, c, _m in reported] == [
        ("2", "Chủ điểm"),
        ("3", "Số nhà, đường"),
        ("3", "Giờ mở cửa riêng"),
    ]


def test_a_file_with_the_wrong_columns_is_refused_naming_them(staff_in, enterprise):
    headers = [h for h in HEADERS if h != "Chủ điểm"] + ["Ghi chú"]
    answer = upload(staff_in, enterprise, xlsx([GOOD], headers))
    assert answer.status_code == 422
    page = answer.content.decode()
    assert "thiếu cột Chủ điểm; cột không có trong mẫu: Ghi chú" in page
    assert not Point.objects.exists()


def test_an_empty_file_is_refused(staff_in, enterprise):
    answer = upload(staff_in, enterprise, b"", "diem.csv")
    assert answer.status_code == 422
    assert "Tệp trống: không có dòng tiêu đề nào." in answer.content.decode()


def test_a_template_without_rows_is_refused(staff_in, enterprise):
    answer = upload(staff_in, enterprise, xlsx([]))
    assert answer.status_code == 422
    assert "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề." in answer.content.decode()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40),
        ("diem.xlsx", b"PK\x03\x04 not really a workbook"),
        ("diem.csv", b"\xff\xfe\0M\0a\0"),
    ],
)
def test_a_file_that_is_no_spreadsheet_is_refused(staff_in, enterprise, name, data):
    answer = upload(staff_in, enterprise, data, name)
    assert answer.status_code == 422
    assert "Tệp không phải bảng tính" in answer.content.decode()
    assert not Point.objects.exists()


def test_the_template_has_the_columns_and_imports_once_filled(staff_in, enterprise):
    answer = staff_in.get("/diem/nhap/mau.xlsx")
    assert answer["Content-Disposition"] == 'attachment; filename="mau-nhap-diem.xlsx"'
    book = load_workbook(io.BytesIO(answer.content))
    assert [c.value for c in book.active[1]] == HEADERS
    assert book.sheetnames == ["Điểm", "Hướng dẫn"]
    book.active.append([GOOD[h] for h in HEADERS])
    filled = io.BytesIO()
    book.save(filled)
    assert upload(staff_in, enterprise, filled.getvalue()).status_code == 200
    assert Point.objects.filter(code="HN-0201").exists()


def test_the_csv_template_opens_with_its_accents(staff_in):
    answer = staff_in.get("/diem/nhap/mau.csv")
    assert answer.content.decode("utf-8-sig").strip() == ",".join(
        f'"{h}"' if "," in h else h for h in HEADERS
    )


def test_staff_who_may_not_add_points_cannot_import(client, django_user_model, enterprise):
    client.force_login(django_user_model.objects.create_user("xem", password="x-Very-Long-9"))
    answer = upload(client, enterprise, xlsx([GOOD]))
    assert answer.status_code == 403 and not Point.objects.exists()


def test_points_checked_apart_that_clash_when_saved_leave_none_saved(enterprise, staff):
    from django.db import IntegrityError

    from netpoint.provider.registry import services

    # Two rows checked against the same empty database, as two uploads at once would be.
    first, second = (imports.check(enterprise, [HEADERS, [GOOD[h] for h in HEADERS]]) for _ in "ab")
    with pytest.raises(IntegrityError):
        services.create_points(second.forms + first.forms, staff)
    assert not Point.objects.exists()
    assert not AuditEntry.objects.filter(action="points_imported").exists()


def test_the_import_report_speaks_english_too(staff_in, enterprise):
    staff_in.cookies["django_language"] = "en"
    answer = upload(staff_in, enterprise, xlsx([GOOD, SECOND | {"Giờ mở cửa riêng": "8h"}]))
    page = answer.content.decode()
    assert "Nothing imported: the file has 1 problem." in page
    assert "<th>Row</th><th>Column</th><th>Problem</th>" in page
