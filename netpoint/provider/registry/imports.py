"""Points in bulk from an .xlsx or .csv file (issue 26): the template's columns, reading a file,
and every row checked as the point form checks one (PointForm), plus what only a file can get
wrong (a code twice in the file, a column missing). A file with any bad row imports nothing
(services.create_points); the report names each problem by row, column and message."""

import csv
import io
import ipaddress
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from netpoint.common.identity.normalise import fold_name
from netpoint.provider.registry import divisions
from netpoint.provider.registry.forms import PointForm
from netpoint.provider.registry.models import Enterprise, Point

MAX_ROWS = 2000  # a province's points at most; more is a mistake, or several files
MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Column:
    header: str  # as the template writes it, in Vietnamese (a file's own words, not the UI's)
    field: str  # the point form's field
    required: bool
    example: str


COLUMNS = (
    Column("Mã điểm", "code", True, "HN-0042"),
    Column("Tên điểm", "name", True, "Quán Net Ba Đình"),
    Column("Loại điểm", "point_type", True, "game"),
    Column("Chủ điểm", "owner_name", True, "Nguyễn Văn Chủ"),
    Column("Điện thoại chủ điểm", "owner_phone", False, "0912 345 678"),
    Column("Số giấy phép", "licence_number", False, "GP-42/2026"),
    Column("Ngày hết hạn giấy phép", "licence_expires_on", False, "31/12/2030"),
    Column("Tỉnh, thành phố", "province_code", True, "Thành phố Hà Nội"),
    Column("Phường, xã, đặc khu", "ward_code", True, "Phường Ba Đình"),
    Column("Số nhà, đường", "street_address", True, "42 Phố Thử"),
    Column("Địa chỉ IP công cộng", "public_ips_text", False, "203.0.113.42"),
    Column("Giờ mở cửa riêng", "hours_text", False, "08:00-22:00"),
    Column("Loại hợp đồng", "contract_type", False, "household"),
    Column("Loại địa điểm", "venue_type", False, "internet_cafe"),
)
BY_FIELD = {c.field: c for c in COLUMNS}
ORDER = {c.header: index for index, c in enumerate(COLUMNS)}  # a row's problems, left to right
# The values a choice column takes: its code or its Vietnamese label, accents or not.
CHOICES = {
    "point_type": Point.Type,
    "contract_type": Point.Contract,
    "venue_type": Point.Venue,
}
PROVINCE_KINDS = ("thanh pho ", "tinh ")
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y")
IP_SEPARATORS = re.compile(r"[\s,;]+")


class UnreadableFile(ValueError):
    """The upload is no spreadsheet of the template's columns; the message says why."""


@dataclass(frozen=True)
class Problem:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str  # the column's header; "" for the whole row
    message: str


@dataclass
class Checked:
    """A file's rows checked: the forms ready to save, or the problems (then nothing is)."""

    forms: list[PointForm] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0


def template_xlsx() -> bytes:
    """The template: the columns on the first sheet, what each takes on the second."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Điểm"
    sheet.append([c.header for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(16, len(cell.value) + 4)
    guide = book.create_sheet("Hướng dẫn")
    guide.append(["Cột", "Bắt buộc", "Ví dụ", "Giá trị"])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        choices = CHOICES.get(column.field)
        allowed = "; ".join(f"{v} ({label})" for v, label in choices.choices) if choices else ""
        guide.append(["", "", "", ""])
        guide.cell(guide.max_row, 1, column.header)
        guide.cell(guide.max_row, 2, "có" if column.required else "không")
        guide.cell(guide.max_row, 3, column.example)
        guide.cell(guide.max_row, 4, allowed)
    for letter, width in zip("ABCD", (26, 10, 22, 90), strict=True):
        guide.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_csv() -> bytes:
    """The same columns as UTF-8 with a byte-order mark, which Excel opens with the accents."""
    out = io.StringIO()
    csv.writer(out).writerow([c.header for c in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def read(name: str, data: bytes) -> list[list]:
    """The rows of an uploaded .xlsx or .csv (the header first), blank rows left out."""
    if len(data) > MAX_BYTES:
        raise UnreadableFile(_("Tệp quá lớn (tối đa 5 MB)."))
    if data.startswith(b"PK"):
        rows = _xlsx_rows(data)
    elif name.lower().endswith(".csv"):
        rows = _csv_rows(data)
    else:
        raise UnreadableFile(_("Tệp không phải bảng tính .xlsx hoặc .csv."))
    return [r for r in rows if any(_text(v) for v in r)]


def _xlsx_rows(data: bytes) -> list[list]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise UnreadableFile(_("Tệp không phải bảng tính .xlsx đọc được.")) from None
    rows = []
    for values in book.worksheets[0].iter_rows(values_only=True):
        rows.append(list(values))
        if len(rows) > MAX_ROWS + 1:
            break
    book.close()
    return rows


def _csv_rows(data: bytes) -> list[list]:
    if b"\0" in data:
        raise UnreadableFile(_("Tệp không phải bảng tính .xlsx hoặc .csv."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(_("Tệp .csv phải được lưu với mã UTF-8.")) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))[: MAX_ROWS + 2]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def check(enterprise: Enterprise, rows: list[list]) -> Checked:
    """Every row of the file as the point form would take it; UnreadableFile when the file has
    not the template's columns or no row."""
    if not rows:
        raise UnreadableFile(_("Tệp trống: không có dòng tiêu đề nào."))
    positions = _columns(rows[0])
    data_rows = rows[1:]
    if not data_rows:
        raise UnreadableFile(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
    if len(data_rows) > MAX_ROWS:
        raise UnreadableFile(
            _("Tệp có hơn %(n)s dòng; hãy chia thành nhiều tệp.") % {"n": MAX_ROWS}
        )
    checked = Checked(rows=len(data_rows))
    first_row_of: dict[str, int] = {}
    for number, values in enumerate(data_rows, start=2):
        cells = {c.field: values[i] if i < len(values) else None for c, i in positions.items()}
        problems, data = _prepared(number, cells)
        code = data.get("code", "").upper()
        if code and code in first_row_of:
            message = _("Mã điểm %(code)s trùng với dòng %(row)s của tệp.") % {
                "code": data["code"],
                "row": first_row_of[code],
            }
            problems.append(Problem(number, BY_FIELD["code"].header, message))
        first_row_of.setdefault(code, number)
        form = PointForm(data | {"enterprise": enterprise.pk, "active": "on"})
        if not form.is_valid():
            named = _fields_of(problems)
            problems += [
                Problem(number, BY_FIELD[name].header if name in BY_FIELD else "", str(message))
                for name, messages in form.errors.items()
                if name not in named
                for message in messages
            ]
        checked.problems += sorted(problems, key=lambda p: ORDER.get(p.column, -1))
        if not problems:
            checked.forms.append(form)
    return checked


def _fields_of(problems: list[Problem]) -> set[str]:
    """The fields already named: the form's own message about them would say it again."""
    headers = {p.column for p in problems}
    named = {c.field for c in COLUMNS if c.header in headers}
    # A ward is read inside its province: a province not understood leaves it unread.
    return named | ({"ward_code"} if "province_code" in named else set())


def _columns(header: list) -> dict[Column, int]:
    """Where each template column is in the file; UnreadableFile naming the columns missing or
    unknown."""
    known = {fold_name(c.header): c for c in COLUMNS}
    positions: dict[Column, int] = {}
    unknown = []
    for index, title in enumerate(header):
        title = _text(title)
        if not title:
            continue
        column = known.get(fold_name(title))
        if column is None:
            unknown.append(title)
        else:
            positions[column] = index
    missing = [c.header for c in COLUMNS if c.required and c not in positions]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("thiếu cột %(columns)s") % {"columns": ", ".join(missing)})
        if unknown:
            parts.append(_("cột không có trong mẫu: %(columns)s") % {"columns": ", ".join(unknown)})
        raise UnreadableFile(
            _("Các cột của tệp không theo mẫu (%(problems)s); hãy dùng tệp mẫu.")
            % {"problems": "; ".join(parts)}
        )
    return positions


def _prepared(number: int, cells: dict) -> tuple[list[Problem], dict]:
    """The row as the point form's data, with what is wrong before the form sees it."""
    problems: list[Problem] = []
    data = {name: _text(value) for name, value in cells.items()}

    def wrong(name: str, message: str) -> None:
        problems.append(Problem(number, BY_FIELD[name].header, message))
        data.pop(name, None)

    for name, choices in CHOICES.items():
        if data.get(name):
            value = _choice(choices, data[name])
            if value is None:
                allowed = ", ".join(choices.values)
                wrong(
                    name,
                    _("Không rõ “%(value)s”; ghi một trong: %(allowed)s.")
                    % {
                        "value": data[name],
                        "allowed": allowed,
                    },
                )
            else:
                data[name] = value
        elif name != "point_type":
            data[name] = Point._meta.get_field(name).default
    if data.get("province_code"):
        province = _province(data["province_code"])
        if province is None:
            wrong(
                "province_code",
                _("Không có tỉnh, thành phố “%(value)s”.") % {"value": data["province_code"]},
            )
        else:
            data["province_code"] = str(province)
    expires = cells.get("licence_expires_on")
    if data.get("licence_expires_on"):
        day = _date(expires)
        if day is None:
            wrong("licence_expires_on", _("Ngày phải có dạng ngày/tháng/năm, ví dụ 31/12/2030."))
        else:
            data["licence_expires_on"] = day.isoformat()
    if data.get("public_ips_text"):
        addresses = [a for a in IP_SEPARATORS.split(data["public_ips_text"]) if a]
        bad = [a for a in addresses if not _is_ip(a)]
        if bad:
            wrong(
                "public_ips_text",
                _("“%(value)s” không phải địa chỉ IP hợp lệ.") % {"value": bad[0]},
            )
        else:
            data["public_ips_text"] = "\n".join(addresses)
    return problems, data


def _choice(choices, value: str) -> str | None:
    wanted = fold_name(value)
    for code, label in choices.choices:
        if wanted in (code, fold_name(str(label))):
            return code
    return None


def _province(value: str) -> int | None:
    if value.isascii() and value.isdigit():
        code = int(value)
        return code if divisions.province_name(code) else None
    wanted = fold_name(value)
    for code, name in divisions.provinces():
        folded = fold_name(name)
        bare = next((folded[len(k) :] for k in PROVINCE_KINDS if folded.startswith(k)), folded)
        if wanted in (folded, bare):
            return code
    return None


def _date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(_text(value), fmt).date()
        except ValueError:
            continue
    return None


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
