"""Every provider URL against every role. A new URL without an entry here fails this test, so
nobody adds a page without saying who may open it.

The rows of the core's URLs are here; each installed module lists its own in its
`tests/permissions.py` (MATRIX, API_MATRIX, EXEMPT as below, and `arguments()`: the URL
arguments of its pages and API operations, made in the test's database), found the way the
doors are (netpoint.common.core.doors), so a module left out takes its rows with it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from netpoint.common.core.doors import opened
from netpoint.provider.authority.roles import installed_roles

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]
ROLES = installed_roles()

ADMIN, OPERATOR = {"provider_admin"}, {"provider_admin", "provider_operator"}
WATCHERS, COMPLIANCE = {"provider_operator", "compliance_officer"}, {"compliance_officer"}
# URL name -> (method, the roles that get through); everyone else is refused, anonymous
# users are sent to the login page. Authority users act only as members of an organisation,
# which no role gives: their pages are tested with members in netpoint/provider/authority/tests.
MATRIX = {
    "registry-points": ("get", OPERATOR),
    "registry-point": ("get", OPERATOR),
    "registry-point-new": ("get", ADMIN),
    "registry-point-edit": ("get", ADMIN),
    "registry-point-import": ("get", ADMIN),
    "registry-import-template": ("get", ADMIN),
    "registry-enrollment-code": ("post", ADMIN),
    "registry-wards": ("get", OPERATOR),
    "registry-enterprises": ("get", OPERATOR),
    "registry-enterprise-new": ("get", ADMIN),
    "registry-enterprise-edit": ("get", ADMIN),
    "registry-point-policy": ("get", OPERATOR),
    "registry-province-rules": ("get", OPERATOR),
    "audit-log": ("get", {"auditor"}),
    "authority-requests": ("get", {"approving_officer", "authority_user"}),
    "authority-request": ("get", {"approving_officer"}),
    "authority-request-new": ("get", set()),
    "authority-request-decide": ("post", {"approving_officer"}),
    "authority-request-scope": ("get", {"approving_officer"}),
    "authority-request-scan": ("get", {"approving_officer"}),
    "authority-request-search": ("post", set()),
    "authority-export-approve": ("post", {"approving_officer"}),
    "account-second-factor": ("get", set(ROLES)),
    "home": ("get", set(ROLES)),
    # Sở members see their own province (netpoint/provider/monitoring/tests).
    "monitoring-dashboard": ("get", WATCHERS),
    "monitoring-points": ("get", WATCHERS),
    "monitoring-point": ("get", WATCHERS),
    "monitoring-violations": ("get", WATCHERS),
    "monitoring-violation": ("get", WATCHERS),
    "monitoring-violation-state": ("post", COMPLIANCE),
    "reports-list": ("get", COMPLIANCE),
    "reports-generate": ("post", COMPLIANCE),
    "reports-calendar": ("get", COMPLIANCE),
    "reports-report": ("get", COMPLIANCE),
    "reports-download": ("get", COMPLIANCE),
    # The law's numbers: every role of the provider's own staff (and Sở members, tested in
    # netpoint/provider/reports/tests/test_law_page.py).
    "reports-law": ("get", set(ROLES) - {"authority_user"}),
    "reports-household-requests": ("get", COMPLIANCE),
}
# API operations: (method, the roles that get through, what other roles get, what an anonymous
# caller gets). No role makes its holder a member of an authority, so no role searches; points
# enroll with a one-time code and send signed batches, which no login replaces (both tested in
# netpoint/provider/records/tests).
API_MATRIX = {
    "authority-api-search": ("post", set(), {403, 404}, 401),
    "authority-api-access-search": ("post", set(), {403, 404}, 401),
    "enroll": ("post", set(), {422}, 422),
    "receive": ("post", set(), {401}, 401),
    "minutes": ("post", set(), {401}, 401),
    "monitoring-api-points": ("get", WATCHERS, {403}, 401),
    "monitoring-api-point": ("get", WATCHERS, {403}, 401),
}
# Open to all, or guarded by their own means (the admin: staff flag); the API's own pages
# describe it and hold no data.
EXEMPT = {
    "login",
    "login-code",
    "logout",
    "set_language",
    "admin",
    "openapi-json",
    "openapi-view",
    "api-root",
}
# Each installed module's rows.
MODULES = opened("tests.permissions", within="netpoint.provider.")
for rows in MODULES:
    assert not (MATRIX.keys() | API_MATRIX.keys() | EXEMPT) & (
        rows.MATRIX.keys() | rows.API_MATRIX.keys() | rows.EXEMPT
    ), rows.__name__
    MATRIX |= rows.MATRIX
    API_MATRIX |= rows.API_MATRIX
    EXEMPT |= rows.EXEMPT


def names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            space = pattern.namespace or namespace
            if space in EXEMPT:
                yield space
            else:
                yield from names(pattern.url_patterns, space)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield pattern.name


def test_every_provider_url_is_in_the_matrix():
    listed = MATRIX.keys() | API_MATRIX.keys()
    unlisted = set(names(get_resolver("netpoint.provider.urls").url_patterns)) - listed
    assert unlisted <= EXEMPT, f"add these to the permission matrix: {unlisted - EXEMPT}"


@pytest.fixture
def urls(provider_point, enterprise, django_user_model):
    from datetime import UTC, datetime

    from django.core.files.base import ContentFile

    from netpoint.provider.authority import services
    from netpoint.provider.authority.models import ExportApproval, Organisation
    from netpoint.provider.monitoring.models import Violation
    from netpoint.provider.reports.models import Report

    point = provider_point()
    police = Organisation.objects.create(name="Công an Thử", kind="police", province_code=1)
    registrant = django_user_model.objects.create_user("dangky", password="mat-khau-dai-2")
    written = services.register(
        police,
        registrant,
        {
            "document_number": "1/TEST",
            "document_date": datetime(2026, 11, 1).date(),
            "issuing_body": "Công an Thử",
            "signer": "Người Ký",
            "subject": "Thử",
            "legal_basis": "Thử",
            "point_codes": [point.code],
            "time_from": datetime(2026, 10, 1, tzinfo=UTC),
            "time_to": datetime(2026, 11, 1, tzinfo=UTC),
            "valid_until": datetime(2026, 12, 1, tzinfo=UTC),
        },
    )
    written.scan = ContentFile(b"%PDF-1.4 thu", name="van-ban.pdf")
    written.save(update_fields=["scan"])
    held = ExportApproval.objects.create(
        request=written, requested_by=registrant, persons=60, requested_at=written.registered_at
    )
    violation = Violation.objects.create(
        point=point,
        kind="licence_expired",
        key="m",
        occurred_at=written.registered_at,
        found_at=written.registered_at,
    )
    report = Report.objects.create(
        kind="wifi",
        enterprise=enterprise,
        number="1/BC",
        place="Hà Nội",
        addressee="Bộ",
        signer_title="Giám đốc",
        signer_name="Người Ký",
        period_from=datetime(2026, 1, 1).date(),
        period_to=datetime(2026, 6, 30).date(),
        report_date=datetime(2026, 7, 1).date(),
        content={"title": "BÁO CÁO", "period": "", "sections": []},
        docx=b"d",
        xlsx=b"x",
        generated_by=registrant,
        generated_at=written.registered_at,
    )
    args = {
        "monitoring-point": [point.pk],
        "monitoring-violation": [violation.pk],
        "monitoring-violation-state": [violation.pk],
        "reports-report": [report.pk],
        "reports-download": [report.pk, "docx"],
        "authority-export-approve": [written.pk, held.pk],
        "authority-request": [written.pk],
        "authority-request-decide": [written.pk],
        "authority-request-scope": [written.pk],
        "authority-request-scan": [written.pk],
        "authority-request-search": [written.pk],
        "registry-point": [point.pk],
        "registry-point-edit": [point.pk],
        "registry-import-template": ["xlsx"],
        "registry-enrollment-code": [point.pk],
        "registry-point-policy": [point.pk],
        "registry-enterprise-edit": [enterprise.pk],
    }
    api = {
        "authority-api-search": {"request_id": written.pk},
        "authority-api-access-search": {"request_id": written.pk},
        "monitoring-api-point": {"code": point.code},
    }
    for rows in MODULES:
        args |= rows.arguments()
        api |= rows.API_KWARGS
    urls = {name: reverse(name, args=args.get(name, [])) for name in MATRIX}
    return urls | {
        name: reverse(f"provider-api:{name}", kwargs=api.get(name, {})) for name in API_MATRIX
    }


@pytest.mark.parametrize("role", sorted(ROLES))
def test_each_role_opens_exactly_its_pages(client, django_user_model, urls, role):
    user = django_user_model.objects.create_user(f"u-{role}", password="mat-khau-dai-1")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    for name, (method, allowed) in MATRIX.items():
        status = getattr(client, method)(urls[name]).status_code
        # Through the gate: the page, a redirect, or the form's own 422; refused: 403, or 404
        # for what the role may not even know exists.
        if role in allowed:
            assert status in (200, 302, 422), (name, role, status)
        else:
            assert status in (403, 404), (name, role, status)
    for name, (method, allowed, refused, _anonymous) in API_MATRIX.items():
        status = call(client, method, urls[name]).status_code
        assert status == 200 if role in allowed else status in refused, (name, role, status)


def call(client, method: str, url: str):
    if method == "get":
        return client.get(url)
    return getattr(client, method)(url, {"kind": "name", "value": "A"}, "application/json")


def test_the_api_refuses_anonymous_callers(client, urls):
    for name, (method, _allowed, _refused, anonymous) in API_MATRIX.items():
        assert call(client, method, urls[name]).status_code == anonymous, name


def test_anonymous_visitors_are_sent_to_log_in(client, urls):
    for name, (method, _allowed) in MATRIX.items():
        answer = getattr(client, method)(urls[name])
        assert answer.status_code == 302 and answer["Location"].startswith("/login/"), name
