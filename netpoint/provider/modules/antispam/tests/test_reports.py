"""Golden tests: Mẫu số 1, 2 and 3 built from known counts, opened as .docx and .xlsx."""

import io
from datetime import UTC, date, datetime

import pytest
from docx import Document
from openpyxl import load_workbook

from netpoint.provider.modules.antispam import exports, reports, services
from netpoint.provider.modules.antispam.models import Customer, PeriodFigures, SentCount, SpamReport
from netpoint.provider.modules.antispam.tests.files import docx_tables, xlsx_rows

pytestmark = [pytest.mark.urls("netpoint.provider.urls"), pytest.mark.django_db]

DUE = date(2026, 5, 15)  # covers 01/11/2025-30/04/2026; the period before, 01/05-31/10/2025
NOW, BEFORE = date(2026, 2, 1), date(2025, 8, 1)
DETAILS = reports.Details(
    organisation="Công ty Tin Nhắn Thử",
    address="1 Phố Thử, Hà Nội",
    management_code="QLTR-01",
    made_on=date(2026, 5, 10),
    recommendations="Không có kiến nghị.",
)


def sent(customer, channel, day, count, message=None):
    SentCount.objects.create(
        customer=customer,
        channel=channel,
        day=day,
        sent=count,
        message=message,
        content_key=f"m{message.pk}" if message else "",
    )


@pytest.fixture
def known(clock):
    a = Customer.objects.create(name="An Phát")
    b = Customer.objects.create(name="Bình Minh")
    p = Customer.objects.create(name="Nhà QC Phương", kind="ad_provider", management_code="QC-009")
    m1 = services.new_message(a, channel="email", title="Tết", content="[QC] Tết")
    m2 = services.new_message(a, channel="email", title="Hè", content="[QC] Hè")
    m3 = services.new_message(b, channel="email", title="Thu", content="[QC] Thu")
    sent(a, "email", NOW, 200, m1)
    sent(a, "email", NOW, 100, m2)
    sent(b, "email", date(2026, 4, 30), 100, m3)
    sent(a, "email", BEFORE, 200, m1)
    sent(b, "email", date(2026, 5, 1), 999, m3)  # the next period: not counted
    sent(a, "sms", NOW, 50)
    sent(a, "messaging", NOW, 10)
    sent(p, "messaging", NOW, 30)
    sent(p, "messaging", BEFORE, 10)
    PeriodFigures.objects.create(
        service="email", period_start=date(2025, 11, 1), revenue=150_000_000
    )
    PeriodFigures.objects.create(
        service="email", period_start=date(2025, 5, 1), revenue=100_000_000
    )
    PeriodFigures.objects.create(
        service="messaging", period_start=date(2025, 11, 1), accounts=1000, total_messages=5000
    )
    PeriodFigures.objects.create(service="messaging", period_start=date(2025, 5, 1), accounts=800)
    clock.set(datetime(2026, 1, 5, 3, tzinfo=UTC))
    for via, address in [
        ("web", "a@vi-du.vn"),
        ("web", "b@vi-du.vn"),
        ("email", "c@vi-du.vn"),
        ("email", "khong-ro"),
        ("phone", "d@vi-du.vn"),
    ]:
        services.register_optout(via=via, channel="email", address=address)
    services.register_optout(via="sms", channel="sms", address="0912000111")
    at = datetime(2026, 3, 1, 3, tzinfo=UTC)
    for source, handled in [("detected", None)] * 4 + [("reported", at), ("reported", None)]:
        SpamReport.objects.create(
            source=source, channel="messaging", received_at=at, summary="x", handled_at=handled
        )
    for _ in range(2):
        SpamReport.objects.create(
            source="detected",
            channel="messaging",
            received_at=datetime(2025, 9, 1, tzinfo=UTC),
            summary="y",
        )


def both(form):
    report = reports.build(form, DUE, DETAILS)
    return report, exports.to_docx(report, DETAILS), exports.to_xlsx(report, DETAILS)


def test_form_1_e_mail_advertising(known, settings):
    settings.NETPOINT_ANTISPAM = {"addressee": "vncert"}  # the seed's addressee
    report, docx, xlsx = both("1")
    text, tables = docx_tables(docx)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc" in tables[0][0][1]
    assert "BÁO CÁO ĐỊNH KỲ" in text
    assert "CỦA NHÀ CUNG CẤP DỊCH VỤ QUẢNG CÁO BẰNG THƯ ĐIỆN TỬ" in text
    assert "(Từ ngày 01 tháng 11 năm 2025 đến ngày 30 tháng 04 năm 2026)" in text
    assert "Kính gửi: Trung tâm Ứng cứu khẩn cấp máy tính Việt Nam" in text
    assert "- Tổng doanh thu trong kỳ báo cáo: 150.000.000 đồng" in text
    assert "- Mức độ tăng trưởng so với kỳ báo cáo trước: +50,0%" in text
    assert tables[1] == [
        ["STT", "Tên khách hàng", "Số thông điệp quảng cáo (1)", "Số thư điện tử quảng cáo gửi đi"],
        ["1", "An Phát", "2", "300"],
        ["2", "Bình Minh", "1", "100"],
    ]
    assert tables[2] == [
        ["Khách hàng", "Thông điệp quảng cáo (2)", "Thư điện tử quảng cáo"],
        ["Tổng số", "Tăng/giảm"] * 3,
        ["2", "+100,0%", "3", "+200,0%", "400", "+100,0%"],
    ]
    assert tables[3] == [
        [
            "Phương thức tiếp nhận Số lượng",
            "Qua trang web (2)",
            "Bằng thư điện tử (3)",
            "Gọi điện thoại (4)",
            "Tổng số",
        ],
        ["Yêu cầu từ chối", "2", "2", "1", "5"],
        ["Xác nhận yêu cầu từ chối", "2", "2", "1", "5"],
        ["Yêu cầu từ chối đã được xử lý", "2", "1", "1", "4"],
        ["Yêu cầu từ chối không xử lý được do bất khả kháng.", "0", "1", "0", "1"],
    ]
    assert "Không xác định được địa chỉ thư điện tử của người nhận." in text
    assert "5. Kiến nghị: Không có kiến nghị." in text
    assert "Đại diện có thẩm quyền của doanh nghiệp" in text
    rows = xlsx_rows(xlsx)
    assert [2, "+100,0%", 3, "+200,0%", 400, "+100,0%"] in rows
    assert ["Yêu cầu từ chối đã được xử lý", 2, 1, 1, 4] in rows
    assert [1, "An Phát", 2, 300] in rows
    assert any(r and r[0] == "CÔNG TY TIN NHẮN THỬ" and r[4] == exports.NATION for r in rows)


def test_form_2_sms_advertising(known):
    _report, docx, xlsx = both("2")
    text, tables = docx_tables(docx)
    assert "CỦA NHÀ CUNG CẤP DỊCH VỤ QUẢNG CÁO BẰNG TIN NHẮN" in text
    assert tables[1][1] == ["1", "An Phát", "0", "50"]
    assert tables[2][2] == ["1", "—", "0", "0%", "50", "—"]
    assert tables[3][0] == [
        "Phương thức tiếp nhận Số lượng",
        "Bằng tin nhắn (2)",
        "Gọi điện thoại (3)",
        "Tổng số",
    ]
    assert tables[3][1] == ["Yêu cầu từ chối", "1", "0", "1"]
    assert ["Yêu cầu từ chối", 1, 0, 1] in xlsx_rows(xlsx)


def test_an_sms_opt_out_made_on_the_web_page_has_its_own_column_in_form_2(known):
    services.register_optout(via="web", channel="sms", address="0912000222")
    _report, docx, xlsx = both("2")
    _text, tables = docx_tables(docx)
    assert tables[3][0] == [
        "Phương thức tiếp nhận Số lượng",
        "Bằng tin nhắn (2)",
        "Gọi điện thoại (3)",
        "Qua trang web (4)",
        "Tổng số",
    ]
    assert tables[3][1] == ["Yêu cầu từ chối", "1", "0", "1", "2"]
    assert ["Yêu cầu từ chối", 1, 0, 1, 2] in xlsx_rows(xlsx)


def test_form_3_internet_messaging(known):
    _report, docx, xlsx = both("3")
    text, tables = docx_tables(docx)
    assert "CỦA NHÀ CUNG CẤP DỊCH VỤ TIN NHẮN QUA MẠNG INTERNET" in text
    summary = tables[1]
    assert summary[0] == ["Tài khoản trên hệ thống", "Tổng số tin nhắn", "Tin nhắn quảng cáo"]
    assert summary[1] == [
        "Tài khoản trên hệ thống",
        "Tổng số tin nhắn",
        "Từ người quảng cáo (1)",
        "Từ nhà cung cấp dịch vụ quảng cáo (2)",
        "Tổng số (1) + (2)",
    ]
    assert summary[3] == [
        "1.000",
        "+25,0%",
        "5.000",
        "—",
        "10",
        "—",
        "30",
        "+200,0%",
        "40",
        "+300,0%",
    ]
    assert tables[2][1] == ["1", "Nhà QC Phương", "QC-009", "30"]
    assert tables[3][2] == ["1", "0%", "30", "+200,0%"]
    assert tables[4][2] == ["4", "+100,0%", "2", "—", "1", "—"]
    assert "6. Kiến nghị" in text
    rows = xlsx_rows(xlsx)
    assert [1000, "+25,0%", 5000, "—", 10, "—", 30, "+200,0%", 40, "+300,0%"] in rows
    assert [4, "+100,0%", 2, "—", 1, "—"] in rows
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert any(str(r).startswith("A") and ":B" in str(r) for r in sheet.merged_cells.ranges)


REPORT_QUERY = {
    "kind": "periodic",
    "addressee": "Bộ Khoa học và Công nghệ",
    "form": "1",
    "due": "2026-05-15",
    "file_format": "xlsx",
    "organisation": "Công ty Thử",
    "address": "Hà Nội",
    "management_code": "QL-1",
    "place": "Hà Nội",
}


def test_the_report_page_shows_the_calendar_and_gives_the_file(clock, client, reporter):
    page = client.get("/chong-spam/bao-cao/")
    assert page.status_code == 200
    assert "15/05/2026" in page.content.decode() and "15/11/2026" in page.content.decode()
    answer = client.get("/chong-spam/bao-cao/", REPORT_QUERY)
    assert answer.status_code == 200 and "attachment" in answer["Content-Disposition"]
    load_workbook(io.BytesIO(answer.content))
    docx = client.get("/chong-spam/bao-cao/", REPORT_QUERY | {"file_format": "docx"})
    Document(io.BytesIO(docx.content))


@pytest.mark.parametrize(
    "change",
    [
        {"form": "4"},
        {"due": "2026-05-16"},
        {"due": "rác"},
        {"file_format": "pdf"},
        {"organisation": ""},
    ],
)
def test_a_bad_report_request_explains_itself(clock, client, reporter, change):
    answer = client.get("/chong-spam/bao-cao/", REPORT_QUERY | change)
    assert answer.status_code == 422 and 'role="alert"' in answer.content.decode()


def test_figures_are_saved_per_period(clock, client, reporter):
    data = {
        "service": "sms",
        "period_start": "2025-11-01",
        "revenue": "5000000",
        "accounts": "0",
        "total_messages": "0",
    }
    assert client.post("/chong-spam/bao-cao/so-lieu/", data).status_code == 302
    assert client.post("/chong-spam/bao-cao/so-lieu/", data | {"revenue": "7"}).status_code == 302
    assert PeriodFigures.objects.get().revenue == 7
    for bad in [
        {"service": "x"},
        {"period_start": "2025-11-02"},
        {"revenue": "-1"},
        {"revenue": "nhiều"},
    ]:
        client.post("/chong-spam/bao-cao/so-lieu/", data | bad)
    assert PeriodFigures.objects.get().revenue == 7


# --- "Số thông điệp quảng cáo": counted from what was sent ------------------------------------


def sms_to_many(customer, count, content, message_id=None):
    from netpoint.provider.modules.antispam.checks import Check, check_sends

    checks = [
        Check("sms", f"09120{n:05d}", content, sender="THUSHOP", message_id=message_id)
        for n in range(count)
    ]
    assert all(o.allowed for o in check_sends(customer, checks))


def customer_row(form: str) -> list:
    _text, tables = docx_tables(exports.to_docx(reports.build(form, DUE, DETAILS), DETAILS))
    return tables[1][1]


def test_fifty_sends_of_one_unregistered_message_are_one_message_and_fifty_sms(clock, advertiser):
    sms_to_many(advertiser, 50, "[QC] Khuyến mãi 50%")
    assert customer_row("2") == ["1", advertiser.name, "1", "50"]


def test_two_different_contents_are_two_messages(clock, advertiser):
    sms_to_many(advertiser, 3, "[QC] Khuyến mãi 50%")
    sms_to_many(advertiser, 2, "[QC] Giảm giá cuối tuần")
    assert customer_row("2") == ["1", advertiser.name, "2", "5"]


def test_a_registered_template_filled_per_recipient_is_one_message(clock, advertiser):
    template = services.new_message(advertiser, channel="sms", title="Chào", content="[QC] Chào")
    from netpoint.provider.modules.antispam.checks import Check, check_sends

    checks = [
        Check("sms", f"09120{n:05d}", f"[QC] Chào bạn số {n}", "THUSHOP", template.pk)
        for n in range(4)
    ]
    check_sends(advertiser, checks)
    assert customer_row("2") == ["1", advertiser.name, "1", "4"]


def test_the_message_count_survives_folding_past_days(clock, advertiser):
    from datetime import timedelta

    from netpoint.provider.modules.antispam.checks import fold_sent_counts

    sms_to_many(advertiser, 3, "[QC] Khuyến mãi 50%")
    clock.advance(timedelta(days=1))
    fold_sent_counts()
    assert customer_row("2") == ["1", advertiser.name, "1", "3"]
