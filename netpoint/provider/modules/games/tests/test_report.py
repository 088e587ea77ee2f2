"""The semi-annual report, opened as the Ministry would open it and read against seed 002 (công
văn 1515/BBCVT-VT, mục 3) field by field, against the records it was made from."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from docx import Document
from docx.shared import Pt
from openpyxl import load_workbook

from netpoint.provider.modules.games import playtime, report, services
from netpoint.provider.modules.games.models import ApiToken, GameServer, SemiannualReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def half_year(clock, make_game, make_account):
    """Three games, three players in two provinces (a fourth registered in a third province
    never plays), play in the first half of 2026."""
    clock.set(datetime(2026, 3, 10, 3, 0, tzinfo=UTC))
    dragon = make_game("rong-lua", value_added_services="Vật phẩm ảo trả tiền qua SMS")
    war = make_game(
        "chien-truong",
        rating="18+",
        name_vi="Chiến Trường",
        name_original="Battlefield",
        origin="Hoa Kỳ",
    )
    make_game("dua-xe", rating="16+", name_vi="Xe Đua", name_original="Racer", origin="Nhật Bản")
    GameServer.objects.create(
        game=dragon,
        name="Cụm Hà Nội",
        count=12,
        configuration="2x Xeon, 128 GB RAM",
        location="Trung tâm dữ liệu VNPT, Hà Nội",
        connection="Cáp quang",
        bandwidth_mbps=1000,
        leased_line="Kênh thuê riêng VNPT 500 Mbps",
    )
    child = make_account("c1", born=date(2011, 2, 2), province_code=1)
    adult = make_account("a1", born=date(1990, 1, 1), seed=2, province_code=79)
    make_account("a2", born=date(1992, 1, 1), seed=3, province_code=79, games=["chien-truong"])
    make_account("a3", born=date(1993, 1, 1), seed=4, province_code=48)
    child.games.set([dragon])
    adult.games.set([dragon, war])
    dragon_server = services.issue_token(ApiToken.Kind.GAME_SERVER, "rl", dragon)[0]
    war_server = services.issue_token(ApiToken.Kind.GAME_SERVER, "ct", war)[0]
    playtime.start(dragon_server, "s1", "c1", 0)
    for seq in range(1, 70):
        clock.advance(timedelta(seconds=60))
        playtime.heartbeats(dragon_server, [("s1", seq)])
    playtime.start(war_server, "s2", "c1", 0)  # refused: 18+
    playtime.start(war_server, "s3", "a1", 0)
    clock.advance(timedelta(seconds=30))
    playtime.stop(war_server, "s3", 1)
    return SemiannualReport.objects.create(
        year=2026,
        half=1,
        number="15/BC-TCTT",
        place="Hà Nội",
        dated=date(2026, 7, 3),
        company="Công ty Cổ phần Trò chơi Thử",
        capacity_accounts=750_000,
        revenue=[1_000_000, 2_000_000, 3_000_000, 4_000_000, 5_000_000, 6_000_000],
        security_plan="Sao lưu hằng ngày sang trung tâm dữ liệu thứ hai.",
        partners="Công ty Phát hành Thử: vận hành máy chủ.",
        recommendations="",
        signer_title="Tổng giám đốc",
        signer_name="Nguyễn Văn Ký",
    )


def opened(content: bytes):
    return Document(io.BytesIO(content))


def docx_text(content: bytes) -> tuple[list[str], list[list[list[str]]]]:
    document = opened(content)
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return paragraphs, tables


def test_the_report_is_addressed_to_the_ministry_and_each_province_served(half_year):
    paragraphs, _tables = docx_text(report.to_docx(half_year))
    assert (
        "Kính gửi: \n- Bộ Văn hóa, Thể thao và Du lịch;"
        "\n- Sở Văn hóa, Thể thao và Du lịch thành phố Hà Nội;"
        "\n- Sở Văn hóa, Thể thao và Du lịch thành phố Hồ Chí Minh."
    ) in paragraphs


def test_a_province_where_nobody_played_is_not_addressed(half_year):
    # a3 is registered in Đà Nẵng (48) but never played in the half-year.
    paragraphs, _tables = docx_text(report.to_docx(half_year))
    assert not any("Đà Nẵng" in p for p in paragraphs)


def test_the_seeds_agency_names_are_an_option(half_year, settings):
    settings.NETPOINT_GAMES = {"report_agency": "bcvt"}
    paragraphs, _tables = docx_text(report.to_docx(half_year))
    kinh_gui = next(p for p in paragraphs if p.startswith("Kính gửi"))
    assert "- Bộ Bưu chính, Viễn thông;" in kinh_gui
    assert "- Sở Bưu chính, Viễn thông thành phố Hà Nội;" in kinh_gui
    assert "Văn hóa" not in kinh_gui


def test_a_department_with_its_own_name_is_addressed_by_it(half_year, settings):
    settings.NETPOINT_GAMES = {"report_departments": {"1": "Sở Văn hóa và Thể thao Hà Nội"}}
    paragraphs, _tables = docx_text(report.to_docx(half_year))
    kinh_gui = next(p for p in paragraphs if p.startswith("Kính gửi"))
    assert "- Sở Văn hóa và Thể thao Hà Nội;" in kinh_gui
    assert "Du lịch thành phố Hồ Chí Minh." in kinh_gui


def test_the_docx_is_in_times_new_roman_13(half_year):
    normal = opened(report.to_docx(half_year)).styles["Normal"].font
    assert (normal.name, normal.size) == ("Times New Roman", Pt(13))


def test_the_docx_has_every_part_the_seed_asks_in_its_order(half_year):
    paragraphs, tables = docx_text(report.to_docx(half_year))
    heading = tables[0]
    assert heading[0] == [
        "CÔNG TY CỔ PHẦN TRÒ CHƠI THỬ\nSố: 15/BC-TCTT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    ]
    assert "Hà Nội, ngày 03 tháng 07 năm 2026" in paragraphs
    assert "BÁO CÁO" in paragraphs
    assert "Tình hình phát triển và hoạt động cung cấp dịch vụ trò chơi trực tuyến" in paragraphs
    assert "Tính đến ngày 30/06/2026 (từ ngày 01/01/2026)" in paragraphs
    titles = [p for p in paragraphs if p[:2].rstrip(".").isdigit()]
    assert titles == [
        "1. Các trò chơi đang cung cấp",
        "2. Tài khoản đăng ký thực tế của từng trò chơi",
        "3. Số người thực tế sử dụng dịch vụ theo địa phương",
        "4. Dịch vụ viễn thông giá trị gia tăng trong trò chơi",
        "5. Máy chủ, kết nối Internet và thuê kênh",
        "6. Hoạt động và hiệu quả của phần mềm quản lý giờ chơi và thông tin người chơi",
        "7. Phương án đảm bảo an toàn, an ninh và phương án khắc phục sự cố",
        "8. Doanh thu theo từng tháng",
        "9. Hợp tác với doanh nghiệp khác (trách nhiệm của mỗi bên)",
        "10. Kiến nghị và đề xuất",
    ]


def test_games_are_listed_with_both_names_kind_origin_and_rating(half_year):
    _paragraphs, tables = docx_text(report.to_docx(half_year))
    assert tables[1][0][:5] == ["Tên gốc", "Tên Việt hóa", "Loại hình", "Nguồn gốc", "Độ tuổi"]
    assert [row[:5] for row in tables[1][1:]] == [
        ["Battlefield", "Chiến Trường", "Nhập vai (MMORPG)", "Hoa Kỳ", "18+"],
        ["Dragon Fire", "Rồng Lửa", "Nhập vai (MMORPG)", "Hàn Quốc", "12+"],
        ["Racer", "Xe Đua", "Nhập vai (MMORPG)", "Nhật Bản", "16+"],
    ]


def test_accounts_per_game_and_the_capacity_entered_for_the_reporting_time(half_year):
    paragraphs, tables = docx_text(report.to_docx(half_year))
    assert tables[2][1:] == [
        ["Chiến Trường", "2"],
        ["Rồng Lửa", "2"],
        ["Xe Đua", "0"],
        ["Tổng cộng", "4"],
    ]
    assert (
        "Số lượng tài khoản tối đa hệ thống có thể đáp ứng được tại thời điểm báo cáo "
        "(ngày 03/07/2026): 750.000 tài khoản."
    ) in paragraphs


def test_a_report_saved_without_capacity_says_it_was_not_entered(half_year):
    half_year.capacity_accounts = None
    paragraphs, _tables = docx_text(report.to_docx(half_year))
    assert any(p.endswith("(ngày 03/07/2026): chưa nhập.") for p in paragraphs)


def test_players_are_counted_by_the_province_they_are_registered_in(half_year):
    _paragraphs, tables = docx_text(report.to_docx(half_year))
    assert tables[3][1:] == [
        ["Thành phố Hà Nội", "1"],
        ["Thành phố Hồ Chí Minh", "1"],
        ["Tổng cộng", "2"],
    ]


def test_value_added_services_per_game(half_year):
    _paragraphs, tables = docx_text(report.to_docx(half_year))
    assert tables[4][1:] == [
        ["Chiến Trường", "Không có"],
        ["Rồng Lửa", "Vật phẩm ảo trả tiền qua SMS"],
        ["Xe Đua", "Không có"],
    ]


def test_servers_with_their_connection_and_leased_line(half_year):
    _paragraphs, tables = docx_text(report.to_docx(half_year))
    assert tables[5][0][-1] == "Thuê kênh riêng"
    assert tables[5][1] == [
        "Rồng Lửa",
        "Cụm Hà Nội",
        "12",
        "2x Xeon, 128 GB RAM",
        "Trung tâm dữ liệu VNPT, Hà Nội",
        "Cáp quang",
        "1.000",
        "Kênh thuê riêng VNPT 500 Mbps",
    ]


def test_the_play_time_softwares_effect_comes_from_the_sessions(half_year):
    _paragraphs, tables = docx_text(report.to_docx(half_year))
    figures = dict(tables[6][1:])
    # s1 (the child, stopped at 60 minutes) and s3 (an adult); s2 was refused at the start.
    assert figures["Phiên chơi (không kể lượt vào bị từ chối)"] == "2"
    assert figures["Phiên của người chơi dưới 18 tuổi"] == "1"
    assert figures["Phiên kết thúc do đủ 60 phút một trò chơi"] == "1"
    assert figures["Lượt vào bị từ chối do độ tuổi của trò chơi"] == "1"
    assert figures["Tài khoản còn mở đến hết ngày 30/06/2026"] == "4"
    assert figures["Người chơi dưới 16 tuổi (cần người giám hộ)"] == "1"
    assert figures["Trong đó có đủ thông tin người giám hộ"] == "1"


def test_a_player_turning_16_on_the_last_day_no_longer_needs_a_guardian(half_year, make_account):
    make_account("b16", born=date(2010, 6, 30), seed=5)  # 16 on 30/06/2026
    make_account("b15", born=date(2010, 7, 1), seed=6)  # still 15 on 30/06/2026
    _paragraphs, tables = docx_text(report.to_docx(half_year))
    assert dict(tables[6][1:])["Người chơi dưới 16 tuổi (cần người giám hộ)"] == "2"


def test_the_limits_in_the_labels_are_the_settings(half_year, settings):
    settings.NETPOINT_GAMES = {"minor_game_minutes": 45}
    _paragraphs, tables = docx_text(report.to_docx(half_year))
    assert "Phiên kết thúc do đủ 45 phút một trò chơi" in dict(tables[6][1:])


def test_what_staff_entered_security_revenue_partners_recommendations(half_year):
    paragraphs, tables = docx_text(report.to_docx(half_year))
    assert "Sao lưu hằng ngày sang trung tâm dữ liệu thứ hai." in paragraphs
    revenue = tables[7]
    assert revenue[1] == ["01/2026", "1.000.000"] and revenue[-1] == ["Tổng cộng", "21.000.000"]
    assert "Công ty Phát hành Thử: vận hành máy chủ." in paragraphs
    last = paragraphs.index("10. Kiến nghị và đề xuất")
    assert paragraphs[last + 1] == "Không có"  # none entered
    signature = tables[-1]
    assert signature[0][1].split("\n")[0] == "TỔNG GIÁM ĐỐC"
    assert signature[0][1].split("\n")[-1] == "Nguyễn Văn Ký"
    assert signature[0][0] == "Nơi nhận:\n- Như trên;\n- Lưu: VT."


def test_the_xlsx_carries_the_same_figures(half_year):
    sheet = load_workbook(io.BytesIO(report.to_xlsx(half_year))).active
    rows = [[c for c in row if c not in (None, "")] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["CÔNG TY CỔ PHẦN TRÒ CHƠI THỬ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert ["Tổng cộng", 4] in rows
    assert ["Thành phố Hà Nội", 1] in rows and ["Thành phố Hồ Chí Minh", 1] in rows
    assert ["Phiên kết thúc do đủ 60 phút một trò chơi", 1] in rows
    assert ["06/2026", 6_000_000] in rows and ["Tổng cộng", 21_000_000] in rows
    assert any("Sở Văn hóa, Thể thao và Du lịch thành phố Hà Nội" in r[0] for r in rows if r)
    assert ["10. Kiến nghị và đề xuất"] in rows and ["Không có"] in rows


def test_play_outside_the_half_year_is_not_counted_and_only_the_ministry_is_addressed(
    half_year,
):
    half_year.half, half_year.year = 2, 2026
    paragraphs, tables = docx_text(report.to_docx(half_year))
    assert tables[3][1:] == [["Tổng cộng", "0"]]
    assert "Kính gửi: Bộ Văn hóa, Thể thao và Du lịch" in paragraphs
