"""Generated hostile input for every station API operation: never a server error."""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from netpoint.common.core.models import FailedAttempts
from netpoint.point.stations import services
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


@pytest.fixture
def keep_test_connection():
    """Called straight through WSGI, Django would close the test's database connection after
    each request; Django's own test client disconnects these handlers the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_station_api_answers_any_input_without_a_server_error(clock, cafe, keep_test_connection):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    _station, token = services.pair(services.new_pairing_code(cafe["m1"]))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5

    for operation in operations:

        @given(case=_cases(operation))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,  # the same examples on every run: CI must be repeatable
            suppress_health_check=list(HealthCheck),
        )
        def answers_without_server_error(case):
            FailedAttempts.objects.all().delete()  # the guessing limit sees each afresh
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            assert response.status_code < 500, (case.operation.label, response.status_code)
            if response.status_code >= 400:
                assert response.json()["message"]

        answers_without_server_error()
