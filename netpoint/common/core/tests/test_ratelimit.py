"""The guessing limits: failures counted per scope and address, for five minutes from the
first, in the database so that every server process sees the same count."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.db import connection

from netpoint.common.core import ratelimit
from netpoint.common.core.models import FailedAttempts

pytestmark = pytest.mark.django_db
ADDRESS = "198.51.100.7"
ANOTHER_PROCESS = f"""
import django
django.setup()
from netpoint.common.core import ratelimit
print(ratelimit.blocked("enroll", "{ADDRESS}", 10))
"""


def fail(times: int, scope: str = "enroll", who: str = ADDRESS) -> None:
    for _ in range(times):
        ratelimit.failed(scope, who)


def test_the_limit_blocks_at_its_count_and_only_that_scope_and_address(clock):
    fail(9)
    assert not ratelimit.blocked("enroll", ADDRESS, 10)
    fail(1)
    assert ratelimit.blocked("enroll", ADDRESS, 10)
    assert not ratelimit.blocked("pair", ADDRESS, 10)
    assert not ratelimit.blocked("enroll", "198.51.100.8", 10)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the provider's processes")
@pytest.mark.django_db(transaction=True)
def test_failures_counted_by_one_process_block_the_guesses_at_another():
    fail(10)
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    other = subprocess.run(
        [sys.executable, "-c", ANOTHER_PROCESS],
        env=os.environ | {"NETPOINT_DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=True,
    )
    assert other.stdout.split() == ["True"]


def test_the_count_ends_five_minutes_after_the_first_failure(clock):
    fail(5)
    clock.advance(timedelta(minutes=4))
    fail(5)
    assert ratelimit.blocked("enroll", ADDRESS, 10)
    clock.advance(timedelta(minutes=1))
    assert not ratelimit.blocked("enroll", ADDRESS, 10)
    fail(1)  # a new count, starting now
    assert FailedAttempts.objects.get().count == 1


def test_a_success_clears_the_count(clock):
    fail(9)
    ratelimit.clear("enroll", ADDRESS)
    fail(1)
    assert not ratelimit.blocked("enroll", ADDRESS, 2)


def test_ended_counts_are_forgotten_when_a_new_one_starts(clock):
    fail(3, who="198.51.100.1")
    fail(3, who="198.51.100.2")
    clock.advance(timedelta(minutes=6))
    fail(1, who="198.51.100.3")
    assert list(FailedAttempts.objects.values_list("who", flat=True)) == ["198.51.100.3"]


def test_a_count_with_a_longer_window_outlives_other_scopes_counts(clock):
    hour = timedelta(hours=1)
    for _ in range(3):
        ratelimit.failed("login-user", "k", window=hour)
    clock.advance(timedelta(minutes=10))
    fail(1)  # starts a new count in another scope, clearing the ended ones
    assert ratelimit.blocked("login-user", "k", 3, window=hour)
    assert not ratelimit.blocked("login-user", "k", 3)  # read with the short window: ended
    clock.advance(timedelta(minutes=51))
    assert not ratelimit.blocked("login-user", "k", 3, window=hour)
