"""Every provider URL against every role. A new URL without an entry here fails this test, so
nobody adds a page without saying who may open it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from netpoint.authority.roles import ROLES

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.urls_provider")]

ADMIN, OPERATOR = {"provider_admin"}, {"provider_admin", "provider_operator"}
# URL name -> (method, the roles that get through); everyone else is refused, anonymous
# users are sent to the login page. Authority users act only as members of an organisation,
# which no role gives: their pages are tested with members in netpoint/authority/tests.
MATRIX = {
    "registry-points": ("get", OPERATOR),
    "registry-point": ("get", OPERATOR),
    "registry-point-new": ("get", ADMIN),
    "registry-point-edit": ("get", ADMIN),
    "registry-enrollment-code": ("post", ADMIN),
    "registry-wards": ("get", OPERATOR),
    "registry-enterprises": ("get", OPERATOR),
    "registry-enterprise-new": ("get", ADMIN),
    "registry-enterprise-edit": ("get", ADMIN),
    "audit-log": ("get", {"auditor"}),
    "authority-requests": ("get", {"approving_officer", "authority_user"}),
    "authority-request": ("get", {"approving_officer"}),
    "authority-request-new": ("get", set()),
    "authority-request-decide": ("post", {"approving_officer"}),
    "authority-request-search": ("post", set()),
    "authority-export-approve": ("post", {"approving_officer"}),
    "account-second-factor": ("get", set(ROLES)),
    "wifi-sessions": ("get", OPERATOR),
    "wifi-session-disconnect": ("post", ADMIN),
}
# API operations: (the roles that get through, what everyone else gets). No role makes its
# holder a member of an authority, so no role searches; points enroll with a one-time code and
# send signed batches, which no login replaces (both tested in netpoint/records/tests).
API_MATRIX = {
    "authority-api-search": (set(), {403, 404}),
    "enroll": (set(), {422}),
    "receive": (set(), {401}),
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
    unlisted = set(names(get_resolver("netpoint.urls_provider").url_patterns)) - listed
    assert unlisted <= EXEMPT, f"add these to the permission matrix: {unlisted - EXEMPT}"


@pytest.fixture
def urls(provider_point, enterprise, django_user_model):
    from datetime import UTC, datetime

    from netpoint.authority import services
    from netpoint.authority.models import ExportApproval, Organisation
    from netpoint.wifi.models import RadAcct

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
    # Its NAS is not registered: the disconnect is refused with a message, after the gate.
    open_session = RadAcct.objects.create(
        acctsessionid="S-1", acctuniqueid="matrix", nasipaddress="192.0.2.1"
    )
    held = ExportApproval.objects.create(
        request=written, requested_by=registrant, persons=60, requested_at=written.registered_at
    )
    args = {
        "authority-export-approve": [written.pk, held.pk],
        "authority-request": [written.pk],
        "authority-request-decide": [written.pk],
        "authority-request-search": [written.pk],
        "registry-point": [point.pk],
        "registry-point-edit": [point.pk],
        "registry-enrollment-code": [point.pk],
        "registry-enterprise-edit": [enterprise.pk],
        "wifi-session-disconnect": [open_session.pk],
    }
    urls = {name: reverse(name, args=args.get(name, [])) for name in MATRIX}
    api = {"authority-api-search": {"request_id": written.pk}}
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
    for name, (allowed, refused) in API_MATRIX.items():
        answer = client.post(urls[name], {"kind": "name", "value": "A"}, "application/json")
        assert role not in allowed and answer.status_code in refused, (name, role, answer)


def test_the_api_refuses_anonymous_callers(client, urls):
    expected = {"authority-api-search": 401, "enroll": 422, "receive": 401}
    for name in API_MATRIX:
        answer = client.post(urls[name], {"kind": "name", "value": "A"}, "application/json")
        assert answer.status_code == expected[name], (name, answer.status_code)


def test_anonymous_visitors_are_sent_to_log_in(client, urls):
    for name, (method, _allowed) in MATRIX.items():
        answer = getattr(client, method)(urls[name])
        assert answer.status_code == 302 and answer["Location"].startswith("/login/"), name
