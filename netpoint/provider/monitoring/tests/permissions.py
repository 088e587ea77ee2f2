"""The province view's newer pages in the provider's permission matrix
(netpoint/provider/authority/tests/test_permission_matrix.py, which says what each table holds;
the first monitoring pages are listed there). Sở members see their own province
(test_province_view.py, test_violation_list.py)."""

from datetime import UTC, datetime

from netpoint.provider.monitoring.models import Violation
from netpoint.provider.registry.models import Enterprise, Point

WATCHERS = {"provider_operator", "compliance_officer"}
MATRIX = {
    "monitoring-dashboard-figures": ("get", WATCHERS),
    "monitoring-violations-xlsx": ("get", WATCHERS),
    "monitoring-record": ("get", WATCHERS),
    "monitoring-record-docx": ("get", WATCHERS),
}
API_MATRIX: dict = {}
EXEMPT: set[str] = set()
API_KWARGS: dict = {}


def arguments() -> dict[str, list]:
    enterprise = Enterprise.objects.create(name="Công ty Giám Sát", tax_code="0100009999")
    point = Point.objects.create(
        enterprise=enterprise,
        code="GS-0001",
        name="Điểm GS-0001",
        point_type=Point.Type.GAME,
        owner_name="Chủ Thử Nghiệm",
        province_code=1,
        ward_code=4,
        street_address="1 Phố Thử",
    )
    moment = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)
    violation = Violation.objects.create(
        point=point, kind="silent", key="matrix", occurred_at=moment, found_at=moment
    )
    return {"monitoring-record": [violation.pk], "monitoring-record-docx": [violation.pk]}
