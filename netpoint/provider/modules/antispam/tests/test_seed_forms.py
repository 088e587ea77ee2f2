"""Mẫu số 1, 2 and 3 read against seed 004 (Thông tư 09/2011/TT-BTTTT) field by field: every
line and column heading of the seed's form is in the generated .docx, in the seed's words and
order (the dotted blanks filled in)."""

from datetime import date

import pytest

from netpoint.provider.modules.antispam import exports, reports
from netpoint.provider.modules.antispam.tests.files import docx_parts

pytestmark = pytest.mark.django_db

DETAILS = reports.Details(
    organisation="Công ty Tin Nhắn Thử",
    address="1 Phố Thử, Hà Nội",
    management_code="QLTR-01",
    issued_on=date(2024, 2, 1),
    valid_until=date(2029, 2, 1),
    number="05/BC",
    made_on=date(2026, 5, 10),
)

HEAD = [
    "CÔNG TY TIN NHẮN THỬ",
    "Số: 05/BC",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Hà Nội, ngày 10 tháng 05 năm 2026",
    "BÁO CÁO ĐỊNH KỲ",
]
PERIOD = "(Từ ngày 01 tháng 11 năm 2025 đến ngày 30 tháng 04 năm 2026)"
COMPANY = [
    "Kính gửi: Trung tâm Ứng cứu khẩn cấp máy tính Việt Nam",
    "Tên doanh nghiệp: Công ty Tin Nhắn Thử",
    "Địa chỉ liên lạc: 1 Phố Thử, Hà Nội",
    "Mã số quản lý QLTR-01 Cấp ngày 01/02/2024 có hiệu lực đến ngày 01/02/2029",
]
NOTE = (
    "Chú thích: Các cột Tăng/giảm thể hiện % mức độ tăng/giảm so với kỳ báo cáo trước. "
    "Dấu (+) thể hiện tăng, dấu (-) thể hiện giảm"
)
TEMPLATE = "Thông điệp quảng cáo là một bản tin (mẫu) quảng cáo"
REFUSALS = [
    "Yêu cầu từ chối",
    "Xác nhận yêu cầu từ chối",
    "Yêu cầu từ chối đã được xử lý",
    "Yêu cầu từ chối không xử lý được do bất khả kháng.",
]


def ad_form(medium: str, sent: str, group: str, vias: list[str]) -> tuple[list, list]:
    """The seed's Mẫu số 1 and 2 differ only in the medium and the ways of asking."""
    kind = f"dịch vụ quảng cáo bằng {medium}"
    lines = [
        f"1. Tổng doanh thu và mức độ tăng trưởng từ {kind} trong kỳ báo cáo:",
        "- Tổng doanh thu trong kỳ báo cáo:",
        "- Mức độ tăng trưởng so với kỳ báo cáo trước",
        f"2. Thống kê khách hàng đang sử dụng {kind} trong kỳ báo cáo:",
        f"(1) {TEMPLATE}",
        f"3. Tổng hợp thống kê về {kind} trong kỳ báo cáo:",
        f"{NOTE}; (2) {TEMPLATE}",
        "4. Thống kê về yêu cầu từ chối và xử lý yêu cầu từ chối trong kỳ báo cáo:",
        "Liệt kê các lý do bất khả kháng không thể xử lý được yêu cầu từ chối của người nhận:",
        "5. Kiến nghị:",
        "Đại diện có thẩm quyền của doanh nghiệp",
    ]
    headers = [
        ["STT", "Tên khách hàng", "Số thông điệp quảng cáo (1)", sent],
        ["Khách hàng", "Thông điệp quảng cáo (2)", group],
        ["Tổng số", "Tăng/giảm"] * 3,
        ["Phương thức tiếp nhận Số lượng", *vias, "Tổng số"],
        *[[line] for line in REFUSALS],
    ]
    return lines, headers


def generated(form: str, settings) -> tuple[list[str], list[list[str]]]:
    """The .docx's paragraphs, and the rows of all its tables."""
    settings.NETPOINT_ANTISPAM = {"addressee": "vncert"}  # the seed's addressee
    report = reports.build(form, date(2026, 5, 15), DETAILS)
    paragraphs, tables = docx_parts(exports.to_docx(report, DETAILS))
    return paragraphs, [row for table in tables for row in table]


def in_order(expected: list[str], paragraphs: list[str]) -> list[str]:
    """The expected lines missing, or found out of order (each a line's beginning)."""
    wrong, at = [], 0
    for line in expected:
        found = next(
            (i for i in range(at, len(paragraphs)) if paragraphs[i].startswith(line)), None
        )
        if found is None:
            wrong.append(line)
        else:
            at = found + 1
    return wrong


def has_headers(headers: list[list[str]], rows: list[list[str]]) -> list[list[str]]:
    """The seed's headings (a row, or a row's first cell for a line label) not found."""
    return [h for h in headers if not any(row[: len(h)] == h for row in rows)]


def assert_as_in_the_seed(form: str, title: str, lines: list, headers: list, settings):
    paragraphs, rows = generated(form, settings)
    front = "\n".join(rows[0]) + "\n" + "\n".join(paragraphs)
    assert [h for h in HEAD if h not in front] == []
    assert title in paragraphs
    assert in_order([PERIOD, *COMPANY, *lines], paragraphs) == []
    assert has_headers(headers, rows) == []


def test_form_1_has_every_field_of_the_seeds_form(settings):
    lines, headers = ad_form(
        "thư điện tử",
        "Số thư điện tử quảng cáo gửi đi",
        "Thư điện tử quảng cáo",
        ["Qua trang web (2)", "Bằng thư điện tử (3)", "Gọi điện thoại (4)"],
    )
    assert_as_in_the_seed(
        "1", "CỦA NHÀ CUNG CẤP DỊCH VỤ QUẢNG CÁO BẰNG THƯ ĐIỆN TỬ", lines, headers, settings
    )


def test_form_2_has_every_field_of_the_seeds_form(settings):
    lines, headers = ad_form(
        "tin nhắn",
        "Số tin nhắn quảng cáo gửi đi",
        "Tin nhắn quảng cáo",
        ["Bằng tin nhắn (2)", "Gọi điện thoại (3)"],
    )
    assert_as_in_the_seed(
        "2", "CỦA NHÀ CUNG CẤP DỊCH VỤ QUẢNG CÁO BẰNG TIN NHẮN", lines, headers, settings
    )


def test_form_3_has_every_field_of_the_seeds_form(settings):
    kind = "dịch vụ tin nhắn qua mạng Internet"
    provider = "nhà cung cấp dịch vụ quảng cáo bằng tin nhắn"
    lines = [
        f"1. Tổng doanh thu và mức độ tăng trưởng từ {kind} trong kỳ báo cáo:",
        "- Tổng doanh thu trong kỳ báo cáo:",
        "- Mức độ tăng trưởng so với kỳ báo cáo trước",
        f"2. Tổng hợp thống kê khách hàng đang sử dụng {kind} trong kỳ báo cáo:",
        f"3. Liệt kê các khách hàng là {provider} trong tháng",
        f"4. Tổng hợp thống kê về khách hàng là {provider} trong kỳ báo cáo:",
        "5. Tổng hợp thống kê về tin nhắn rác trong kỳ báo cáo:",
        NOTE,
        "6. Kiến nghị:",
        "Đại diện có thẩm quyền của doanh nghiệp",
    ]
    headers = [
        ["Tài khoản trên hệ thống", "Tổng số tin nhắn", "Tin nhắn quảng cáo"],
        [
            "Tài khoản trên hệ thống",
            "Tổng số tin nhắn",
            "Từ người quảng cáo (1)",
            "Từ nhà cung cấp dịch vụ quảng cáo (2)",
            "Tổng số (1) + (2)",
        ],
        ["Tổng số", "Tăng/giảm"] * 5,
        ["STT", "Tên nhà cung cấp dịch vụ quảng cáo bằng tin nhắn", "Mã số quản lý"],
        ["Nhà cung cấp dịch vụ quảng cáo bằng tin nhắn", "Số lượng tin nhắn quảng cáo gửi đi"],
        [
            "Tin nhắn rác phát hiện được",
            "Báo cáo tin nhắn rác nhận được",
            "Báo cáo đã được xử lý",
        ],
    ]
    assert_as_in_the_seed(
        "3", "CỦA NHÀ CUNG CẤP DỊCH VỤ TIN NHẮN QUA MẠNG INTERNET", lines, headers, settings
    )
