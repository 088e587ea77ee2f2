"""What each report says, computed from the registry and the central records: a plain
structure of sections, paragraphs and tables that both the .docx and the .xlsx are made from
(and that the golden tests read back)."""

from datetime import date, datetime, time, timedelta

from django.db import connections
from django.db.models import Count, Max, Min, Q

from netpoint.common.core import reading
from netpoint.common.core.policy import local_tz
from netpoint.provider.monitoring.models import ReleasedSoftware, Violation
from netpoint.provider.records.models import Heartbeat, SessionRecord
from netpoint.provider.registry import divisions
from netpoint.provider.registry.models import Point
from netpoint.provider.reports.models import HouseholdRequest


def _instant(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=local_tz())


def _window(period_from: date, period_to: date) -> tuple[datetime, datetime]:
    return _instant(period_from), _instant(period_to + timedelta(days=1))


def households(points):
    """The public Wi-Fi points among `points` whose subscriber signed as an individual or
    household (seed 003, mục 2), a café's own gaming room aside."""
    return points.filter(
        Q(contract_type=Point.Contract.HOUSEHOLD) & ~Q(venue_type=Point.Venue.INTERNET_CAFE)
    )


def _points(enterprise, province_code):
    points = Point.objects.filter(enterprise=enterprise)
    if province_code:
        points = points.filter(province_code=province_code)
    return points


def _period_text(period_from: date, period_to: date) -> str:
    return f"Từ ngày {period_from:%d/%m/%Y} đến ngày {period_to:%d/%m/%Y}"


def _table(columns: list[str], rows: list[list], total: list | None = None) -> dict:
    return {"columns": columns, "rows": rows + ([total] if total else [])}


def operation(enterprise, period_from: date, period_to: date, province_code=None) -> dict:
    """Seed 000 §3b: the enterprise's periodic report on deploying and running the software."""
    start, end = _window(period_from, period_to)
    points = _points(enterprise, province_code).filter(created_at__lt=end)
    ids = list(points.values_list("pk", flat=True))
    reporting = set(
        Heartbeat.objects.filter(point_id__in=ids, at__gte=start, at__lt=end)
        .values_list("point_id", flat=True)
        .distinct()
    )
    by_type = []
    for value, label in Point.Type.choices:
        own = [p for p in points if p.point_type == value]
        active = [p for p in own if p.active]
        by_type.append([str(label), len(own), len(active), sum(p.pk in reporting for p in own)])
    totals = ["Tổng cộng"] + [sum(row[i] for row in by_type) for i in (1, 2, 3)]
    by_province = []
    for code, count in (
        points.values_list("province_code").annotate(n=Count("id")).order_by("province_code")
    ):
        by_province.append([divisions.province_name(code), count])
    sessions = SessionRecord.objects.filter(
        point_id__in=ids, started_at__gte=start, started_at__lt=end
    )
    figures = sessions.aggregate(
        sessions=Count("id"),
        customers=Count("person_id", distinct=True),
        points=Count("point_id", distinct=True),
    )
    closed = sessions.filter(ended_at__isnull=False).values_list("started_at", "ended_at")
    hours = round(sum((e - s).total_seconds() for s, e in closed) / 3600)
    versions = _versions_in_use(ids, start, end)
    violations = dict(
        Violation.objects.filter(point_id__in=ids, occurred_at__gte=start, occurred_at__lt=end)
        .values_list("kind")
        .annotate(n=Count("id"))
    )
    resolved = dict(
        Violation.objects.filter(
            point_id__in=ids,
            occurred_at__gte=start,
            occurred_at__lt=end,
            state=Violation.State.RESOLVED,
        )
        .values_list("kind")
        .annotate(n=Count("id"))
    )
    violation_rows = [
        [str(label), violations.get(kind, 0), resolved.get(kind, 0)]
        for kind, label in Violation.Kind.choices
    ]
    return {
        "title": "BÁO CÁO\nTình hình triển khai, vận hành phần mềm quản lý đại lý Internet, "
        "điểm truy nhập Internet công cộng",
        "period": _period_text(period_from, period_to),
        "sections": [
            {
                "heading": "1. Tình hình triển khai phần mềm tại các điểm",
                "paragraphs": [
                    f"Trong kỳ báo cáo, doanh nghiệp quản lý {totals[1]} điểm, trong đó "
                    f"{totals[2]} điểm đang hoạt động và {totals[3]} điểm có phần mềm quản lý "
                    "gửi tín hiệu về máy chủ doanh nghiệp."
                ],
                "tables": [
                    _table(
                        ["Loại điểm", "Số điểm", "Đang hoạt động", "Có tín hiệu trong kỳ"],
                        by_type,
                        totals,
                    ),
                    _table(["Tỉnh, thành phố", "Số điểm"], by_province),
                ],
            },
            {
                "heading": "2. Tình hình hoạt động",
                "paragraphs": [],
                "tables": [
                    _table(
                        ["Chỉ tiêu", "Số liệu"],
                        [
                            ["Số phiên sử dụng dịch vụ", figures["sessions"]],
                            ["Số người sử dụng (theo giấy tờ tùy thân)", figures["customers"]],
                            ["Số điểm có phiên sử dụng", figures["points"]],
                            ["Tổng số giờ sử dụng (phiên đã kết thúc)", hours],
                        ],
                    )
                ],
            },
            {
                "heading": "3. Phiên bản phần mềm đang sử dụng",
                "paragraphs": [],
                "tables": [_table(["Phiên bản", "Số điểm"], versions)],
            },
            {
                "heading": "4. Vi phạm phát hiện qua hệ thống giám sát",
                "paragraphs": [],
                "tables": [_table(["Loại vi phạm", "Số vụ", "Đã xử lý"], violation_rows)],
            },
        ],
    }


def _versions_in_use(ids, start, end) -> list[list]:
    """Each point counted once, at the version of its last heartbeat in the period."""
    last = (
        Heartbeat.objects.filter(point_id__in=ids, at__gte=start, at__lt=end)
        .order_by("point_id", "-at")
        .distinct("point_id")
        .values_list("software_version", flat=True)
    )
    counted: dict[str, int] = {}
    for version in last:
        counted[version] = counted.get(version, 0) + 1
    return [[version, n] for version, n in sorted(counted.items())]


def software_changes(enterprise, period_from: date, period_to: date, province_code=None) -> dict:
    """Seed 000 §3a: what changed in the software, from the releases and what points report."""
    start, end = _window(period_from, period_to)
    ids = list(_points(enterprise, province_code).values_list("pk", flat=True))
    releases = ReleasedSoftware.objects.filter(
        released_on__gte=period_from, released_on__lte=period_to
    ).order_by("released_on", "version")
    release_rows = [
        [r.version, r.released_on.strftime("%d/%m/%Y"), r.changes or "—"] for r in releases
    ]
    released = set(ReleasedSoftware.objects.values_list("version", "software_hash"))
    reported = (
        Heartbeat.objects.filter(point_id__in=ids, at__gte=start, at__lt=end)
        .values("software_version", "software_hash")
        .annotate(points=Count("point_id", distinct=True), first=Min("at"), last=Max("at"))
        .order_by("software_version", "software_hash")
    )
    tz = local_tz()
    reported_rows = [
        [
            row["software_version"],
            row["software_hash"][:12],
            "Đúng bản phát hành"
            if (row["software_version"], row["software_hash"]) in released
            else "Không có trong danh sách phát hành",
            row["points"],
            row["first"].astimezone(tz).strftime("%d/%m/%Y"),
        ]
        for row in reported
    ]
    changes = _version_changes(ids, start, end)
    codes = dict(Point.objects.filter(pk__in={c[0] for c in changes}).values_list("pk", "code"))
    change_rows = [
        [codes[point_id], before, after, at.astimezone(tz).strftime("%d/%m/%Y")]
        for point_id, before, after, at in changes
    ]
    return {
        "title": "BÁO CÁO\nNâng cấp, thay đổi tính năng phần mềm quản lý đại lý Internet",
        "period": _period_text(period_from, period_to),
        "sections": [
            {
                "heading": "1. Các phiên bản phát hành trong kỳ",
                "paragraphs": [f"Trong kỳ, doanh nghiệp phát hành {len(release_rows)} phiên bản."],
                "tables": [
                    _table(["Phiên bản", "Ngày phát hành", "Nội dung thay đổi"], release_rows)
                ],
            },
            {
                "heading": "2. Phiên bản các điểm báo về",
                "paragraphs": [],
                "tables": [
                    _table(
                        ["Phiên bản", "Mã băm", "Đối chiếu", "Số điểm", "Lần đầu báo về"],
                        reported_rows,
                    )
                ],
            },
            {
                "heading": "3. Các điểm đã nâng cấp trong kỳ",
                "paragraphs": [f"Có {len(change_rows)} lượt nâng cấp, thay đổi phiên bản."],
                "tables": [
                    _table(["Mã điểm", "Từ phiên bản", "Lên phiên bản", "Ngày"], change_rows)
                ],
            },
        ],
    }


def _version_changes(ids, start, end) -> list[tuple]:
    """(point, version before, version after, when) each time a point's reported version
    differs from its previous heartbeat's, in the period."""
    if not ids:
        return []
    # Where the report's reads go: a replica's while the page reads from one.
    with connections[reading.alias()].cursor() as cursor:
        cursor.execute(
            """
            SELECT point_id, previous, software_version, at FROM (
                SELECT point_id, at, software_version,
                    LAG(software_version) OVER (PARTITION BY point_id ORDER BY at) AS previous
                FROM records_heartbeat WHERE point_id = ANY(%s) AND at < %s
            ) beats
            WHERE previous IS NOT NULL AND previous <> software_version AND at >= %s
            ORDER BY at, point_id
            """,
            [ids, end, start],
        )
        return cursor.fetchall()


def wifi(enterprise, period_from: date, period_to: date, province_code=None) -> dict:
    """Seed 003: public Wi-Fi points by area, and the subscribers that provide public Wi-Fi
    by contract (individual/household or organisation) and venue."""
    _start, end = _window(period_from, period_to)
    points = _points(enterprise, province_code).filter(
        point_type=Point.Type.WIFI, active=True, created_at__lt=end
    )
    by_area = [
        [divisions.province_name(province), divisions.ward_name(ward), n]
        for province, ward, n in points.values_list("province_code", "ward_code")
        .annotate(n=Count("id"))
        .order_by("province_code", "ward_code")
    ]
    total = sum(row[2] for row in by_area)
    contracts = dict(Point.Contract.choices)
    venues = dict(Point.Venue.choices)
    classified = [
        [str(contracts.get(contract, contract)), str(venues.get(venue, venue)), n]
        for contract, venue, n in points.values_list("contract_type", "venue_type")
        .annotate(n=Count("id"))
        .order_by("contract_type", "venue_type")
    ]
    by_contract = [
        [str(label), points.filter(contract_type=value).count()]
        for value, label in Point.Contract.choices
    ]
    household_points = households(points)
    asked = HouseholdRequest.objects.filter(
        point__in=household_points, asked_on__lte=period_to
    ).count()
    return {
        "title": "BÁO CÁO\nSố lượng điểm truy nhập Internet không dây (Wi-Fi) công cộng "
        "và phân loại thuê bao cung cấp Wi-Fi công cộng",
        "period": f"Số liệu đến ngày {period_to:%d/%m/%Y}",
        "sections": [
            {
                "heading": "1. Số lượng điểm truy cập Wi-Fi công cộng theo địa bàn",
                "paragraphs": [f"Tổng số điểm truy cập Wi-Fi công cộng: {total} điểm."],
                "tables": [
                    _table(
                        ["Tỉnh, thành phố", "Phường, xã, đặc khu", "Số điểm"],
                        by_area,
                        ["Tổng cộng", "", total],
                    )
                ],
            },
            {
                "heading": "2. Phân loại thuê bao cung cấp Wi-Fi công cộng",
                # Asked: only the requests staff recorded with their day, by the period's end.
                "paragraphs": [
                    "Thuê bao đăng ký hợp đồng là cá nhân, hộ gia đình nhưng cung cấp Wi-Fi "
                    f"công cộng: {household_points.count()} điểm, trong đó {asked} điểm đã được "
                    "doanh nghiệp yêu cầu thực hiện các quy định về quản lý thông tin người sử "
                    "dụng theo Chỉ thị 66/CT-BTTTT (theo ngày yêu cầu đã ghi nhận)."
                ],
                "tables": [
                    _table(["Loại hình thuê bao", "Số điểm"], by_contract, ["Tổng cộng", total]),
                    _table(["Loại hình thuê bao", "Loại địa điểm", "Số điểm"], classified),
                ],
            },
        ],
    }


BUILDERS = {"operation": operation, "software_changes": software_changes, "wifi": wifi}
# Each report's duty (netpoint.provider.reports.agencies) and whether it also goes to the
# province's department: seed 000 (mục 3) reports to the ministry; seed 003 (mục 2) to the
# ministry and the province's department.
DUTIES = {
    "operation": ("internet", False),
    "software_changes": ("internet", False),
    "wifi": ("wifi", True),
}
