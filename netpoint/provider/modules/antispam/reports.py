"""Mẫu số 1, 2 and 3 of Thông tư 09/2011/TT-BTTTT (seed 004): the counts of a period against
the previous one, laid out as the forms' sections and tables (written out by exports.py)."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, Sum

from netpoint.provider.modules.antispam import periods, services, tallies
from netpoint.provider.modules.antispam.models import (
    Customer,
    PeriodFigures,
    SentCount,
    SpamReport,
)

FORMS = {
    "1": {
        "service": "email",
        "title": "CỦA NHÀ CUNG CẤP DỊCH VỤ QUẢNG CÁO BẰNG THƯ ĐIỆN TỬ",
        "kind": "dịch vụ quảng cáo bằng thư điện tử",
        "sent": "Số thư điện tử quảng cáo gửi đi",
        "sent_group": "Thư điện tử quảng cáo",
        "vias": [
            ("web", "Qua trang web (2)"),
            ("email", "Bằng thư điện tử (3)"),
            ("phone", "Gọi điện thoại (4)"),
        ],
    },
    "2": {
        "service": "sms",
        "title": "CỦA NHÀ CUNG CẤP DỊCH VỤ QUẢNG CÁO BẰNG TIN NHẮN",
        "kind": "dịch vụ quảng cáo bằng tin nhắn",
        "sent": "Số tin nhắn quảng cáo gửi đi",
        "sent_group": "Tin nhắn quảng cáo",
        "vias": [("sms", "Bằng tin nhắn (2)"), ("phone", "Gọi điện thoại (3)")],
    },
    "3": {
        "service": "messaging",
        "title": "CỦA NHÀ CUNG CẤP DỊCH VỤ TIN NHẮN QUA MẠNG INTERNET",
        "kind": "dịch vụ tin nhắn qua mạng Internet",
    },
}
# Which ways of asking count for which advertising channel (REQUIREMENTS E.1).
VIAS_BY_CHANNEL = {
    "email": ["web", "email", "phone"],
    "sms": ["sms", "phone"],
    "call": ["phone"],
    "messaging": ["web", "sms", "phone"],
}
NOTE = (
    "Chú thích: Các cột Tăng/giảm thể hiện % mức độ tăng/giảm so với kỳ báo cáo trước. "
    "Dấu (+) thể hiện tăng, dấu (-) thể hiện giảm"
)
TEMPLATE_NOTE = "Thông điệp quảng cáo là một bản tin (mẫu) quảng cáo"


@dataclass
class Table:
    """`header` rows of cells, each text or (text, columns spanned); a None text continues the
    cell of the row above down into this row."""

    header: list[list]
    rows: list[list]


@dataclass
class Report:
    form: str
    title: str
    start: date
    end: date
    blocks: list = field(default_factory=list)  # str paragraphs and Tables, in order


@dataclass
class Details:
    organisation: str
    address: str
    management_code: str
    issued_on: date | None = None
    valid_until: date | None = None
    number: str = ""
    place: str = "Hà Nội"
    recommendations: str = ""
    made_on: date | None = None


# The advertising messages (thông điệp) that went: counted from the sends, registered or not.
MESSAGES = Count("content_key", distinct=True, filter=~Q(content_key=""))


def _sent(channel: str, start: date, end: date, **filters):
    return SentCount.objects.filter(channel=channel, day__gte=start, day__lte=end, **filters)


def _usage(channel: str, start: date, end: date, **filters) -> tuple[int, int, int]:
    """(customers, advertising messages, sends) of the channel in the period."""
    rows = _sent(channel, start, end, **filters)
    totals = rows.aggregate(
        customers=Count("customer", distinct=True),
        messages=MESSAGES,
        sent=Sum("sent"),
    )
    return totals["customers"], totals["messages"], totals["sent"] or 0


def _per_customer(channel: str, start: date, end: date, **filters) -> list[dict]:
    return list(
        _sent(channel, start, end, **filters)
        .values("customer__name", "customer__management_code")
        .annotate(messages=MESSAGES, sent=Sum("sent"))
        .order_by("customer__name")
    )


def _figures(service: str, start: date) -> PeriodFigures:
    return PeriodFigures.objects.filter(service=service, period_start=start).first() or (
        PeriodFigures(service=service, period_start=start)
    )


def _pair(now: int, before: int) -> list:
    return [now, periods.change(now, before)]


def _optouts(channel: str, vias: list[tuple[str, str]], start: date, end: date):
    tally = services.optouts_between(channel, start, end)
    rows = []
    for line, label in enumerate(tallies.LINES):
        values = [tally.of(via)[line] for via, _title in vias]
        rows.append([label, *values, sum(values)])
    table = Table(
        header=[["Phương thức tiếp nhận Số lượng", *[t for _v, t in vias], "Tổng số"]],
        rows=rows,
    )
    reasons = sorted({r for via, _title in vias for r in tally.reasons.get(via, [])})
    return table, reasons


def _heading_blocks(spec: dict, details: Details, number: int) -> list:
    figures = spec["figures"]
    return [
        f"{number}. Tổng doanh thu và mức độ tăng trưởng từ {spec['kind']} trong kỳ báo cáo:",
        f"- Tổng doanh thu trong kỳ báo cáo: {figures[0].revenue:,} đồng".replace(",", "."),
        "- Mức độ tăng trưởng so với kỳ báo cáo trước: "
        + periods.change(figures[0].revenue, figures[1].revenue),
    ]


def build(form: str, due: date, details: Details, months: int = 6) -> Report:
    spec = dict(FORMS[form])
    start, end = periods.period_for(due, months)
    before = periods.previous(start, months)
    service = spec["service"]
    spec["figures"] = (_figures(service, start), _figures(service, before[0]))
    report = Report(form, spec["title"], start, end)
    blocks = report.blocks
    blocks.extend(_heading_blocks(spec, details, 1))
    if form in ("1", "2"):
        blocks.append(f"2. Thống kê khách hàng đang sử dụng {spec['kind']} trong kỳ báo cáo:")
        customers = _per_customer(service, start, end)
        blocks.append(
            Table(
                header=[["STT", "Tên khách hàng", "Số thông điệp quảng cáo (1)", spec["sent"]]],
                rows=[
                    [n, c["customer__name"], c["messages"], c["sent"]]
                    for n, c in enumerate(customers, start=1)
                ],
            )
        )
        blocks.append(f"(1) {TEMPLATE_NOTE}")
        blocks.append(f"3. Tổng hợp thống kê về {spec['kind']} trong kỳ báo cáo:")
        now, then = _usage(service, start, end), _usage(service, *before)
        blocks.append(
            Table(
                header=[
                    [("Khách hàng", 2), ("Thông điệp quảng cáo (2)", 2), (spec["sent_group"], 2)],
                    ["Tổng số", "Tăng/giảm"] * 3,
                ],
                rows=[_pair(now[0], then[0]) + _pair(now[1], then[1]) + _pair(now[2], then[2])],
            )
        )
        blocks.append(f"{NOTE}; (2) {TEMPLATE_NOTE}")
        blocks.append("4. Thống kê về yêu cầu từ chối và xử lý yêu cầu từ chối trong kỳ báo cáo:")
        table, reasons = _optouts(service, spec["vias"], start, end)
        blocks.append(table)
        blocks.append(
            "Liệt kê các lý do bất khả kháng không thể xử lý được yêu cầu từ chối của người "
            "nhận: " + ("; ".join(reasons) if reasons else "không có.")
        )
        blocks.append(f"5. Kiến nghị: {details.recommendations or 'không có.'}")
        return report
    figures = spec["figures"]
    advertisers = {"customer__kind": Customer.Kind.ADVERTISER}
    providers = {"customer__kind": Customer.Kind.AD_PROVIDER}
    own_now = _usage(service, start, end, **advertisers)[2]
    own_then = _usage(service, *before, **advertisers)[2]
    prov_now = _usage(service, start, end, **providers)
    prov_then = _usage(service, *before, **providers)
    blocks.append(f"2. Tổng hợp thống kê khách hàng đang sử dụng {spec['kind']} trong kỳ báo cáo:")
    blocks.append(
        Table(
            header=[
                [
                    ("Tài khoản trên hệ thống", 2),
                    ("Tổng số tin nhắn", 2),
                    ("Tin nhắn quảng cáo", 6),
                ],
                [
                    (None, 2),
                    (None, 2),
                    ("Từ người quảng cáo (1)", 2),
                    ("Từ nhà cung cấp dịch vụ quảng cáo (2)", 2),
                    ("Tổng số (1) + (2)", 2),
                ],
                ["Tổng số", "Tăng/giảm"] * 5,
            ],
            rows=[
                _pair(figures[0].accounts, figures[1].accounts)
                + _pair(figures[0].total_messages, figures[1].total_messages)
                + _pair(own_now, own_then)
                + _pair(prov_now[2], prov_then[2])
                + _pair(own_now + prov_now[2], own_then + prov_then[2])
            ],
        )
    )
    blocks.append(
        "3. Liệt kê các khách hàng là nhà cung cấp dịch vụ quảng cáo bằng tin nhắn trong tháng"
    )
    listed = _per_customer(service, start, end, **providers)
    blocks.append(
        Table(
            header=[
                [
                    "STT",
                    "Tên nhà cung cấp dịch vụ quảng cáo bằng tin nhắn",
                    "Mã số quản lý",
                    "Số lượng tin nhắn quảng cáo gửi đi",
                ]
            ],
            rows=[
                [n, c["customer__name"], c["customer__management_code"], c["sent"]]
                for n, c in enumerate(listed, start=1)
            ],
        )
    )
    blocks.append(
        "4. Tổng hợp thống kê về khách hàng là nhà cung cấp dịch vụ quảng cáo bằng tin nhắn "
        "trong kỳ báo cáo:"
    )
    blocks.append(
        Table(
            header=[
                [
                    ("Nhà cung cấp dịch vụ quảng cáo bằng tin nhắn", 2),
                    ("Số lượng tin nhắn quảng cáo gửi đi", 2),
                ],
                ["Tổng số", "Tăng/giảm"] * 2,
            ],
            rows=[_pair(prov_now[0], prov_then[0]) + _pair(prov_now[2], prov_then[2])],
        )
    )
    blocks.append("5. Tổng hợp thống kê về tin nhắn rác trong kỳ báo cáo:")
    spam_now, spam_then = _spam(start, end), _spam(*before)
    blocks.append(
        Table(
            header=[
                [
                    ("Tin nhắn rác phát hiện được", 2),
                    ("Báo cáo tin nhắn rác nhận được", 2),
                    ("Báo cáo đã được xử lý", 2),
                ],
                ["Tổng số", "Tăng/giảm"] * 3,
            ],
            rows=[sum((_pair(a, b) for a, b in zip(spam_now, spam_then, strict=True)), [])],
        )
    )
    blocks.append(NOTE)
    blocks.append(f"6. Kiến nghị: {details.recommendations or 'không có.'}")
    return report


def _spam(start: date, end: date) -> tuple[int, int, int]:
    low, high = tallies.bounds(start, end)
    found = SpamReport.objects.filter(
        channel="messaging", received_at__gte=low, received_at__lt=high
    )
    totals = found.aggregate(
        detected=Count("id", filter=Q(source=SpamReport.Source.DETECTED)),
        reported=Count("id", filter=Q(source=SpamReport.Source.REPORTED)),
        handled=Count("id", filter=Q(source=SpamReport.Source.REPORTED, handled_at__isnull=False)),
    )
    return totals["detected"], totals["reported"], totals["handled"]
