"""The semi-annual report of an online game operator (công văn 1515/BBCVT-VT, mục 3), due in
the first week of January and July and covering the half-year to 30/6 or 31/12: computed from
the records where they exist, entered by staff where they do not."""

import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, Sum
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from netpoint.common.core.policy import local_tz
from netpoint.common.policies.age import age_on
from netpoint.provider.modules.games.accounts import rules
from netpoint.provider.modules.games.models import Account, Game, GameServer, PlayDay, PlaySession
from netpoint.provider.registry.divisions import province_name

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass
class Section:
    title: str
    columns: list[str]
    rows: list[list]
    text: str = ""


def period(year: int, half: int) -> tuple[date, date]:
    """First and last day of the half-year."""
    return (
        (date(year, 1, 1), date(year, 6, 30))
        if half == 1
        else (date(year, 7, 1), date(year, 12, 31))
    )


def _instant(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=local_tz())


def _months(first: date) -> list[str]:
    return [f"{first.month + n:02d}/{first.year}" for n in range(6)]


def sections(report) -> list[Section]:
    first, last = period(report.year, report.half)
    since, until = _instant(first), _instant(last + timedelta(days=1))
    games = list(Game.objects.order_by("name_vi"))
    registered = dict(
        Game.objects.annotate(
            n=Count(
                "accounts",
                filter=Q(accounts__created_at__lt=until)
                & (Q(accounts__closed_at__isnull=True) | Q(accounts__closed_at__gte=until)),
            )
        ).values_list("pk", "n")
    )
    players = (
        PlayDay.objects.filter(day__gte=first, day__lte=last, seconds__gt=0)
        .values("account__province_code")
        .annotate(n=Count("account", distinct=True))
        .order_by("account__province_code")
    )
    sessions = PlaySession.objects.filter(started_at__gte=since, started_at__lt=until)
    ends = dict(sessions.exclude(end_reason="").values_list("end_reason").annotate(n=Count("pk")))
    beats = sessions.aggregate(all=Sum("heartbeats"), late=Sum("late_heartbeats"))
    accounts = Account.objects.filter(created_at__lt=until).exclude(closed_at__lt=until)
    under_guardian_age = [
        a
        for a in accounts.only("date_of_birth", "guardian_name")
        if age_on(a.date_of_birth, last) < rules().guardian_age
    ]
    revenue = list(report.revenue) + [0] * (6 - len(report.revenue))
    servers = GameServer.objects.select_related("game").order_by("game__name_vi", "name")
    return [
        Section(
            "1. Các trò chơi đang cung cấp",
            ["Tên gốc", "Tên tiếng Việt", "Loại hình", "Nguồn gốc", "Độ tuổi", "Số giấy phép"],
            [
                [g.name_original, g.name_vi, g.kind, g.origin, g.age_rating, g.licence_number]
                for g in games
            ],
        ),
        Section(
            "2. Tài khoản đăng ký theo trò chơi và khả năng đáp ứng",
            ["Trò chơi", "Số tài khoản đăng ký", "Số tài khoản tối đa hệ thống đáp ứng"],
            [[g.name_vi, registered.get(g.pk, 0), g.max_accounts] for g in games]
            + [
                [
                    "Tổng cộng",
                    sum(registered.values()),
                    sum(g.max_accounts for g in games),
                ]
            ],
        ),
        Section(
            "3. Số người thực tế sử dụng dịch vụ theo địa phương",
            ["Tỉnh, thành phố", "Số người sử dụng"],
            [[province_name(p["account__province_code"]), p["n"]] for p in players]
            + [["Tổng cộng", sum(p["n"] for p in players)]],
        ),
        Section(
            "4. Dịch vụ giá trị gia tăng trong trò chơi",
            ["Trò chơi", "Dịch vụ"],
            [[g.name_vi, g.value_added_services or "Không có"] for g in games],
        ),
        Section(
            "5. Máy chủ và kết nối Internet",
            [
                "Trò chơi",
                "Cụm máy chủ",
                "Số máy",
                "Cấu hình",
                "Địa điểm đặt",
                "Kết nối",
                "Dung lượng (Mbps)",
            ],
            [
                [
                    s.game.name_vi,
                    s.name,
                    s.count,
                    s.configuration,
                    s.location,
                    s.connection,
                    s.bandwidth_mbps,
                ]
                for s in servers
            ],
        ),
        Section(
            "6. Hoạt động và hiệu quả của phần mềm quản lý giờ chơi và thông tin người chơi",
            ["Chỉ tiêu", "Số liệu"],
            [
                ["Phiên chơi", sessions.count()],
                ["Phiên của người chơi dưới 18 tuổi", sessions.filter(minor=True).count()],
                ["Phiên kết thúc do đủ 60 phút một trò chơi", ends.get("game_limit", 0)],
                ["Phiên kết thúc do đủ 180 phút trong ngày", ends.get("day_limit", 0)],
                ["Lượt vào bị từ chối do độ tuổi của trò chơi", ends.get("age_rating", 0)],
                ["Lượt vào bị từ chối do thiếu người giám hộ", ends.get("no_guardian", 0)],
                ["Nhịp báo giờ chơi nhận được", beats["all"] or 0],
                ["Nhịp báo đến sau khi hết thời hạn", beats["late"] or 0],
                ["Tài khoản đang hoạt động", accounts.count()],
                [
                    "Tài khoản đã xác minh số điện thoại",
                    accounts.filter(phone_verified_at__isnull=False).count(),
                ],
                ["Người chơi dưới tuổi cần người giám hộ", len(under_guardian_age)],
                [
                    "Trong đó có đủ thông tin người giám hộ",
                    sum(1 for a in under_guardian_age if a.guardian_name),
                ],
            ],
        ),
        Section(
            "7. Phương án đảm bảo an toàn, an ninh và khắc phục sự cố", [], [], report.security_plan
        ),
        Section(
            "8. Doanh thu theo từng tháng",
            ["Tháng", "Doanh thu (đồng)"],
            [[m, v] for m, v in zip(_months(first), revenue, strict=True)]
            + [["Tổng cộng", sum(revenue)]],
        ),
        Section("9. Hợp tác với doanh nghiệp khác", [], [], report.partners or "Không có"),
        Section("10. Kiến nghị và đề xuất", [], [], report.recommendations or "Không có"),
    ]


def title(report) -> str:
    first, last = period(report.year, report.half)
    return (
        "BÁO CÁO tình hình phát triển và hoạt động cung cấp dịch vụ trò chơi trực tuyến "
        f"tính đến ngày {last:%d/%m/%Y}"
    )


def _money(value) -> str:
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def to_docx(report) -> bytes:
    document = Document()
    head = document.add_table(rows=2, cols=2)
    head.cell(0, 0).text = report.company.upper()
    head.cell(0, 1).text = NATION
    head.cell(1, 0).text = f"Số: {report.number}"
    head.cell(1, 1).text = MOTTO
    for cell in (head.cell(0, 0), head.cell(0, 1), head.cell(1, 1)):
        cell.paragraphs[0].runs[0].font.bold = True
    for row in head.rows:
        for cell in row.cells:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    dated = document.add_paragraph(
        f"{report.place}, ngày {report.dated.day:02d} tháng {report.dated.month:02d} "
        f"năm {report.dated.year}"
    )
    dated.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    dated.runs[0].font.italic = True
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(title(report)).bold = True
    document.add_paragraph(f"Kính gửi: {report.addressee}").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for section in sections(report):
        document.add_heading(section.title, level=2)
        if section.text:
            document.add_paragraph(section.text)
        if section.columns:
            table = document.add_table(rows=1, cols=len(section.columns))
            table.style = "Table Grid"
            for cell, name in zip(table.rows[0].cells, section.columns, strict=True):
                cell.text = name
                cell.paragraphs[0].runs[0].font.bold = True
            for row in section.rows:
                for cell, value in zip(table.add_row().cells, row, strict=True):
                    cell.text = _money(value)
                    cell.paragraphs[0].runs[0].font.size = Pt(10)
    signature = document.add_table(rows=3, cols=2)
    signature.cell(0, 1).text = report.signer_title.upper()
    signature.cell(1, 1).text = "(Ký, ghi rõ họ tên, đóng dấu)"
    signature.cell(2, 1).text = report.signer_name
    signature.cell(0, 0).text = "Nơi nhận:"
    signature.cell(1, 0).text = f"- {report.addressee};\n- Lưu: VT."
    for row in signature.rows:
        row.cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_xlsx(report) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo"
    bold = Font(bold=True)
    center = Alignment(horizontal="center")
    sheet.append([report.company.upper(), None, None, NATION])
    sheet.append([f"Số: {report.number}", None, None, MOTTO])
    sheet.append(
        [
            None,
            None,
            None,
            f"{report.place}, ngày {report.dated.day:02d} tháng {report.dated.month:02d} "
            f"năm {report.dated.year}",
        ]
    )
    sheet.append([title(report)])
    sheet.append([f"Kính gửi: {report.addressee}"])
    for cell in ("A1", "D1", "D2", "A4"):
        sheet[cell].font = bold
    sheet["D1"].alignment = sheet["D2"].alignment = center
    for section in sections(report):
        sheet.append([])
        sheet.append([section.title])
        sheet.cell(sheet.max_row, 1).font = bold
        if section.text:
            sheet.append([section.text])
        if section.columns:
            sheet.append(section.columns)
            for cell in sheet[sheet.max_row]:
                cell.font = bold
            for row in section.rows:
                sheet.append(row)
    sheet.append([])
    sheet.append([None, None, None, report.signer_title.upper()])
    sheet.append([None, None, None, report.signer_name])
    sheet.column_dimensions["A"].width = 48
    for column in "BCDEFG":
        sheet.column_dimensions[column].width = 22
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
