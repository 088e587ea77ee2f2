"""Generated hostile input for the provider's API: never a server error, never half-stored."""

from datetime import UTC, datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netpoint.common.core.models import FailedAttempts
from netpoint.provider.records.models import ReceivedEvent
from netpoint.provider.records.tests.conftest import PointEvents, signed_post
from netpoint.wsgi import application

pytestmark = pytest.mark.django_db
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


def test_every_provider_operation_answers_any_input_without_a_server_error(provider_urls):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/v1/enroll", "/api/v1/events"}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=25,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def answers_without_server_error(case):
            FailedAttempts.objects.all().delete()  # every example afresh
            response = case.call()
            assert response.status_code < 500, (case.operation.label, response.status_code)
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
