"""Reading the generated report files back, as a reader would see them."""

import io

from docx import Document
from openpyxl import load_workbook


def docx_tables(body: bytes) -> tuple[str, list[list[list[str]]]]:
    """The paragraphs' text, and each table's rows of cell texts."""
    paragraphs, tables = docx_parts(body)
    return "\n".join(paragraphs), tables


def docx_parts(body: bytes) -> tuple[list[str], list[list[list[str]]]]:
    document = Document(io.BytesIO(body))
    tables = []
    for table in document.tables:
        rows = []
        for row in table.rows:
            cells = []
            for cell in row.cells:  # a merged cell repeats: keep it once
                if not cells or cell._tc is not cells[-1][1]:
                    cells.append((cell.text, cell._tc))
            rows.append([c[0] for c in cells])
        tables.append(rows)
    return [p.text for p in document.paragraphs], tables


def xlsx_rows(body: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(body)).active
    rows = []
    for row in sheet.iter_rows(values_only=True):
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        rows.append(values)
    return rows
