"""Search results as .xlsx, .docx and a printable page for the authority: landscape A4 under the
official heading, marked "MẬT", naming the written request, who exported and when, the sessions
found and the addresses accessed during them; each page carries the request's reference (in the
page header) and its number (in the footer). A large export only with a second officer's
approval."""

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django.template.loader import render_to_string
from django.utils import timezone
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from netpoint.common.audit import services as audit
from netpoint.common.audit.heads import SignedHead
from netpoint.common.core import clock
from netpoint.common.core.policy import local_tz
from netpoint.common.money import thousands
from netpoint.provider.authority import services
from netpoint.provider.authority.finding import Person
from netpoint.provider.authority.models import WrittenRequest
from netpoint.provider.registry.models import Enterprise, Point
from netpoint.provider.reports.official import MOTTO, NATION, national_heading

# A4 landscape in twips (twentieths of a point, Word's own unit), with the margins of Nghị định
# 30/2020/NĐ-CP, Phụ lục I (left 30-35 mm, right 15-20 mm, top and bottom 20-25 mm): 30, 15 and
# 20 mm.
PAGE_WIDTH, PAGE_HEIGHT = 16838, 11906
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 1701, 851, 1134, 1134
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
FONT = "Times New Roman"
TABLE_POINTS = 9
SECRET = "MẬT"


@dataclass(frozen=True)
class Column:
    title: str
    width: int  # twips; the last column of a table takes what the others leave
    whole: bool = False  # a number or a time: never broken across lines


def _widths(*columns: Column) -> tuple[Column, ...]:
    """The columns with the last one widened to fill the text width exactly."""
    *fixed, last = columns
    rest = TEXT_WIDTH - sum(c.width for c in fixed)
    return (*fixed, Column(last.title, rest, last.whole))


# 12 digits of a CCCD at 9 pt take about 1,100 twips, "10:00 19/11/2026" about 1,450; each
# cell adds 216 of padding.
SESSION_COLUMNS = _widths(
    Column("Họ và tên", 1700),
    Column("Ngày sinh", 1150, whole=True),
    Column("Loại giấy tờ", 850),
    Column("Số giấy tờ", 1500, whole=True),
    Column("Điện thoại", 1500, whole=True),
    Column("Điểm", 1000),
    Column("Máy", 1150),
    Column("Bắt đầu", 1750, whole=True),
    Column("Kết thúc", 1750, whole=True),
    Column("Thông tin từng điểm khai", 0),
)
ACCESS_COLUMNS = _widths(
    Column("Thời điểm", 1750, whole=True),
    Column("Họ và tên", 2600),
    Column("Điểm / máy", 2000),
    Column("Loại dịch vụ", 1900),
    Column("Số lần", 900, whole=True),
    Column("Địa chỉ truy cập", 0),
)
COLUMNS = [c.title for c in SESSION_COLUMNS]
ACCESS_TITLES = [c.title for c in ACCESS_COLUMNS]


@dataclass(frozen=True)
class Contents:
    """What every format of the export shows, in the same words."""

    sender: str  # the enterprise (or enterprises) whose points the sessions were at
    reference: str  # the written request: number, date, issuing authority
    exporter: str
    exported_at: str  # local time
    sessions: list[list[str]]
    access: list[list[str]]
    access_cut: bool  # more access records than were read
    head: SignedHead | None = None


# The audit log's signed head at the end of a .docx (issue 24): in words, then as the text that
# `netpoint audit verify --since` checks the provider's log against.
HEAD_WORDS = (
    "Nhật ký kiểm toán của doanh nghiệp khi xuất: {size} bản ghi, đến {time} (giờ Việt Nam),"
    " được ký bằng khóa {key}. Mã kiểm chứng dưới đây cho phép đối chiếu nhật ký đó về sau;"
    " mọi sửa đổi hay xóa bớt bản ghi đều bị phát hiện."
)
HEAD_LABEL = "Mã kiểm chứng:"
TITLE = "THÔNG TIN NGƯỜI SỬ DỤNG DỊCH VỤ"
SESSIONS_HEADING = "1. Phiên sử dụng dịch vụ"
ACCESS_HEADING = "2. Nhật ký truy cập (địa chỉ đã truy cập trong các phiên tìm thấy)"
NO_ACCESS = "Không có bản ghi truy cập."
CUT = "Chỉ gồm {n} bản ghi đầu."


def _local(instant) -> str:
    return timezone.localtime(instant, local_tz()).strftime("%H:%M %d/%m/%Y") if instant else ""


def head_in_words(head: SignedHead) -> str:
    seconds = timezone.localtime(head.signed_at, local_tz()).strftime("%H:%M:%S %d/%m/%Y")
    return HEAD_WORDS.format(size=thousands(head.tree_size), time=seconds, key=head.key_id)


def export(
    request: WrittenRequest,
    user,
    found: list[Person],
    fmt: str,
    search: str = "",
    access: Callable[[], list[dict]] | None = None,
    access_limit: int = 0,
) -> bytes:
    """The results as a file for the authority ("xlsx", "docx", or "html" for printing); the
    export is audited like the search. More than NETPOINT_AUTHORITY
    ["second_approval_over_persons"] people need a second officer's approval of the search
    (`search`: disclosure.digest), the same rule as the search page and the API
    (services.disclose): services.NeedsSecondApproval until one approved. `access` reads the
    access records of the sessions found (authority.access), only once the export may go."""
    if services.disclose(request, user, found, search, "export").withheld:
        raise services.NeedsSecondApproval(len(found))
    accessed = access() if access is not None else []
    make = {"xlsx": to_xlsx, "docx": to_docx, "html": to_html}[fmt]
    audit.record(
        "export",
        user=user,
        target=request.reference,
        detail={"format": fmt, "persons": len(found)},
    )
    contents = Contents(
        sender=sender_of(request, found),
        reference=request.reference,
        exporter=_name(user),
        exported_at=_local(clock.now()),
        sessions=rows(found),
        access=access_rows(accessed),
        access_cut=bool(access_limit) and len(accessed) >= access_limit,
        # The file carries the audit log's signed head over its own export entry.
        head=audit.current_head(),
    )
    return make(contents)


def _name(user) -> str:
    full = user.get_full_name()
    return f"{full} ({user.get_username()})" if full else user.get_username()


def sender_of(request: WrittenRequest, found: list[Person]) -> str:
    """The enterprise that answers: whose points the sessions found were at, else whose points
    the request names, else the only enterprise there is."""
    codes = {s.point for p in found for s in p.sessions}
    names = sorted(
        set(Point.objects.filter(code__in=codes).values_list("enterprise__name", flat=True))
    )
    if not names:
        names = sorted(set(request.points.values_list("enterprise__name", flat=True)))
    if not names:
        names = list(Enterprise.objects.values_list("name", flat=True)[:2])
        names = names if len(names) == 1 else []
    return "; ".join(names) or "Doanh nghiệp cung cấp dịch vụ"


def _versions(person: Person) -> str:
    """What each point said of the person, with the point and the time it said it."""
    return "\n".join(
        f"{v.point_name} ({v.point}) khai lúc {_local(v.said_at)}: {v.full_name}"
        + (f", {v.date_of_birth:%d/%m/%Y}" if v.date_of_birth else "")
        + (f", {v.phone}" if v.phone else "")
        for v in person.versions
    )


def _stations(session) -> str:
    """The station, and for a moved session each move with its time: "M01 → M03 lúc …"; for
    a Wi-Fi session the addresses it went out through, as the search page shows them."""
    text = session.station + "".join(f" → {m.station} lúc {_local(m.at)}" for m in session.moves)
    if session.private_ip:
        text += f" (IP riêng {session.private_ip}, NAT {session.public_ip}:{session.public_ports}"
        text += f", phiên RADIUS {session.radius_session})" if session.radius_session else ")"
    return text


def rows(found: list[Person]) -> list[list[str]]:
    """One row per session (a person with no session in range still gets a row)."""
    table = []
    for person in found:
        versions = _versions(person)
        identity = [
            person.full_name,
            person.date_of_birth.strftime("%d/%m/%Y") if person.date_of_birth else "",
            person.id_type.upper(),
            person.id_number,
            person.phone,
        ]
        for session in person.sessions or [None]:
            table.append(
                identity
                + (
                    [
                        session.point,
                        _stations(session),
                        _local(session.started_at),
                        _local(session.ended_at),
                    ]
                    if session
                    else ["", "", "", ""]
                )
                + [versions]
            )
    return table


def access_rows(found: list[dict]) -> list[list[str]]:
    """The access records as the search page shows them (authority/detail.html)."""
    return [
        [
            _local(a["minute"]),
            a["full_name"],
            f"{a['point']}/{a['station']}",
            str(a["service_label"]),
            str(a["count"]),
            a["destination"] + (f":{a['port']}" if a["port"] else ""),
        ]
        for a in found
    ]


def heading(reference: str) -> str:
    return f"Cung cấp theo văn bản số {reference}"


def facts(contents: Contents) -> list[str]:
    """The lines under the title: the request, who exported and when."""
    return [
        heading(contents.reference),
        f"Người xuất: {contents.exporter}",
        f"Thời điểm xuất: {contents.exported_at} (giờ Việt Nam)",
    ]


def to_xlsx(contents: Contents) -> bytes:
    book = Workbook()
    if contents.head is not None:
        book.properties.description = contents.head.to_json()
    first = book.active
    first.title = "Kết quả"
    _xlsx_sheet(first, contents, SESSIONS_HEADING, SESSION_COLUMNS, contents.sessions, None)
    cut = CUT.format(n=len(contents.access)) if contents.access_cut else None
    second = book.create_sheet("Nhật ký truy cập")
    _xlsx_sheet(second, contents, ACCESS_HEADING, ACCESS_COLUMNS, contents.access, cut)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_sheet(sheet, contents: Contents, title: str, columns, values, note) -> None:
    """One table under the heading; printed landscape on A4, fitted to the page's width, its
    title row on every page, "MẬT" and the request in the header, "Trang X/Y" in the footer."""
    bold, thin = Font(bold=True), Side(style="thin")
    for header in (sheet.oddHeader, sheet.evenHeader):
        header.left.text = SECRET
        header.center.text = heading(contents.reference)
    for footer in (sheet.oddFooter, sheet.evenFooter):
        footer.center.text = "Trang &P/&N"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    half = len(columns) // 2
    sheet.append([contents.sender.upper()] + [""] * (half - 1) + [NATION])
    sheet.append([""] * half + [MOTTO])
    sheet.append([SECRET])
    sheet.append([TITLE])
    for line in facts(contents):
        sheet.append([line])
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row):
        for cell in row:
            cell.font = bold if row[0].row <= 4 else Font(italic=True)
    sheet["A3"].font = Font(bold=True, color="C00000", size=14)
    sheet.append([])
    sheet.append([title])
    sheet.cell(row=sheet.max_row, column=1).font = bold
    top = sheet.max_row + 1
    sheet.append([c.title for c in columns])
    for row in values:
        sheet.append(row)
    if not values and columns is ACCESS_COLUMNS:
        sheet.append([NO_ACCESS])
    for row in sheet.iter_rows(min_row=top, max_row=sheet.max_row, max_col=len(columns)):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(vertical="top", wrap_text=not columns[cell.column - 1].whole)
            cell.number_format = "@"  # numbers stay text: a CCCD keeps its leading zeros
            if cell.row == top:
                cell.font = bold
    if note:
        sheet.append([note])
    sheet.print_title_rows = f"{top}:{top}"
    for index, column in enumerate(columns, 1):
        # Excel's width is in characters of the default font; a twip is 1/20 pt.
        sheet.column_dimensions[get_column_letter(index)].width = round(column.width / 110, 1)


def to_docx(contents: Contents) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    header = section.header.paragraphs[0]
    header.text = SECRET
    header.runs[0].bold = True
    section.header.add_paragraph(heading(contents.reference))
    _page_numbers(section.footer.paragraphs[0])

    national_heading(document, [(contents.sender.upper(), True), ("", False)])
    mark = _paragraph(document, SECRET, bold=True, size=14)
    mark.runs[0].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    _paragraph(document, TITLE, bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    for line in facts(contents):
        _paragraph(document, line, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, SESSIONS_HEADING, bold=True)
    _docx_table(document, SESSION_COLUMNS, contents.sessions)
    _paragraph(document, ACCESS_HEADING, bold=True)
    if contents.access:
        _docx_table(document, ACCESS_COLUMNS, contents.access)
        if contents.access_cut:
            _paragraph(document, CUT.format(n=len(contents.access)), italic=True)
    else:
        _paragraph(document, NO_ACCESS, italic=True)
    if contents.head is not None:  # in the text: a document property holds at most 255 characters
        _paragraph(document, head_in_words(contents.head), italic=True, size=9)
        signed = document.add_paragraph(f"{HEAD_LABEL} {contents.head.to_json()}")
        signed.runs[0].font.size = Pt(7)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _paragraph(document, text: str, *, bold=False, italic=False, size=None, align=None):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    return paragraph


def _docx_table(document, columns: tuple[Column, ...], values: list[list[str]]) -> None:
    """A table of fixed column widths filling the text width; a number or a time is one run
    in a cell that Word does not wrap, with non-breaking spaces."""
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.autofit = False  # fixed layout: the widths below hold
    for column, spec in zip(table.columns, columns, strict=True):
        column.width = Twips(spec.width)
    _header_repeats(table.rows[0])
    for cell, spec in zip(table.rows[0].cells, columns, strict=True):
        _cell(cell, spec, spec.title, bold=True)
    for row in values:
        for cell, spec, value in zip(table.add_row().cells, columns, row, strict=True):
            _cell(cell, spec, value)


def _cell(cell, spec: Column, value: str, bold: bool = False) -> None:
    cell.width = Twips(spec.width)
    paragraph = cell.paragraphs[0]
    if value:
        run = paragraph.add_run(value.replace(" ", "\u00a0") if spec.whole else value)
        run.bold = bold
        run.font.size = Pt(TABLE_POINTS)
    if spec.whole:
        properties = cell._tc.get_or_add_tcPr()
        properties.append(OxmlElement("w:noWrap"))


def _header_repeats(row) -> None:
    """The title row printed again at the top of every page."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:tblHeader"))


def _page_numbers(paragraph) -> None:
    """ "Trang X/Y" with Word's PAGE and NUMPAGES fields, centred."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Trang ")
    _field(paragraph, "PAGE")
    paragraph.add_run("/")
    _field(paragraph, "NUMPAGES")


def _field(paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"  # shown until Word updates the field
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


class HtmlCell(NamedTuple):
    value: str
    whole: bool  # a number or a time: not wrapped


@dataclass(frozen=True)
class HtmlTable:
    key: str
    heading: str
    columns: list[tuple[str, str]]  # title, width in % of the text width
    rows: list[list[HtmlCell]]
    empty: str


def _html_table(
    key: str, heading_: str, columns: tuple[Column, ...], values, empty=""
) -> HtmlTable:
    return HtmlTable(
        key,
        heading_,
        [(c.title, f"{100 * c.width / TEXT_WIDTH:.2f}") for c in columns],
        [[HtmlCell(v, c.whole) for v, c in zip(row, columns, strict=True)] for row in values],
        empty,
    )


def _css_string(text: str) -> str:
    """`text` for a CSS string inside <style>, where HTML escapes do not apply: every character
    but ASCII letters and digits as a six-digit CSS escape, which nothing can end early."""
    return "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):06x}" for c in text)


def to_html(contents: Contents) -> bytes:
    """The same pages for the browser to print (landscape A4, the same column widths)."""
    context = {
        "contents": contents,
        "nation": NATION,
        "motto": MOTTO,
        "secret": SECRET,
        "title": TITLE,
        "facts": facts(contents),
        "tables": [
            _html_table("sessions", SESSIONS_HEADING, SESSION_COLUMNS, contents.sessions),
            _html_table("access", ACCESS_HEADING, ACCESS_COLUMNS, contents.access, NO_ACCESS),
        ],
        "cut": CUT.format(n=len(contents.access)) if contents.access_cut else "",
        "head_label": HEAD_LABEL,
        "head_words": head_in_words(contents.head) if contents.head else "",
        "running_css": _css_string(heading(contents.reference)),
    }
    return render_to_string("authority/export_print.html", context).encode()
