"""Golden tests: every generated .docx and .xlsx is opened and its official heading, sections,
tables and figures are checked against the records they were made from."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from docx import Document
from openpyxl import load_workbook

from netpoint.provider.monitoring.models import ReleasedSoftware, Violation
from netpoint.provider.records.models import SessionRecord
from netpoint.provider.registry.models import Enterprise, Point
from netpoint.provider.reports import services
from netpoint.provider.reports.models import HouseholdRequest

pytestmark = pytest.mark.django_db

FEB = datetime(2026, 2, 10, 3, 0, tzinfo=UTC)  # 10:00 in Hanoi


@pytest.fixture
def maker(staff):
    return staff("baocao", "compliance_officer")


@pytest.fixture
def network(enterprise, provider_point, customer, session, heartbeat):
    game = provider_point("HN-0001")
    internet = provider_point("HCM-0001", point_type="internet", province_code=79, ward_code=26882)
    provider_point("HN-0009", active=False)
    wifi = [
        provider_point("WF-0001", point_type="wifi", venue_type="cafe"),
        provider_point("WF-0002", point_type="wifi", venue_type="cafe", ward_code=277),
        provider_point(
            "WF-0003", point_type="wifi", venue_type="hotel", contract_type="organisation"
        ),
        provider_point(
            "WF-0004",
            point_type="wifi",
            venue_type="airport",
            contract_type="organisation",
            province_code=79,
            ward_code=26882,
        ),
    ]
    rival = Enterprise.objects.create(name="Công ty Khác", tax_code="0100000002")
    provider_point("WF-9999", point_type="wifi", enterprise=rival)
    Point.objects.update(created_at=datetime(2025, 12, 1, tzinfo=UTC))
    people = [customer(game, n, FEB - timedelta(days=5)) for n in (1, 2, 3)]
    for n, person in enumerate(people + people[:1], 1):  # 4 sessions, 3 people, 1 hour each
        session(game, person, n, FEB + timedelta(hours=n), minutes=60)
    session(game, people[0], 9, datetime(2025, 12, 20, tzinfo=UTC), minutes=60)  # before
    heartbeat(game, FEB, version="1.1.0", software_hash="b" * 64)
    heartbeat(game, FEB + timedelta(days=10), version="1.2.0", software_hash="a" * 64)
    heartbeat(internet, FEB, version="1.2.0", software_hash="f" * 64)
    ReleasedSoftware.objects.create(
        version="1.1.0", software_hash="b" * 64, released_on=date(2025, 11, 1)
    )
    ReleasedSoftware.objects.create(
        version="1.2.0",
        software_hash="a" * 64,
        released_on=date(2026, 2, 15),
        changes="Cảnh báo thời gian chơi cho người chưa thành niên",
    )
    Violation.objects.create(
        point=game, kind="after_hours", key="1", occurred_at=FEB, found_at=FEB, state="resolved"
    )
    Violation.objects.create(point=game, kind="after_hours", key="2", occurred_at=FEB, found_at=FEB)
    Violation.objects.create(
        point=internet, kind="licence_expired", key="3", occurred_at=FEB, found_at=FEB
    )
    return {"game": game, "internet": internet, "wifi": wifi}


def generate(clock, maker, enterprise, kind, **extra):
    clock.set(datetime(2026, 4, 2, 3, 0, tzinfo=UTC))
    data = {
        "kind": kind,
        "enterprise": enterprise,
        "province_code": None,
        "period_from": date(2026, 1, 1),
        "period_to": date(2026, 3, 31),
        "number": "15/BC-TN",
        "place": "Hà Nội",
        "addressee": "",
        "signer_title": "Giám đốc",
        "signer_name": "Nguyễn Văn Ký",
    } | extra
    return services.generate(maker, data)


def docx_of(report):
    document = Document(io.BytesIO(bytes(report.docx)))
    paragraphs = [p.text for p in document.paragraphs if p.text]
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    return paragraphs, tables


def xlsx_rows(report):
    sheet = load_workbook(io.BytesIO(bytes(report.xlsx))).active
    return [[v for v in row if v not in (None, "")] for row in sheet.iter_rows(values_only=True)]


def check_official_layout(report, paragraphs, tables, rows):
    heading, signature = tables[0], tables[-1]
    assert heading[0][0] == "CÔNG TY THỬ NGHIỆM\nSố: 15/BC-TN"
    assert heading[0][1] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    assert "Hà Nội, ngày 02 tháng 04 năm 2026" in paragraphs
    assert "Kính gửi: Bộ Khoa học và Công nghệ" in paragraphs
    assert signature[0][0].startswith("Nơi nhận:")
    assert signature[0][1].startswith("GIÁM ĐỐC") and signature[0][1].endswith("Nguyễn Văn Ký")
    flat = [cell for row in rows for cell in row]
    for text in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 15/BC-TN",
        "Hà Nội, ngày 02 tháng 04 năm 2026",
        "Kính gửi: Bộ Khoa học và Công nghệ",
        "Nơi nhận:",
        "GIÁM ĐỐC",
        "Nguyễn Văn Ký",
    ):
        assert text in flat, text
    assert report.generated_by.username == "baocao"


def section_table(rows, heading, columns):
    """The rows under `columns` in the section that starts with `heading` in the sheet."""
    start = next(i for i, row in enumerate(rows) if row == [heading])
    first = next(i for i in range(start, len(rows)) if rows[i] == columns)
    found = []
    for row in rows[first + 1 :]:
        if not row:
            break
        found.append(row)
    return found


def test_the_periodic_operation_report(clock, maker, enterprise, network):
    report = generate(clock, maker, enterprise, "operation")
    paragraphs, tables = docx_of(report)
    rows = xlsx_rows(report)
    check_official_layout(report, paragraphs, tables, rows)
    assert "BÁO CÁO" in paragraphs
    assert "Từ ngày 01/01/2026 đến ngày 31/03/2026" in paragraphs
    for heading in (
        "1. Tình hình triển khai phần mềm tại các điểm",
        "2. Tình hình hoạt động",
        "3. Phiên bản phần mềm đang sử dụng",
        "4. Vi phạm phát hiện qua hệ thống giám sát",
    ):
        assert heading in paragraphs and [heading] in rows
    by_type = tables[1]
    assert by_type[0] == ["Loại điểm", "Số điểm", "Đang hoạt động", "Có tín hiệu trong kỳ"]
    assert by_type[1] == ["Đại lý Internet", "1", "1", "1"]
    assert by_type[2] == ["Điểm cung cấp dịch vụ trò chơi điện tử công cộng", "2", "1", "1"]
    assert by_type[3] == ["Điểm truy nhập Internet không dây công cộng", "4", "4", "0"]
    assert by_type[4] == ["Tổng cộng", "7", "6", "2"]
    in_period = SessionRecord.objects.filter(
        started_at__gte=datetime(2025, 12, 31, 17, tzinfo=UTC),
        started_at__lt=datetime(2026, 3, 31, 17, tzinfo=UTC),
    )
    activity = section_table(rows, "2. Tình hình hoạt động", ["Chỉ tiêu", "Số liệu"])
    assert activity == [
        ["Số phiên sử dụng dịch vụ", in_period.count()],
        ["Số người sử dụng (theo giấy tờ tùy thân)", 3],
        ["Số điểm có phiên sử dụng", 1],
        ["Tổng số giờ sử dụng (phiên đã kết thúc)", 4],
    ]
    assert in_period.count() == 4
    versions = section_table(rows, "3. Phiên bản phần mềm đang sử dụng", ["Phiên bản", "Số điểm"])
    assert versions == [["1.2.0", 2]]
    violations = section_table(
        rows, "4. Vi phạm phát hiện qua hệ thống giám sát", ["Loại vi phạm", "Số vụ", "Đã xử lý"]
    )
    assert ["Hoạt động ngoài giờ cho phép", 2, 1] in violations
    assert ["Giấy phép đã hết hạn", 1, 0] in violations


def test_the_software_change_report(clock, maker, enterprise, network):
    report = generate(clock, maker, enterprise, "software_changes")
    paragraphs, tables = docx_of(report)
    rows = xlsx_rows(report)
    check_official_layout(report, paragraphs, tables, rows)
    assert "Nâng cấp, thay đổi tính năng phần mềm quản lý đại lý Internet" in paragraphs
    releases = section_table(
        rows,
        "1. Các phiên bản phát hành trong kỳ",
        ["Phiên bản", "Ngày phát hành", "Nội dung thay đổi"],
    )
    assert releases == [
        ["1.2.0", "15/02/2026", "Cảnh báo thời gian chơi cho người chưa thành niên"]
    ]
    reported = section_table(
        rows,
        "2. Phiên bản các điểm báo về",
        ["Phiên bản", "Mã băm", "Đối chiếu", "Số điểm", "Lần đầu báo về"],
    )
    assert reported == [
        ["1.1.0", "b" * 12, "Đúng bản phát hành", 1, "10/02/2026"],
        ["1.2.0", "a" * 12, "Đúng bản phát hành", 1, "20/02/2026"],
        ["1.2.0", "f" * 12, "Không có trong danh sách phát hành", 1, "10/02/2026"],
    ]
    upgrades = section_table(
        rows,
        "3. Các điểm đã nâng cấp trong kỳ",
        ["Mã điểm", "Từ phiên bản", "Lên phiên bản", "Ngày"],
    )
    assert upgrades == [["HN-0001", "1.1.0", "1.2.0", "20/02/2026"]]
    docx_upgrades = tables[-2]
    assert docx_upgrades[1] == ["HN-0001", "1.1.0", "1.2.0", "20/02/2026"]


def test_the_public_wifi_report(clock, maker, enterprise, network):
    report = generate(clock, maker, enterprise, "wifi")
    paragraphs, tables = docx_of(report)
    rows = xlsx_rows(report)
    assert "Kính gửi: Bộ Khoa học và Công nghệ" in paragraphs
    assert "Tổng số điểm truy cập Wi-Fi công cộng: 4 điểm." in paragraphs
    by_area = section_table(
        rows,
        "1. Số lượng điểm truy cập Wi-Fi công cộng theo địa bàn",
        ["Tỉnh, thành phố", "Phường, xã, đặc khu", "Số điểm"],
    )
    assert by_area == [
        ["Thành phố Hà Nội", "Phường Ba Đình", 2],
        ["Thành phố Hà Nội", "Phường Bạch Mai", 1],
        ["Thành phố Hồ Chí Minh", "Phường An Hội Tây", 1],
        ["Tổng cộng", 4],
    ]
    assert tables[1][-1] == ["Tổng cộng", "", "4"]
    by_contract = section_table(
        rows, "2. Phân loại thuê bao cung cấp Wi-Fi công cộng", ["Loại hình thuê bao", "Số điểm"]
    )
    assert by_contract == [
        ["Cá nhân, hộ gia đình", 2],
        ["Tổ chức, doanh nghiệp", 2],
        ["Tổng cộng", 4],
    ]
    classified = tables[3]
    assert classified[1:] == [
        ["Cá nhân, hộ gia đình", "Quán cà phê, giải khát", "2"],
        ["Tổ chức, doanh nghiệp", "Sân bay, nhà ga, bến xe", "1"],
        ["Tổ chức, doanh nghiệp", "Khách sạn, nhà nghỉ", "1"],
    ]
    assert (
        "Thuê bao đăng ký hợp đồng là cá nhân, hộ gia đình nhưng cung cấp Wi-Fi công cộng: "
        "2 điểm, trong đó 0 điểm đã được doanh nghiệp yêu cầu thực hiện các quy định về quản lý "
        "thông tin người sử dụng theo Chỉ thị 66/CT-BTTTT (theo ngày yêu cầu đã ghi nhận)."
        in paragraphs
    )


def test_the_wifi_report_counts_only_requests_recorded_by_the_period_s_end(
    clock, maker, enterprise, network
):
    first, second = network["wifi"][:2]  # the two household cafés
    HouseholdRequest.objects.create(
        point=first, asked_on=date(2026, 3, 2), recorded_by=maker, recorded_at=FEB
    )
    HouseholdRequest.objects.create(
        point=second, asked_on=date(2026, 4, 1), recorded_by=maker, recorded_at=FEB
    )
    paragraphs, _tables = docx_of(generate(clock, maker, enterprise, "wifi"))
    assert any(
        "công cộng: 2 điểm, trong đó 1 điểm đã được doanh nghiệp yêu cầu" in p for p in paragraphs
    )


def test_a_wifi_report_for_a_province_goes_to_the_ministry_and_its_department(
    clock, maker, enterprise, network
):
    """Seed 003 (mục 2): "Báo cáo về Bộ …, Sở … Hà Nội"; since 1/3/2025 the duty is the
    Ministry of Science and Technology's (Nghị định 55/2025/NĐ-CP)."""
    report = generate(clock, maker, enterprise, "wifi", province_code=1)
    paragraphs, _tables = docx_of(report)
    expected = "Kính gửi: Bộ Khoa học và Công nghệ; Sở Khoa học và Công nghệ thành phố Hà Nội"
    assert expected in paragraphs
    assert [f"Kính gửi: {report.addressee}"] in xlsx_rows(report)


def test_the_seeds_names_are_an_option(clock, maker, enterprise, network, settings):
    settings.NETPOINT_AGENCIES = {"names": "seeds"}
    paragraphs, _tables = docx_of(generate(clock, maker, enterprise, "wifi", province_code=1))
    expected = (
        "Kính gửi: Bộ Thông tin và Truyền thông; Sở Thông tin và Truyền thông thành phố Hà Nội"
    )
    assert expected in paragraphs


def test_an_addressee_typed_on_the_form_is_kept(clock, maker, enterprise, network):
    report = generate(clock, maker, enterprise, "operation", addressee="Cục Viễn thông")
    assert "Kính gửi: Cục Viễn thông" in docx_of(report)[0]


def test_a_report_for_one_province(clock, maker, enterprise, network):
    report = generate(clock, maker, enterprise, "wifi", province_code=79)
    rows = xlsx_rows(report)
    assert ["Tổng số điểm truy cập Wi-Fi công cộng: 1 điểm."] in rows
