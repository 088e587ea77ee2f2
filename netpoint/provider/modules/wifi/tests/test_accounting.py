"""Group commit: several reports of one session in one batch leave the row they would leave
one by one."""

import time
from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, connection, transaction
from pyrad import packet as rp

from netpoint.provider.modules.wifi import accounting
from netpoint.provider.modules.wifi.models import RadAcct

pytestmark = pytest.mark.django_db
START_AT = 1_773_111_600


def report(status: str, elapsed: int, **attributes):
    request = rp.AcctPacket(secret=b"bi-mat-thu-nghiem", dict=accounting.DICTIONARY)
    request["Acct-Status-Type"] = status
    request["Acct-Session-Id"] = "S-1"
    request["User-Name"] = "wf0001"
    request["NAS-IP-Address"] = "192.0.2.10"
    request["Event-Timestamp"] = START_AT + elapsed
    if elapsed:
        request["Acct-Session-Time"] = elapsed
    for name, value in attributes.items():
        request[name.replace("_", "-")] = value
    found = accounting.attributes(request.RequestPacket())
    return accounting.report(found, "192.0.2.10", time.time())


def store(*work):
    with transaction.atomic(), connection.cursor() as cursor:
        accounting.store(cursor, list(work))
        # The staging table empties itself at commit, which the test's transaction never
        # reaches: empty it as the server's commit would, or the next batch meets this one.
        cursor.execute("DELETE FROM radacct_arrivals")


def test_interim_start_and_stop_in_one_batch():
    store(
        report("Interim-Update", 300, Acct_Output_Octets=300),
        report("Start", 1),
        report("Stop", 600, Acct_Output_Octets=600, Acct_Terminate_Cause="Idle-Timeout"),
        report("Interim-Update", 200, Acct_Output_Octets=200),
    )
    row = RadAcct.objects.get()
    assert row.acctstarttime == datetime.fromtimestamp(START_AT + 1, UTC)
    assert row.acctstoptime == datetime.fromtimestamp(START_AT + 600, UTC)
    assert row.acctoutputoctets == 600 and row.acctsessiontime == 600
    assert row.acctterminatecause == "Idle-Timeout"


def test_a_nas_restart_inside_a_batch_closes_what_came_before_it_only():
    store(
        report("Start", 0),
        accounting.NasRestart(
            "192.0.2.10", datetime.fromtimestamp(START_AT + 60, UTC), "NAS-Reboot"
        ),
    )
    row = RadAcct.objects.get()
    assert row.acctstoptime == datetime.fromtimestamp(START_AT + 60, UTC)
    assert row.acctsessiontime == 60


def test_the_batch_rules_match_the_table_rules():
    store(report("Stop", 600, Acct_Output_Octets=600))
    store(report("Interim-Update", 300, Acct_Output_Octets=300), report("Start", 0))
    row = RadAcct.objects.get()
    assert row.acctoutputoctets == 600
    assert row.acctstarttime == datetime.fromtimestamp(START_AT, UTC)


def test_a_status_netpoint_does_not_keep_is_acknowledged_without_a_row():
    assert report("Start", 0, Acct_Status_Type=9) is None


def test_radacct_keeps_the_unique_key_the_upserts_need_and_room_for_heap_only_updates():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'radacct'")
        indexes = dict(cursor.fetchall())
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'radacct'")
        options = cursor.fetchone()[0]
    assert "UNIQUE" in indexes["radacct_acctuniqueid_key"]
    assert not [name for name, definition in indexes.items() if "pattern_ops" in definition]
    assert options == ["fillfactor=80"]
    store(report("Start", 0))
    with pytest.raises(IntegrityError), transaction.atomic():
        RadAcct.objects.create(
            acctsessionid="S-1",
            acctuniqueid=RadAcct.objects.get().acctuniqueid,
            nasipaddress="192.0.2.10",
        )


def test_an_interim_update_after_the_stop_in_the_same_batch_leaves_the_stop_time():
    store(report("Stop", 600), report("Interim-Update", 900, Acct_Output_Octets=900))
    row = RadAcct.objects.get()
    assert row.acctupdatetime == row.acctstoptime == datetime.fromtimestamp(START_AT + 600, UTC)
    assert row.acctoutputoctets == 0


def test_an_interim_update_after_the_stop_in_a_later_batch_leaves_the_stop_time():
    store(report("Start", 0), report("Stop", 600))
    store(report("Interim-Update", 900, Acct_Output_Octets=900))
    row = RadAcct.objects.get()
    assert row.acctupdatetime == row.acctstoptime == datetime.fromtimestamp(START_AT + 600, UTC)


def test_a_late_stop_after_a_newer_interim_sets_the_update_time_to_the_stop():
    store(report("Interim-Update", 900))
    store(report("Stop", 600))
    row = RadAcct.objects.get()
    assert row.acctupdatetime == row.acctstoptime == datetime.fromtimestamp(START_AT + 600, UTC)
