"""The receipt on an 80 mm ESC/POS printer on the network (python-escpos), an option.

Most counter printers carry no Vietnamese code page: the slip is printed without accents
("Quan Net", "9.600 d"), which every printer shows and every customer reads.
"""

import unicodedata
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from netpoint.common.core.policy import local_tz
from netpoint.common.money import vnd
from netpoint.point.billing.conf import conf
from netpoint.point.billing.models import Receipt

WIDTH = 42  # characters on an 80 mm roll in the printer's font A


class PrinterError(Exception):
    pass


@dataclass(frozen=True)
class Slip:
    title: str
    lines: tuple[str, ...]


def plain(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in text if c.isascii())


def _pair(left: str, right: str) -> str:
    left, right = plain(left), plain(right)
    return left + " " * max(1, WIDTH - len(left) - len(right)) + right


def slip(receipt: Receipt, point_name: str) -> Slip:
    at = timezone.localtime(receipt.at, local_tz())
    lines = [
        plain(_("HÓA ĐƠN THANH TOÁN")).center(WIDTH),
        _pair(_("Số"), receipt.number),
        _pair(_("Thời điểm"), f"{at:%H:%M %d/%m/%Y}"),
        "-" * WIDTH,
        plain(receipt.description),
    ]
    session = receipt.session
    if session is not None:
        start = timezone.localtime(session.started_at, local_tz())
        lines.append(_pair(_("Bắt đầu"), f"{start:%H:%M %d/%m/%Y}"))
        if session.ended_at:
            end = timezone.localtime(session.ended_at, local_tz())
            lines.append(_pair(_("Kết thúc"), f"{end:%H:%M %d/%m/%Y}"))
    lines += ["-" * WIDTH, _pair(_("Thanh toán"), vnd(receipt.amount))]
    lines.append(_pair(_("Hình thức"), receipt.get_method_display()))
    if receipt.method == Receipt.Method.CASH:
        lines.append(_pair(_("Khách đưa"), vnd(receipt.received)))
        lines.append(_pair(_("Tiền thừa"), vnd(receipt.change)))
    lines += ["-" * WIDTH, plain(_("Cảm ơn quý khách!")).center(WIDTH)]
    return Slip(plain(point_name).center(WIDTH), tuple(lines))


def print_receipt(receipt: Receipt, point_name: str) -> None:
    settings = conf()
    if not settings.printer_host:
        raise PrinterError(_("Chưa khai báo máy in hóa đơn."))
    try:  # the optional extra "printer" (pyproject.toml)
        from escpos.exceptions import Error as EscposError
        from escpos.printer import Network
    except ImportError as missing:
        raise PrinterError(_("Máy chủ chưa cài gói in hóa đơn (python-escpos).")) from missing
    content = slip(receipt, point_name)
    printer = Network(settings.printer_host, settings.printer_port, timeout=5)
    try:
        printer.open()
        printer.set(align="center", bold=True)
        printer.textln(content.title)
        printer.set(align="left", bold=False)
        for line in content.lines:
            printer.textln(line)
        printer.cut()
    except (OSError, EscposError) as failed:
        raise PrinterError(_("Không in được: máy in không trả lời.")) from failed
    finally:
        printer.close()
