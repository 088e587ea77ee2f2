"""The periodic reports as .docx and .xlsx in the official layout: the organisation and the
national heading side by side, the title, the period, the addressee, then the form's sections."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from netpoint.common.money import cell_text
from netpoint.provider.modules.antispam.conf import conf
from netpoint.provider.modules.antispam.reports import Details, Report, Table

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGNER = "Đại diện có thẩm quyền của doanh nghiệp"
FONT, FONT_SIZE = "Times New Roman", 13


def _date_words(day) -> str:
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def front(report: Report, details: Details) -> dict:
    made = details.made_on
    return {
        "left": [details.organisation.upper(), f"Số: {details.number or '…'}"],
        "right": [
            NATION,
            MOTTO,
            f"{details.place}, {_date_words(made)}"
            if made
            else f"{details.place}, ngày … tháng … năm …",
        ],
        "title": [report.heading, report.title],
        "period": f"(Từ {_date_words(report.start)} đến {_date_words(report.end)})",
        "lines": [
            f"Kính gửi: {details.addressee or conf().addressee_name}",
            *([f"Theo yêu cầu: {report.request}"] if report.request else []),
            f"Tên doanh nghiệp: {details.organisation}",
            f"Địa chỉ liên lạc: {details.address}",
            f"Mã số quản lý {details.management_code} "
            f"Cấp ngày {details.issued_on.strftime('%d/%m/%Y') if details.issued_on else '…'} "
            "có hiệu lực đến ngày "
            f"{details.valid_until.strftime('%d/%m/%Y') if details.valid_until else '…'}",
        ],
    }


def _width(table: Table) -> int:
    return sum(cell[1] if isinstance(cell, tuple) else 1 for cell in table.header[-1])


def _spans(row: list) -> list[tuple[int, int, str | None]]:
    """(first column, columns spanned, text) of each header cell; None text = merged above."""
    cells, column = [], 0
    for cell in row:
        text, span = cell if isinstance(cell, tuple) else (cell, 1)
        cells.append((column, span, text))
        column += span
    return cells


def to_docx(report: Report, details: Details) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(FONT_SIZE)
    page = front(report, details)
    top = document.add_table(rows=1, cols=2)
    for cell, lines in zip(top.rows[0].cells, (page["left"], page["right"]), strict=True):
        cell.text = "\n".join(lines)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].runs[0].font.bold = True
    for line in page["title"]:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(line).bold = True
    document.add_paragraph(page["period"]).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in page["lines"]:
        document.add_paragraph(line)
    for block in report.blocks:
        if isinstance(block, Table):
            _docx_table(document, block)
        else:
            document.add_paragraph(block)
    signer = document.add_paragraph()
    signer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signer.add_run(SIGNER).bold = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_table(document, table: Table) -> None:
    grid = document.add_table(rows=len(table.header) + len(table.rows), cols=_width(table))
    grid.style = "Table Grid"
    for r, row in enumerate(table.header):
        for column, span, text in _spans(row):
            cell = grid.cell(r, column)
            if text is None:
                grid.cell(r - 1, column).merge(grid.cell(r, column + span - 1))
                continue
            if span > 1:
                cell = cell.merge(grid.cell(r, column + span - 1))
            cell.text = text
            cell.paragraphs[0].runs[0].font.bold = True
    for r, row in enumerate(table.rows, start=len(table.header)):
        for column, value in enumerate(row):
            grid.cell(r, column).text = cell_text(value)


def to_xlsx(report: Report, details: Details) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = f"Mẫu số {report.form}"
    page = front(report, details)
    bold, centre = Font(bold=True), Alignment(horizontal="center", wrap_text=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    width, r = 10, 0

    def line(text, *, merged=False, strong=False):
        nonlocal r
        r += 1
        cell = sheet.cell(r, 1, text)
        if merged:
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            cell.alignment = centre
        if strong:
            cell.font = bold

    for left, right in zip(page["left"] + [""], page["right"], strict=False):
        r += 1
        sheet.cell(r, 1, left or None)
        sheet.cell(r, 5, right)
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        sheet.merge_cells(start_row=r, start_column=5, end_row=r, end_column=width)
        for column in (1, 5):
            sheet.cell(r, column).font, sheet.cell(r, column).alignment = bold, centre
    r += 1
    for text in page["title"]:
        line(text, merged=True, strong=True)
    line(page["period"], merged=True)
    for text in page["lines"]:
        line(text)
    for block in report.blocks:
        if not isinstance(block, Table):
            line(block)
            continue
        for row in block.header:
            r += 1
            for column, span, text in _spans(row):
                if text is None:
                    # The heading of the row above reaches down into this row.
                    if span > 1:
                        sheet.unmerge_cells(
                            start_row=r - 1,
                            start_column=column + 1,
                            end_row=r - 1,
                            end_column=column + span,
                        )
                    sheet.merge_cells(
                        start_row=r - 1,
                        start_column=column + 1,
                        end_row=r,
                        end_column=column + span,
                    )
                    continue
                sheet.cell(r, column + 1, text).font = bold
                sheet.cell(r, column + 1).alignment = centre
                if span > 1:
                    sheet.merge_cells(
                        start_row=r, start_column=column + 1, end_row=r, end_column=column + span
                    )
        for row in block.rows:
            r += 1
            for column, value in enumerate(row, start=1):
                sheet.cell(r, column, value)
        first = r - len(block.rows) - len(block.header) + 1
        for row_cells in sheet.iter_rows(
            min_row=first, max_row=r, min_col=1, max_col=_width(block)
        ):
            for cell in row_cells:
                cell.border = box
    r += 2
    sheet.cell(r, 7, SIGNER).font = bold
    for column in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 16
    return save_book(book)


def save_book(book: Workbook) -> bytes:
    """Times New Roman 13 in every written cell, as in the .docx (and the core reports)."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cell.font = Font(name=FONT, size=FONT_SIZE, bold=cell.font.bold)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
