"""The semi-annual report, opened as the Ministry would open it, against the records."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from docx import Document
from openpyxl import load_workbook

from netpoint.provider.modules.games import playtime, report, services
from netpoint.provider.modules.games.models import ApiToken, GameServer, SemiannualReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def half_year(clock, make_game, make_account):
    """Two games, three players in two provinces, play in the first half of 2026."""
    clock.set(datetime(2026, 3, 10, 3, 0, tzinfo=UTC))
    dragon = make_game("rong-lua", value_added_services="Vật phẩm ảo trả tiền qua SMS")
    war = make_game(
        "chien-truong",
        rating="18+",
        name_vi="Chiến Trường",
        name_original="Battlefield",
        origin="Hoa Kỳ",
        max_accounts=200_000,
    )
    GameServer.objects.create(
        game=dragon,
        name="Cụm Hà Nội",
        count=12,
        configuration="2x Xeon, 128 GB RAM",
        location="Trung tâm dữ liệu VNPT, Hà Nội",
        connection="Cáp quang, thuê kênh riêng",
        bandwidth_mbps=1000,
    )
    child = make_account("c1", born=date(2011, 2, 2), province_code=1)
    adult = make_account("a1", born=date(1990, 1, 1), seed=2, province_code=79)
    make_account("a2", born=date(1992, 1, 1), seed=3, province_code=79, games=["chien-truong"])
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
        addressee="Bộ Thông tin và Truyền thông",
        revenue=[1_000_000, 2_000_000, 3_000_000, 4_000_000, 5_000_000, 6_000_000],
        security_plan="Sao lưu hằng ngày sang trung tâm dữ liệu thứ hai.",
        partners="Công ty Phát hành Thử: vận hành máy chủ.",
        recommendations="",
        signer_title="Tổng giám đốc",
        signer_name="Nguyễn Văn Ký",
    )


def docx_tables(content: bytes) -> tuple[list[str], list[list[list[str]]]]:
    document = Document(io.BytesIO(content))
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return paragraphs, tables


def test_the_docx_has_the_official_layout_and_the_records_figures(half_year):
    paragraphs, tables = docx_tables(report.to_docx(half_year))
    heading = tables[0]
    assert heading[0] == ["CÔNG TY CỔ PHẦN TRÒ CHƠI THỬ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert heading[1] == ["Số: 15/BC-TCTT", "Độc lập - Tự do - Hạnh phúc"]
    assert "Hà Nội, ngày 03 tháng 07 năm 2026" in paragraphs
    assert any("tính đến ngày 30/06/2026" in p for p in paragraphs)
    assert "Kính gửi: Bộ Thông tin và Truyền thông" in paragraphs
    titles = [p for p in paragraphs if p[:2].rstrip(".").isdigit()]
    assert len(titles) == 10 and titles[-1] == "10. Kiến nghị và đề xuất"
    games, accounts, provinces, services_, servers, effect, revenue = tables[1:8]
    assert games[1:] == [
        ["Battlefield", "Chiến Trường", "Nhập vai (MMORPG)", "Hoa Kỳ", "18+", "123/GP-PTTH&TTĐT"],
        ["Dragon Fire", "Rồng Lửa", "Nhập vai (MMORPG)", "Hàn Quốc", "12+", "123/GP-PTTH&TTĐT"],
    ]
    assert accounts[1:] == [
        ["Chiến Trường", "2", "200.000"],
        ["Rồng Lửa", "2", "500.000"],
        ["Tổng cộng", "4", "700.000"],
    ]
    assert provinces[1:] == [
        ["Thành phố Hà Nội", "1"],
        ["Thành phố Hồ Chí Minh", "1"],
        ["Tổng cộng", "2"],
    ]
    assert services_[2] == ["Rồng Lửa", "Vật phẩm ảo trả tiền qua SMS"]
    assert servers[1][:3] == ["Rồng Lửa", "Cụm Hà Nội", "12"] and servers[1][6] == "1.000"
    figures = dict(effect[1:])
    assert figures["Phiên chơi"] == "3"
    assert figures["Phiên kết thúc do đủ 60 phút một trò chơi"] == "1"
    assert figures["Lượt vào bị từ chối do độ tuổi của trò chơi"] == "1"
    assert figures["Người chơi dưới tuổi cần người giám hộ"] == "1"
    assert figures["Trong đó có đủ thông tin người giám hộ"] == "1"
    assert revenue[1] == ["01/2026", "1.000.000"] and revenue[-1] == ["Tổng cộng", "21.000.000"]
    assert "Sao lưu hằng ngày sang trung tâm dữ liệu thứ hai." in paragraphs
    signature = tables[-1]
    assert signature[0][1] == "TỔNG GIÁM ĐỐC" and signature[2][1] == "Nguyễn Văn Ký"


def test_the_xlsx_carries_the_same_figures(half_year):
    sheet = load_workbook(io.BytesIO(report.to_xlsx(half_year))).active
    rows = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["CÔNG TY CỔ PHẦN TRÒ CHƠI THỬ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert rows[1] == ["Số: 15/BC-TCTT", "Độc lập - Tự do - Hạnh phúc"]
    assert ["Tổng cộng", 4, 700_000] in rows
    assert ["Thành phố Hà Nội", 1] in rows and ["Thành phố Hồ Chí Minh", 1] in rows
    assert ["Phiên kết thúc do đủ 60 phút một trò chơi", 1] in rows
    assert ["06/2026", 6_000_000] in rows and ["Tổng cộng", 21_000_000] in rows
    assert ["10. Kiến nghị và đề xuất"] in rows and ["Không có"] in rows
    assert rows[-1] == ["Nguyễn Văn Ký"]


def test_play_outside_the_half_year_is_not_counted(half_year):
    half_year.half, half_year.year = 2, 2026
    _paragraphs, tables = docx_tables(report.to_docx(half_year))
    assert tables[3][1:] == [["Tổng cộng", "0"]]
