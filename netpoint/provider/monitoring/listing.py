"""The violation list's rows, on the page and in the .xlsx export: which point (name, code,
ward, its registered contact phone — never a customer's), what (in words) and when."""

import io
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from netpoint.common.core.policy import local_tz
from netpoint.provider.monitoring import wording
from netpoint.provider.monitoring.models import Violation
from netpoint.provider.registry import divisions

# The page shows the newest ones; the export goes further, within what a sheet reads well.
PAGE_ROWS = 500
EXPORT_ROWS = 20000


@dataclass(frozen=True)
class ViolationRow:
    violation: Violation
    point_name: str
    point_code: str
    ward: str
    phone: str
    what: str
    occurred_at: datetime
    found_at: datetime
    state: str


def rows(violations, limit: int) -> list[ViolationRow]:
    found = violations.select_related("point__enterprise").order_by("-occurred_at", "-pk")
    return [
        ViolationRow(
            violation=v,
            point_name=v.point.name,
            point_code=v.point.code,
            ward=divisions.ward_name(v.point.ward_code),
            # The owner's phone in the registry, else the enterprise's.
            phone=v.point.phone_to_call,
            what=wording.summary(v),
            occurred_at=v.occurred_at,
            found_at=v.found_at,
            state=v.get_state_display(),
        )
        for v in found[:limit]
    ]


def to_xlsx(listed: list[ViolationRow], area: str, filters: str, made_at: datetime) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Vi phạm")
    tz = local_tz()
    sheet.append([_("Danh sách vi phạm: %(area)s") % {"area": area}])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([filters])
    sheet.append(
        [_("Xuất lúc %(time)s") % {"time": made_at.astimezone(tz).strftime("%H:%M %d/%m/%Y")}]
    )
    sheet.append([])
    columns = [
        _("Tên điểm"),
        _("Mã điểm"),
        _("Phường, xã"),
        _("Điện thoại liên hệ"),
        _("Vi phạm"),
        _("Thời điểm vi phạm"),
        _("Phát hiện lúc"),
        _("Trạng thái"),
    ]
    sheet.append(columns)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in listed:
        sheet.append(
            [
                row.point_name,
                row.point_code,
                row.ward,
                row.phone,
                row.what,
                # Local wall time: a spreadsheet has no time zones.
                row.occurred_at.astimezone(tz).replace(tzinfo=None),
                row.found_at.astimezone(tz).replace(tzinfo=None),
                row.state,
            ]
        )
        for cell in sheet[sheet.max_row][5:7]:
            cell.number_format = "hh:mm dd/mm/yyyy"
    for letter, width in zip("ABCDEFGH", (28, 12, 22, 16, 48, 18, 18, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A6"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
