"""Generated hostile input for the provider's API: never a server error, never half-stored."""

import os
from datetime import UTC, datetime

import pytest
import schemathesis
from django.apps import apps
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from netpoint.common.core import clock
from netpoint.common.core.models import FailedAttempts
from netpoint.common.events import signing
from netpoint.provider.authority import services
from netpoint.provider.authority.tests.conftest import frozen_now, world  # noqa: F401
from netpoint.provider.records.models import ReceivedEvent
from netpoint.provider.records.tests.conftest import EVENTS_PATH, PointEvents, signed_post
from netpoint.wsgi import application

pytestmark = pytest.mark.django_db
# Examples per operation: derandomized, so every run tries the same ones (CI must be
# repeatable); NETPOINT_FUZZ_EXAMPLES raises them to hunt.
EXAMPLES = int(os.environ.get("NETPOINT_FUZZ_EXAMPLES", "25"))


def _cases(operation):
    """Requests that fit the operation's schema and requests that do not."""
    return operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(
        GenerationMode.NEGATIVE
    )


AT = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)


@pytest.fixture
def provider_urls(settings):
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def credentials(world, enroll_point, django_user_model):  # noqa: F811
    """What each kind of caller proves itself with, so the examples reach past the door: the
    request's investigator signed in (with a CSRF pair), the request approved, a point's key,
    and the installed modules' tokens."""
    services.decide(world["request"], world["officer"], approve=True)
    staff = django_user_model.objects.create_superuser("quantri", password="x-Very-Long-3")
    csrf = "c" * 32
    found = {
        "cookies": {
            # The authority's API for its investigator, the staff pages' APIs for staff.
            "/api/v1/authority/": _session_cookies(world["investigator"], csrf),
            "/api/v1/": _session_cookies(staff, csrf),
        },
        "csrf": csrf,
        "request_id": world["request"].pk,
        "point": enroll_point("HN-0002"),
        "bearer": {},
    }
    if apps.is_installed("netpoint.provider.modules.games"):
        from netpoint.provider.modules.games import services as games
        from netpoint.provider.modules.games.models import ApiToken, Game

        game = Game.objects.create(
            code="rong-lua", name_original="Dragon Fire", name_vi="Rồng Lửa", age_rating="12+",
            kind="Nhập vai", origin="Hàn Quốc", licence_number="123/GP",
        )  # fmt: skip
        found["bearer"]["/api/v1/games/accounts"] = games.issue_token(
            ApiToken.Kind.ACCOUNTS, "Hệ thống tài khoản"
        ).secret
        found["bearer"]["/api/v1/games/"] = games.issue_token(
            ApiToken.Kind.GAME_SERVER, "Cụm 1", game
        ).secret
    if apps.is_installed("netpoint.provider.modules.antispam"):
        from netpoint.provider.modules.antispam import services as antispam
        from netpoint.provider.modules.antispam.models import Customer

        advertiser = Customer.objects.create(
            name="Công ty Quảng Cáo Thử", management_code="QC-001", brandnames="THUSHOP"
        )
        found["bearer"]["/api/v1/antispam/"] = antispam.issue_token(advertiser, "máy gửi 1")
    return found


def _session_cookies(user, csrf: str) -> dict:
    signed_in = Client()
    signed_in.force_login(user)
    name = django_settings.SESSION_COOKIE_NAME
    return {name: signed_in.cookies[name].value, django_settings.CSRF_COOKIE_NAME: csrf}


def _for(path: str, by_prefix: dict):
    """The value of the longest prefix of `path`."""
    for prefix, value in sorted(by_prefix.items(), key=lambda item: -len(item[0])):
        if path.startswith(prefix):
            return value
    return None


def _headers(case, credentials) -> dict:
    path = case.operation.path
    headers = {"X-CSRFToken": credentials["csrf"]}
    token = _for(path, credentials["bearer"])
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if path == EVENTS_PATH:
        point, key = credentials["point"]
        now = clock.now().timestamp()
        headers |= signing.sign(key, point.code, "POST", EVENTS_PATH, b"", now=now)
    return headers


def test_every_provider_operation_answers_any_input_without_a_server_error(
    provider_urls, credentials
):
    """Every operation of the provider's OpenAPI document, with the credentials it asks for,
    so deeper code than the door is reached (issue 24)."""
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {
        "/api/v1/enroll",
        "/api/v1/events",
        "/api/v1/authority/requests/{request_id}/searches",
    }
    for operation in operations:

        @given(case=_cases(operation))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def answers_without_server_error(case):
            FailedAttempts.objects.all().delete()  # every example afresh
            if "request_id" in (case.path_parameters or {}):
                case.path_parameters["request_id"] = credentials["request_id"]
            response = case.call(
                headers=_headers(case, credentials),
                cookies=_for(case.operation.path, credentials["cookies"]),
            )
            assert response.status_code < 500, (case.operation.label, response.status_code)
            if response.status_code >= 400:
                assert response.json()["message"]

        answers_without_server_error()


@pytest.mark.urls("netpoint.provider.urls")
def test_signed_batches_with_any_broken_field_are_refused_whole(client, enroll_point):
    point, key = enroll_point("HN-0001")

    @given(
        kind=st.sampled_from(["person", "started", "ended"]), field=st.text(max_size=12), value=JSON
    )
    @settings(
        max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
    )
    def never_a_server_error(kind, field, value):
        events = PointEvents(point.code, AT, seed=3)
        person = events.person(1)
        started = events.started(1, 1)
        batch = [person, started, events.ended(started)]
        target = {"person": batch[0], "started": batch[1], "ended": batch[2]}[kind]
        where = target["data"] if field in target["data"] or not field else target
        where[field or "data"] = value
        answer = signed_post(client, point.code, key, batch)[0]
        assert answer.status_code in (200, 409, 422), answer.status_code
        if answer.status_code != 200:
            assert answer.json()["message"]
            assert not ReceivedEvent.objects.filter(id=batch[0]["id"]).exists()

    never_a_server_error()
