"""The retention and ingest doors (netpoint.provider.records.retention, .rows): what every
installed app's `retention` and `ingest` modules give the core, and what it refuses."""

import types
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from netpoint.provider.records import partitions, retention, rows
from netpoint.provider.records.models import Deletion, ReceivedEvent
from netpoint.provider.records.tests.conftest import signed_post

pytestmark = pytest.mark.django_db
# Far enough ahead that no migration made these days' partitions.
LATER = datetime(2031, 1, 6, 3, 0, tzinfo=UTC)


def test_the_job_runs_every_installed_apps_steps_in_order_and_each_names_its_kinds(clock):
    clock.set(LATER)
    steps = retention.installed_steps()
    deletions = retention.run()
    # A step's proofs name only its kinds, and they come in the steps' order.
    order = [kind for step in steps for kind in step.kinds]
    assert [d.kind for d in deletions if d.method == "delete"] == order
    assert Deletion.objects.count() == len(deletions)


def test_a_retention_module_without_steps_is_refused():
    stray = types.ModuleType("netpoint.provider.stray.retention")
    with pytest.raises(ImproperlyConfigured, match="stray.retention is a retention door"):
        retention.installed_steps([stray])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="partitions are PostgreSQL's")
def test_every_apps_partitioned_tables_get_their_coming_days_before_any_step(clock):
    clock.set(LATER)
    retention.run()
    week_ahead = LATER + timedelta(days=retention.DAYS_AHEAD)
    with connection.cursor() as cursor:
        for table in ("records_heartbeat", "accessrecords_accessrecord"):
            spans = partitions.list_partitions(cursor, table)
            assert any(start <= week_ahead < end for _name, start, end in spans), table


def test_two_handlers_of_one_kind_are_refused(monkeypatch):
    twice = types.ModuleType("twice")
    twice.HANDLERS = [rows.Handler(frozenset({"point.heartbeat"}), list, print)]
    monkeypatch.setattr(rows, "opened", lambda door, within: [twice, twice])
    with pytest.raises(ImproperlyConfigured, match="two ingest handlers take point.heartbeat"):
        rows.handlers.__wrapped__()


@pytest.mark.urls("netpoint.provider.urls")
def test_a_kind_no_installed_app_takes_refuses_the_batch(client, hanoi, monkeypatch):
    point, key, events = hanoi
    taken = {kind: h for kind, h in rows.handlers().items() if kind != "station.registered"}
    monkeypatch.setattr(rows, "handlers", lambda: taken)
    station = events.event("station.registered", {"station": 1, "name": "M01", "mac": None})
    answer = signed_post(client, point.code, key, [events.person(1), station])[0]
    assert answer.status_code == 422
    assert answer.json()["errors"] == [
        {"index": 1, "problems": ["no app of this provider takes events of this kind"]}
    ]
    assert not ReceivedEvent.objects.exists()
