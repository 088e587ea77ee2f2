"""The printable record of one violation ("Phiếu ghi nhận vi phạm"), under the heading of the
Sở of the point's province, laid out as the official reports are (reports/official.py): the
page and the .docx are drawn from the same Record. An official paper: always in Vietnamese."""

import io
from dataclasses import dataclass
from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt

from netpoint.common.core.policy import local_tz
from netpoint.provider.authority.models import Organisation
from netpoint.provider.monitoring import wording
from netpoint.provider.monitoring.models import Violation
from netpoint.provider.registry import divisions
from netpoint.provider.reports import agencies
from netpoint.provider.reports.official import (
    MOTTO,
    NATION,
    _lines,
    _paragraph,
    national_heading,
)

TITLE = "PHIẾU GHI NHẬN VI PHẠM"


@dataclass(frozen=True)
class Section:
    heading: str
    lines: list[wording.EvidenceLine]


@dataclass(frozen=True)
class Record:
    parent: str  # the province's people's committee, above the Sở
    sender: str
    number: str
    place_and_date: str
    title: str
    subtitle: str
    sections: list[Section]
    closing: str
    point_signs: str
    issuer_signs: str
    signature: str
    issuer: str
    nation: str = NATION
    motto: str = MOTTO


def _when(instant) -> str:
    return instant.astimezone(local_tz()).strftime("%H:%M ngày %d/%m/%Y")


def _place(province: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh "):
        if province.startswith(prefix):
            return province[len(prefix) :]
    return province


def _department(point) -> str:
    """The Sở's own name where it has an account; else the department of the point's duty
    (game points: culture; internet and Wi-Fi: science and technology), as set (agencies)."""
    organisation = Organisation.objects.filter(
        kind=Organisation.Kind.DEPARTMENT_ICT, province_code=point.province_code
    ).first()
    if organisation:
        return organisation.name
    duty = {point.Type.GAME: "game_points", point.Type.WIFI: "wifi"}.get(point.point_type)
    return agencies.department(duty or "internet", point.province_code)


def build(violation: Violation, issuer: str, today: date) -> Record:
    with translation.override("vi"):
        return _build(violation, issuer, today)


def _build(violation: Violation, issuer: str, today: date) -> Record:
    point = violation.point
    province = divisions.province_name(point.province_code)
    ward = divisions.ward_name(point.ward_code)
    line = wording.EvidenceLine
    licence = point.licence_number or _("chưa nhập")
    if point.licence_expires_on:
        licence += ", " + _("hết hạn ngày %(day)s") % {
            "day": point.licence_expires_on.strftime("%d/%m/%Y")
        }
    about_point = [
        line(_("Tên điểm"), point.name),
        line(_("Mã điểm"), point.code),
        line(_("Loại điểm"), point.get_point_type_display()),
        line(_("Địa chỉ"), f"{point.street_address}, {ward}, {province}"),
        line(_("Chủ điểm"), point.owner_name),
        line(_("Doanh nghiệp quản lý"), point.enterprise.name),
        line(_("Điện thoại liên hệ"), point.phone_to_call or "—"),
        line(_("Giấy phép"), licence),
    ]
    about_violation = [
        line(_("Vi phạm"), wording.summary(violation)),
        line(_("Thời điểm vi phạm"), _when(violation.occurred_at)),
        line(_("Hệ thống phát hiện lúc"), _when(violation.found_at)),
        line(_("Trạng thái"), violation.get_state_display()),
    ]
    if violation.handled_by:
        about_violation.append(
            line(
                _("Xử lý"),
                f"{violation.handled_by.get_full_name() or violation.handled_by.get_username()}, "
                f"{_when(violation.handled_at)}"
                + (f": {violation.note}" if violation.note else ""),
            )
        )
    return Record(
        parent=f"Ủy ban nhân dân {province}".upper(),
        sender=_department(point).upper(),
        number=f"Số: {violation.pk}/PGN-VP",
        place_and_date=(
            f"{_place(province)}, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}"
        ),
        title=TITLE,
        subtitle=_("Về việc: %(what)s tại điểm %(code)s")
        % {"what": wording.summary(violation), "code": point.code},
        sections=[
            Section(_("I. Điểm truy nhập Internet công cộng"), about_point),
            Section(_("II. Nội dung vi phạm"), about_violation),
            Section(_("III. Chứng cứ do hệ thống giám sát ghi nhận"), wording.evidence(violation)),
        ],
        closing=_(
            "Phiếu được lập từ dữ liệu điểm truy nhập gửi về hệ thống giám sát; các thời điểm "
            "theo giờ Việt Nam."
        ),
        point_signs=_("ĐẠI DIỆN ĐIỂM TRUY NHẬP"),
        issuer_signs=_("NGƯỜI LẬP PHIẾU"),
        signature=_("(Ký, ghi rõ họ tên)"),
        issuer=issuer,
    )


def to_docx(record: Record) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    national_heading(
        document, [(record.parent, False), (record.sender, True), (record.number, False)]
    )
    _paragraph(document, record.place_and_date, align="right", italic=True)
    _paragraph(document, record.title, align="center", bold=True, size=14)
    _paragraph(document, record.subtitle, align="center", italic=True)
    for section in record.sections:
        _paragraph(document, section.heading, bold=True)
        grid = document.add_table(rows=0, cols=2)
        grid.style = "Table Grid"
        for label, text in section.lines:
            cells = grid.add_row().cells
            cells[0].text, cells[1].text = label, text
    _paragraph(document, record.closing, italic=True)
    bottom = document.add_table(rows=1, cols=2)
    left, right = bottom.rows[0].cells
    _lines(left, [(record.point_signs, True), (record.signature, False)])
    # Room to sign between the title and the name.
    room = [("", False)] * 2
    signs = [(record.issuer_signs, True), (record.signature, False), *room, (record.issuer, True)]
    _lines(right, signs)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
