"""Mẫu số 1, 2 and 3 of Thông tư 09/2011/TT-BTTTT (seed 004): the counts of a period against
the previous one, laid out as the forms' sections and tables (written out by exports.py)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q, Sum

from netpoint.common.money import thousands
from netpoint.provider.modules.antispam import periods, services, tallies
from netpoint.provider.modules.antispam.conf import conf
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


PERIODIC, ANNUAL, ADHOC = "BÁO CÁO ĐỊNH KỲ", "BÁO CÁO NĂM", "BÁO CÁO ĐỘT XUẤT"


@dataclass
class Report:
    form: str
    title: str
    start: date
    end: date
    blocks: list = field(default_factory=list)  # str paragraphs and Tables, in order
    heading: str = PERIODIC
    # An ad-hoc report's request (the authority's letter: number, date).
    request: str = ""


@dataclass(frozen=True)
class Figures:
    """A range's hand-entered figures: revenue and messages add up over its periods, the
    accounts are the last period's."""

    revenue: int
    accounts: int
    total_messages: int


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
    addressee: str = ""

    @classmethod
    def from_settings(cls, **given) -> "Details":
        """The enterprise's details set once (conf.company, conf.addressee), with what the
        page gave for this report over them."""
        settings = conf()
        company = {k: v for k, v in settings.company.items() if v}
        for key in ("issued_on", "valid_until"):
            if key in company:
                company[key] = date.fromisoformat(company[key])
        merged = company | {k: v for k, v in given.items() if v not in (None, "")}
        merged.setdefault("addressee", settings.addressee_name)
        for key in ("organisation", "address", "management_code"):
            merged.setdefault(key, "")
        return cls(**merged)


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


def _figures(service: str, start: date, end: date) -> Figures | None:
    """None for a range off the reporting periods (an ad-hoc report): the figures are
    entered per period and cannot be cut to it."""
    settings = conf()
    parts = periods.split(start, end, settings.report_due, settings.report_period_months)
    if parts is None:
        return None
    entered = {
        f.period_start: f
        for f in PeriodFigures.objects.filter(
            service=service, period_start__in=[first for first, _last in parts]
        )
    }
    rows = [entered.get(first) or PeriodFigures() for first, _last in parts]
    return Figures(
        revenue=sum(r.revenue for r in rows),
        accounts=rows[-1].accounts,
        total_messages=sum(r.total_messages for r in rows),
    )


NO_FIGURES = "không có số liệu (số liệu được nhập theo kỳ báo cáo 6 tháng)"


def _pair(now: int | None, before: int | None) -> list:
    if now is None:
        return ["—", "—"]
    return [now, periods.change(now, before or 0)]


def _of(figures: Figures | None, name: str) -> int | None:
    return None if figures is None else getattr(figures, name)


# A way of asking the seed's form has no column for (an SMS opt-out on the public page): its
# own column after the form's, so that no request received goes uncounted.
VIA_TITLES = {
    "web": "Qua trang web",
    "email": "Bằng thư điện tử",
    "phone": "Gọi điện thoại",
    "sms": "Bằng tin nhắn",
}


def _optouts(channel: str, vias: list[tuple[str, str]], start: date, end: date):
    tally = services.optouts_between(channel, start, end)
    named = {via for via, _title in vias}
    others = sorted(via for via in tally.counts if via not in named and any(tally.of(via)))
    vias = vias + [
        (via, f"{VIA_TITLES.get(via, via)} ({len(vias) + 2 + n})") for n, via in enumerate(others)
    ]
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
    now, then = spec["figures"]
    title = f"{number}. Tổng doanh thu và mức độ tăng trưởng từ {spec['kind']} trong kỳ báo cáo:"
    if now is None:
        return [
            title,
            f"- Tổng doanh thu trong kỳ báo cáo: {NO_FIGURES}",
            f"- Mức độ tăng trưởng so với kỳ báo cáo trước: {NO_FIGURES}",
        ]
    return [
        title,
        f"- Tổng doanh thu trong kỳ báo cáo: {thousands(now.revenue)} đồng",
        "- Mức độ tăng trưởng so với kỳ báo cáo trước: "
        + periods.change(now.revenue, then.revenue if then else 0),
    ]


def build(form: str, due: date, details: Details, months: int = 6) -> Report:
    """The half-year report due on `due` (Mẫu số 1, 2 or 3)."""
    start, end = periods.period_for(due, months)
    return build_range(form, start, end, periods.previous(start, months), details)


def build_annual(form: str, due: date, details: Details) -> Report:
    """The year's report (before 15/11): the forms over the 12 months before November."""
    months = conf().annual_period_months
    start, end = periods.period_for(due, months)
    before = periods.previous(start, months)
    return build_range(form, start, end, before, details, heading=ANNUAL)


def build_adhoc(form: str, start: date, end: date, details: Details, request: str) -> Report:
    """An ad-hoc report for the authority's range, against as many days just before it."""
    days = (end - start).days + 1
    before = (start - timedelta(days=days), start - timedelta(days=1))
    return build_range(form, start, end, before, details, heading=ADHOC, request=request)


def build_range(
    form: str,
    start: date,
    end: date,
    before: tuple[date, date],
    details: Details,
    heading: str = PERIODIC,
    request: str = "",
) -> Report:
    spec = dict(FORMS[form])
    service = spec["service"]
    spec["figures"] = (_figures(service, start, end), _figures(service, *before))
    report = Report(form, spec["title"], start, end, heading=heading, request=request)
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
                _pair(_of(figures[0], "accounts"), _of(figures[1], "accounts"))
                + _pair(_of(figures[0], "total_messages"), _of(figures[1], "total_messages"))
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
