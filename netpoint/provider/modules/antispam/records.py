"""The e-mailed report of the information kept on opt-out requests and their confirmations
for the 6 months before (Thông tư 09/2011/TT-BTTTT, seed 004: "báo cáo bằng thư điện tử các
thông tin đã lưu giữ về yêu cầu từ chối và xác nhận yêu cầu từ chối của 06 tháng trước đó"):
one .xlsx of the requests, attached to an e-mail sent through Django's mail, and archived."""

import hashlib
from datetime import date, timedelta

from django.core.mail import EmailMessage
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from netpoint.common.core.policy import local_tz
from netpoint.common.sealing.crypto import unseal
from netpoint.common.sealing.indexes import key_ring
from netpoint.provider.modules.antispam import exports, periods, services, tallies
from netpoint.provider.modules.antispam.conf import conf
from netpoint.provider.modules.antispam.models import CHANNEL_CHOICES, ArchivedReport, OptOutRequest
from netpoint.provider.modules.antispam.recipients import SEALED_COLUMN
from netpoint.provider.modules.antispam.reports import Details

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLE = "THÔNG TIN LƯU GIỮ VỀ YÊU CẦU TỪ CHỐI VÀ XÁC NHẬN YÊU CẦU TỪ CHỐI"
COLUMNS = [
    "STT",
    "Thời điểm nhận yêu cầu",
    "Phương thức tiếp nhận",
    "Kênh quảng cáo",
    "Người nhận (số điện thoại, thư điện tử)",
    "Khách hàng",
    "Thời điểm xác nhận",
    "Nội dung xác nhận",
    "Tình trạng xử lý",
    "Lý do bất khả kháng",
]
NOT_READABLE = "không lưu địa chỉ đọc được (yêu cầu qua liên kết từ chối)"


def covered(made_on: date) -> tuple[date, date]:
    """The last half-year closed by `made_on`: the report made before 15/05 lists the
    requests of 01/11-30/04, as the periodic report counts them. Its requests are kept
    until that due date has passed (services.delete_expired_optouts)."""
    settings = conf()
    dues, months = settings.report_due, settings.report_period_months
    current_start, _end = periods.period_of(made_on, dues, months)
    return periods.period_of(current_start - timedelta(days=1), dues, months)


def _when(at) -> str:
    return timezone.localtime(at, local_tz()).strftime("%H:%M %d/%m/%Y") if at else ""


def workbook(start: date, end: date, details: Details) -> tuple[bytes, int]:
    """The file, and how many requests it lists."""
    low, high = tallies.bounds(start, end)
    found = (
        OptOutRequest.objects.filter(received_at__gte=low, received_at__lt=high)
        .select_related("customer")
        .order_by("received_at", "pk")
    )
    channels, ring = dict(CHANNEL_CHOICES), key_ring()
    book = Workbook()
    sheet = book.active
    sheet.title = "Yêu cầu từ chối"
    sheet.append([details.organisation.upper()])
    sheet.append([TITLE])
    sheet.append([f"(Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y})"])
    sheet.append([f"Kính gửi: {details.addressee or conf().addressee_name}"])
    sheet.append(COLUMNS)
    for cell in sheet[5]:
        cell.font = Font(bold=True)
    count = 0
    for count, request in enumerate(found.iterator(), start=1):
        sheet.append(
            [
                count,
                _when(request.received_at),
                str(OptOutRequest.Via(request.via).label),
                str(channels.get(request.channel, request.channel)),
                unseal(request.recipient_sealed, SEALED_COLUMN, ring)
                if request.recipient_sealed
                else NOT_READABLE,
                request.customer.name if request.customer else "Mọi khách hàng",
                _when(request.confirmed_at),
                request.confirmation,
                str(OptOutRequest.Status(request.status).label),
                request.force_majeure,
            ]
        )
    if not count:
        sheet.append(["", "Không có yêu cầu từ chối nào trong khoảng thời gian này."])
    return exports.save_book(book), count


def send(*, to: str, details: Details, made_on: date, by: str) -> ArchivedReport:
    """Makes the file, e-mails it, and archives it as sent."""
    start, end = covered(made_on)
    body, count = workbook(start, end, details)
    name = f"yeu-cau-tu-choi-{start.isoformat()}-{end.isoformat()}.xlsx"
    text = "\n".join(
        [
            f"Kính gửi: {details.addressee or conf().addressee_name}",
            "",
            f"{details.organisation} báo cáo các thông tin đã lưu giữ về yêu cầu từ chối và "
            f"xác nhận yêu cầu từ chối từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y} "
            f"(Thông tư 09/2011/TT-BTTTT): {count} yêu cầu, trong tệp đính kèm {name}.",
            f"SHA-256 của tệp: {hashlib.sha256(body).hexdigest()}",
            "",
            details.organisation,
            details.address,
        ]
    )
    message = EmailMessage(
        subject=f"Báo cáo thông tin lưu giữ về yêu cầu từ chối ({start:%d/%m/%Y} - "
        f"{end:%d/%m/%Y}) - {details.organisation}",
        body=text,
        to=[to],
    )
    message.attach(name, body, XLSX)
    message.send()
    return services.archive_report(
        kind=ArchivedReport.Kind.RECORDS,
        form="",
        start=start,
        end=end,
        by=by,
        file_name=name,
        body=body,
    )
