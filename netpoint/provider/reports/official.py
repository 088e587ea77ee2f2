"""The layout of an official Vietnamese report (Nghị định 30/2020 style): the sender and its
number on the left, the national heading on the right, place and date, the title, the
addressee, numbered sections, and the signature block. Same words in .docx and .xlsx."""

import io
from dataclasses import dataclass
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from netpoint.common.money import cell_text

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Heading:
    sender: str
    number: str
    place: str
    on: date
    addressee: str
    signer_title: str
    signer_name: str

    @property
    def place_and_date(self) -> str:
        return f"{self.place}, ngày {self.on.day:02d} tháng {self.on.month:02d} năm {self.on.year}"


RECIPIENTS = ["Như trên;", "Lưu: VT."]


def to_docx(heading: Heading, content: dict) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    national_heading(document, [(heading.sender.upper(), True), (f"Số: {heading.number}", False)])
    _paragraph(document, heading.place_and_date, align="right", italic=True)
    for index, line in enumerate(content["title"].split("\n")):
        _paragraph(document, line, align="center", bold=True, size=14 if index == 0 else 13)
    _paragraph(document, content["period"], align="center", italic=True)
    _paragraph(document, f"Kính gửi: {heading.addressee}", align="center")
    for section in content["sections"]:
        _paragraph(document, section["heading"], bold=True)
        for text in section["paragraphs"]:
            _paragraph(document, text)
        for table in section["tables"]:
            grid = document.add_table(rows=1, cols=len(table["columns"]))
            grid.style = "Table Grid"
            for cell, title in zip(grid.rows[0].cells, table["columns"], strict=True):
                cell.text = title
                cell.paragraphs[0].runs[0].font.bold = True
            for row in table["rows"]:
                for cell, value in zip(grid.add_row().cells, row, strict=True):
                    cell.text = cell_text(value)
            if not table["rows"]:
                grid.add_row().cells[0].text = "Không có số liệu."
            document.add_paragraph()
    bottom = document.add_table(rows=1, cols=2)
    left, right = bottom.rows[0].cells
    _lines(left, [("Nơi nhận:", True)] + [(f"- {r}", False) for r in RECIPIENTS])
    _lines(
        right,
        [
            (heading.signer_title.upper(), True),
            ("(Ký, ghi rõ họ tên, đóng dấu)", False),
            ("", False),
            ("", False),
            (heading.signer_name, True),
        ],
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def national_heading(document, sender: list[tuple[str, bool]]):
    """The two-column heading of an official document: the sender's lines (text, bold) at
    left, the nation and its motto at right; returns the table."""
    top = document.add_table(rows=1, cols=2)
    left, right = top.rows[0].cells
    _lines(left, sender)
    _lines(right, [(NATION, True), (MOTTO, True)])
    return top


def _lines(cell, lines: list[tuple[str, bool]]) -> None:
    first = True
    for text, bold in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = bold


def _paragraph(document, text, *, align="left", bold=False, italic=False, size=None):
    paragraph = document.add_paragraph()
    paragraph.alignment = {
        "left": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    return paragraph


def to_xlsx(heading: Heading, content: dict) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo"
    width = max([len(t["columns"]) for s in content["sections"] for t in s["tables"]] + [4])
    bold, thin = Font(bold=True), Side(style="thin")
    centred = Alignment(horizontal="center", wrap_text=True)

    def add(values, font=None, merge=False, align=None):
        sheet.append(values)
        row = sheet.max_row
        if merge:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        for cell in sheet[row]:
            if font:
                cell.font = font
            if align:
                cell.alignment = align
        return row

    half = max(width // 2, 1)
    add([heading.sender.upper()] + [""] * (half - 1) + [NATION], bold)
    add([f"Số: {heading.number}"] + [""] * (half - 1) + [MOTTO], bold)
    add([""] * half + [heading.place_and_date], Font(italic=True))
    for line in content["title"].split("\n"):
        add([line], bold, merge=True, align=centred)
    add([content["period"]], Font(italic=True), merge=True, align=centred)
    add([f"Kính gửi: {heading.addressee}"], merge=True, align=centred)
    for section in content["sections"]:
        add([])
        add([section["heading"]], bold)
        for text in section["paragraphs"]:
            add([text], merge=True, align=Alignment(wrap_text=True, vertical="top"))
        for table in section["tables"]:
            first = add(table["columns"], bold)
            for row in table["rows"]:
                add(list(row))
            for cells in sheet.iter_rows(
                min_row=first, max_row=sheet.max_row, max_col=len(table["columns"])
            ):
                for cell in cells:
                    cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            add([])
    add(["Nơi nhận:"] + [""] * (half - 1) + [heading.signer_title.upper()], bold)
    add([f"- {RECIPIENTS[0]}"] + [""] * (half - 1) + ["(Ký, ghi rõ họ tên, đóng dấu)"])
    add([f"- {RECIPIENTS[1]}"])
    add([""] * half + [heading.signer_name], bold)
    for column in "ABCDEF"[:width]:
        sheet.column_dimensions[column].width = 28
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
