"""The authority's export as it is read (issue 26): landscape A4 under the official heading,
marked "MẬT", naming the request, the exporter and the time, page numbers, numbers and times
never broken, and the access records as a second table, in .docx, .xlsx and the printed page."""

import io
from datetime import timedelta

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from netpoint.provider.accessrecords.models import AccessRecord
from netpoint.provider.authority import exports, services
from netpoint.provider.authority.tests.conftest import SEEN

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]
# The session of the world's person in scope began at SEEN (10:00 19/11/2026 in Hà Nội).
STARTED, ENDED = "10:00 19/11/2026", "11:00 19/11/2026"


@pytest.fixture
def visited(world):
    """Two addresses the person in scope reached during their session (its local id is 1)."""
    for minutes, destination in ((5, "vnexpress.net"), (7, "zalo.me")):
        AccessRecord.objects.create(
            point=world["point"],
            session=1,
            minute=SEEN + timedelta(minutes=minutes),
            service="web",
            destination=destination,
            port=443,
            count=3,
        )
    return world


def exported(client, world, fmt: str):
    """What the investigator downloads from the search page for the person in scope."""
    services.decide(world["request"], world["officer"], approve=True)
    world["investigator"].first_name, world["investigator"].last_name = "An", "Trần Văn"
    world["investigator"].save()
    client.force_login(world["investigator"])
    answer = client.post(
        f"/van-ban/{world['request'].pk}/tim/",
        {"kind": "id_number", "value": world["somebody"].cccd, "fmt": fmt},
    )
    assert answer.status_code == 200, answer.content[:500]
    return answer


def word(client, world) -> Document:
    return Document(io.BytesIO(exported(client, world, "docx").content))


def twips(length) -> int:
    return round(length / 635)  # python-docx reads lengths in EMU


@pytest.mark.urls("netpoint.provider.urls")
def test_the_word_export_is_landscape_a4(client, world):
    section = word(client, world).sections[0]
    assert (twips(section.page_width), twips(section.page_height)) == (16838, 11906)
    assert section.orientation == 1  # WD_ORIENT.LANDSCAPE


@pytest.mark.urls("netpoint.provider.urls")
def test_each_tables_columns_fill_the_width_between_the_margins(client, visited):
    document = word(client, visited)
    section = document.sections[0]
    text_width = twips(section.page_width - section.left_margin - section.right_margin)
    sessions, access = document.tables[1], document.tables[2]
    for table in (sessions, access):
        assert sum(twips(c.width) for c in table.columns) == text_width
        for row in table.rows:
            assert sum(twips(c.width) for c in row.cells) == text_width


@pytest.mark.urls("netpoint.provider.urls")
def test_numbers_and_times_sit_whole_in_one_run_of_one_unwrapped_cell(client, world):
    somebody = world["somebody"]
    row = word(client, world).tables[1].rows[1]
    values = [somebody.date_of_birth.strftime("%d/%m/%Y"), somebody.cccd, somebody.phone]
    for value in values + [STARTED, ENDED]:
        [cell] = [c for c in row.cells if c.text.replace("\u00a0", " ") == value]
        [run] = cell.paragraphs[0].runs
        assert run.text.replace("\u00a0", " ") == value and " " not in run.text
        assert cell._tc.tcPr.find(qn("w:noWrap")) is not None, value


@pytest.mark.urls("netpoint.provider.urls")
def test_the_word_export_has_the_official_heading_the_mark_and_the_request(client, world):
    document = word(client, world)
    sender, nation = document.tables[0].rows[0].cells
    assert sender.paragraphs[0].text == "CÔNG TY THỬ NGHIỆM"
    assert nation.text.split("\n") == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    lines = [p.text for p in document.paragraphs]
    assert lines[:3] == [
        "MẬT",
        "THÔNG TIN NGƯỜI SỬ DỤNG DỊCH VỤ",
        exports.heading("123/CAHN-PA05 ngày 22/11/2026 - Công an TP Hà Nội"),
    ]


@pytest.mark.urls("netpoint.provider.urls")
def test_the_word_export_names_who_exported_it_and_when_in_vietnam_time(client, world):
    lines = [p.text for p in word(client, world).paragraphs]
    # NOW is 03:00 UTC on 22/11/2026: 10:00 in Hà Nội.
    assert "Người xuất: An Trần Văn (dieutra)" in lines
    assert "Thời điểm xuất: 10:00 22/11/2026 (giờ Việt Nam)" in lines


@pytest.mark.urls("netpoint.provider.urls")
def test_every_page_of_the_word_export_is_marked_and_numbered(client, world):
    section = word(client, world).sections[0]
    assert [p.text for p in section.header.paragraphs] == [
        "MẬT",
        "Cung cấp theo văn bản số 123/CAHN-PA05 ngày 22/11/2026 - Công an TP Hà Nội",
    ]
    footer = section.footer.paragraphs[0]._p
    fields = [f.get(qn("w:instr")) for f in footer.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert "".join(t.text for t in footer.iter(qn("w:t"))) == "Trang 1/1"


@pytest.mark.urls("netpoint.provider.urls")
def test_the_access_records_are_the_second_table_of_the_word_export(client, visited):
    document = word(client, visited)
    access = [[c.text.replace("\u00a0", " ") for c in r.cells] for r in document.tables[2].rows]
    assert access[0] == exports.ACCESS_TITLES
    name = visited["somebody"].full_name
    assert access[1:] == [
        ["10:05 19/11/2026", name, "HN-0001/M01", "Web", "3", "vnexpress.net:443"],
        ["10:07 19/11/2026", name, "HN-0001/M01", "Web", "3", "zalo.me:443"],
    ]


@pytest.mark.urls("netpoint.provider.urls")
def test_an_export_without_access_records_says_so(client, world):
    lines = [p.text for p in word(client, world).paragraphs]
    assert lines[lines.index(exports.ACCESS_HEADING) + 1] == "Không có bản ghi truy cập."


@pytest.mark.urls("netpoint.provider.urls")
def test_the_excel_export_has_the_same_heading_mark_and_tables(client, visited):
    book = load_workbook(io.BytesIO(exported(client, visited, "xlsx").content))
    assert book.sheetnames == ["Kết quả", "Nhật ký truy cập"]
    results, access = book["Kết quả"], book["Nhật ký truy cập"]
    for sheet in (results, access):
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.oddHeader.left.text == "MẬT" and sheet.oddFooter.center.text == "Trang &P/&N"
        values = [[c.value for c in row] for row in sheet.iter_rows()]
        assert values[0][0] == "CÔNG TY THỬ NGHIỆM"
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in values[0]
        assert values[2][0] == "MẬT"
        assert [v for v in values[5] if v] == ["Người xuất: An Trần Văn (dieutra)"]
    rows = [[c.value for c in row] for row in access.iter_rows()]
    top = rows.index(exports.ACCESS_TITLES)
    assert [r[5] for r in rows[top + 1 :]] == ["vnexpress.net:443", "zalo.me:443"]
    sessions = [[c.value for c in row] for row in results.iter_rows()]
    first = sessions[sessions.index(exports.COLUMNS) + 1]
    assert first[3] == visited["somebody"].cccd and first[7] == STARTED


@pytest.mark.urls("netpoint.provider.urls")
def test_the_printable_page_shows_the_same_export(client, visited):
    page = exported(client, visited, "html")
    assert page["Content-Type"].startswith("text/html") and "Content-Disposition" not in page
    text = page.content.decode()
    for shown in (
        "CÔNG TY THỬ NGHIỆM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        'id="secret">MẬT<',
        "Người xuất: An Trần Văn (dieutra)",
        f'<td class="whole">{visited["somebody"].cccd}</td>',
        "vnexpress.net:443",
        "size: A4 landscape",
    ):
        assert shown in text, shown


@pytest.mark.urls("netpoint.provider.urls")
def test_every_export_format_is_audited(client, world):
    from netpoint.common.audit.models import AuditEntry

    exported(client, world, "html")
    entry = AuditEntry.objects.filter(action="export").get()
    assert entry.detail == {"format": "html", "persons": 1}
