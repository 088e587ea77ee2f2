"""Search results as .xlsx and .docx for the authority, each page carrying the written
request's reference (in the page header, so it prints on every page); a large export only with
a second officer's approval."""

import io

from django.utils import timezone
from docx import Document
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Font

from netpoint.common.audit import services as audit
from netpoint.common.audit.heads import SignedHead
from netpoint.common.core.policy import local_tz
from netpoint.provider.authority import services
from netpoint.provider.authority.finding import Person
from netpoint.provider.authority.models import WrittenRequest

COLUMNS = [
    "Họ và tên",
    "Ngày sinh",
    "Loại giấy tờ",
    "Số giấy tờ",
    "Điện thoại",
    "Điểm",
    "Máy",
    "Bắt đầu",
    "Kết thúc",
    "Thông tin từng điểm khai",
]


def _local(instant) -> str:
    return timezone.localtime(instant, local_tz()).strftime("%H:%M %d/%m/%Y") if instant else ""


def export(request: WrittenRequest, user, found: list[Person], fmt: str, search: str = "") -> bytes:
    """The results as a file for the authority ("xlsx" or "docx"); the export is audited like
    the search. More than NETPOINT_AUTHORITY["second_approval_over_persons"] people need a
    second officer's approval of the search (`search`: disclosure.digest), the same rule as
    the search page and the API (services.disclose): services.NeedsSecondApproval until one
    approved."""
    if services.disclose(request, user, found, search, "export").withheld:
        raise services.NeedsSecondApproval(len(found))
    make = {"xlsx": to_xlsx, "docx": to_docx}[fmt]
    audit.record(
        "export",
        user=user,
        target=request.reference,
        detail={"format": fmt, "persons": len(found)},
    )
    # The file's metadata carries the audit log's signed head over its own export entry.
    return make(request.reference, found, audit.current_head())


def _versions(person: Person) -> str:
    """What each point said of the person, with the point and the time it said it."""
    return "\n".join(
        f"{v.point_name} ({v.point}) khai lúc {_local(v.said_at)}: {v.full_name}"
        + (f", {v.date_of_birth:%d/%m/%Y}" if v.date_of_birth else "")
        + (f", {v.phone}" if v.phone else "")
        for v in person.versions
    )


def _stations(session) -> str:
    """The station, and for a moved session each move with its time: "M01 → M03 lúc …"."""
    return session.station + "".join(f" → {m.station} lúc {_local(m.at)}" for m in session.moves)


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


# Before the audit log's signed head at the end of a .docx (issue 24).
HEAD_LABEL = "Đầu cây nhật ký kiểm toán đã ký:"


def heading(reference: str) -> str:
    return f"Cung cấp theo văn bản số {reference}"


def to_xlsx(reference: str, found: list[Person], head: SignedHead | None = None) -> bytes:
    book = Workbook()
    if head is not None:
        book.properties.description = head.to_json()
    sheet = book.active
    sheet.title = "Kết quả"
    sheet.oddHeader.center.text = heading(reference)
    sheet.evenHeader.center.text = heading(reference)
    sheet.append([heading(reference)])
    sheet["A1"].font = Font(bold=True)
    sheet.append([])
    sheet.append(COLUMNS)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in rows(found):
        sheet.append(row)
    sheet.print_title_rows = "3:3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_docx(reference: str, found: list[Person], head: SignedHead | None = None) -> bytes:
    document = Document()
    header = document.sections[0].header.paragraphs[0]
    header.text = heading(reference)
    document.add_heading("Thông tin người sử dụng dịch vụ", level=1)
    document.add_paragraph(heading(reference))
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.text = title
        cell.paragraphs[0].runs[0].font.bold = True
    for row in rows(found):
        for cell, value in zip(table.add_row().cells, row, strict=True):
            if value:
                cell.text = value
                cell.paragraphs[0].runs[0].font.size = Pt(9)
    if head is not None:  # in the text: a document property holds at most 255 characters
        signed = document.add_paragraph(f"{HEAD_LABEL} {head.to_json()}")
        signed.runs[0].font.size = Pt(7)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
