"""One test per kind of violation, each through the job (management command) with the
controllable clock; the job is idempotent and e-mails each new violation once."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from netpoint.provider.monitoring import services
from netpoint.provider.monitoring.models import ReleasedSoftware, Violation

pytestmark = pytest.mark.django_db

# The clock fixture's MORNING is 10:00 in Hanoi on Tuesday 10 March 2026.


def found(kind):
    return list(Violation.objects.filter(kind=kind))


def test_a_game_point_used_after_closing_time_is_flagged(clock, provider_point, customer, session):
    point = provider_point()
    adult = customer(point, 1, clock.now() - timedelta(days=1))
    # 21:30 to 22:40 the evening before: 40 minutes past the game points' 22:00 closing.
    session(point, adult, 1, clock.now() - timedelta(hours=12, minutes=30), minutes=70)
    # 09:00 to 09:50 this morning: inside the hours, not flagged.
    session(point, adult, 2, clock.now() - timedelta(hours=1), minutes=50)
    services.find_violations()
    [violation] = found("after_hours")
    assert violation.point == point
    assert violation.evidence["session"] == 1
    assert violation.evidence["closes"] == "22:00"
    assert violation.evidence["minutes_outside"] == 40


def test_a_session_started_at_night_at_a_game_point_is_flagged(
    clock, provider_point, customer, session
):
    point = provider_point()
    adult = customer(point, 1, clock.now() - timedelta(days=1))
    session(point, adult, 7, clock.now() - timedelta(hours=7), minutes=30)  # 03:00 local
    internet = provider_point("HN-0002", point_type="internet")
    other = customer(internet, 1, clock.now() - timedelta(days=1))
    session(internet, other, 1, clock.now() - timedelta(hours=7), minutes=30)  # no hours rule
    services.find_violations()
    [violation] = found("after_hours")
    assert violation.point == point and violation.evidence["started_at"] == "03:00 10/03/2026"


def test_a_session_never_ended_is_judged_however_long_ago_it_started(
    clock, provider_point, customer, session
):
    """The look-back bounds when sessions started, except for those still running."""
    point = provider_point()
    adult = customer(point, 1, clock.now() - timedelta(days=5))
    session(point, adult, 1, clock.now() - timedelta(days=3))  # never ended: ran all night
    session(point, adult, 2, clock.now() - timedelta(days=3, hours=12), minutes=90)  # long over
    services.find_violations()
    assert [v.evidence["session"] for v in found("after_hours")] == [1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="partitions are PostgreSQL's")
def test_the_job_reads_partitions_before_the_look_back_only_through_the_running_sessions_index(
    clock, provider_point
):
    """Each partition (a week of sessions) older than the look-back is read through the index
    that holds the sessions never ended (records migration 0006), not scanned whole."""
    import json

    from netpoint.provider.monitoring.conf import conf
    from netpoint.provider.records import partitions
    from netpoint.provider.records.models import SessionRecord

    provider_point()
    today = clock.now().date()
    lookback = clock.now() - timedelta(hours=conf().lookback_hours)
    with connection.cursor() as cursor:
        partitions.ensure_partitions(
            cursor, "records_sessionrecord", "started_at", today - timedelta(days=30), today
        )
        listed = partitions.list_partitions(cursor, "records_sessionrecord")
        old = {name for name, _start, end in listed if end <= lookback}
        cursor.execute(
            "SELECT c.relname, p.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            " JOIN pg_index x ON x.indexrelid = c.oid JOIN pg_class p ON p.oid = x.indrelid"
            " WHERE i.inhparent = 'long_session_by_point_time'::regclass"
        )
        running_index = {index for index, table in cursor.fetchall() if table in old}
        sql, params = services.recent_sessions(
            SessionRecord.objects.all(), lookback
        ).query.sql_with_params()
        # A handful of test rows: without this the planner would rather read the tables.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan

    def scans(node):
        yield node
        for child in node.get("Plans", []):
            yield from scans(child)

    read = [
        (n["Node Type"], n.get("Index Name"))
        for n in scans(plan[0]["Plan"])
        if n.get("Relation Name") in old
    ]
    assert len(old) >= 3 and len(read) == len(old)
    assert all(index in running_index for _kind, index in read), read


def test_a_minor_over_the_daily_limit_across_points(clock, provider_point, customer, session):
    from netpoint.provider.records.models import PointPerson

    first, second = provider_point("HN-0001"), provider_point("HN-0002")
    minor = customer(first, 1, clock.now() - timedelta(days=3), born=date(2010, 1, 1))
    PointPerson.objects.create(
        point=second, local_id=5, person=minor, registered_at=clock.now() - timedelta(days=3)
    )
    clock.advance(timedelta(hours=9))  # 19:00 local
    today = clock.now() - timedelta(hours=10)  # 09:00 local
    session(first, minor, 1, today, minutes=120)  # 09:00-11:00
    session(second, minor, 2, today + timedelta(hours=3), minutes=70)  # 12:00-13:10: 190 minutes
    adult = customer(first, 2, clock.now() - timedelta(days=3))
    session(first, adult, 3, today, minutes=400)
    services.find_violations()
    [violation] = found("minor_limit")
    assert violation.point == second  # where the limit was crossed
    assert violation.evidence["minutes_played"] == 190
    assert violation.evidence["limit_minutes"] == 180
    assert violation.evidence["age"] == 16
    assert len(violation.evidence["sessions"]) == 2


def test_sessions_without_a_registered_identity(clock, provider_point, customer, session):
    point = provider_point("HN-0001", point_type="internet")
    now = clock.now()
    late = customer(point, 1, now - timedelta(minutes=10))  # registered after the session began
    session(point, late, 1, now - timedelta(minutes=30), minutes=20)
    odd = customer(point, 2, now - timedelta(days=1), id_type="thuvien")
    session(point, odd, 2, now - timedelta(minutes=30), minutes=20)
    child = customer(point, 3, now - timedelta(days=1), born=date(2015, 6, 1))  # no guardian
    session(point, child, 3, now - timedelta(minutes=30), minutes=20)
    guardian = customer(point, 4, now - timedelta(days=1))
    looked_after = customer(
        point, 5, now - timedelta(days=1), born=date(2015, 7, 1), guardian=guardian
    )
    session(point, looked_after, 4, now - timedelta(minutes=30), minutes=20)
    session(point, guardian, 5, now - timedelta(minutes=30), minutes=20)
    services.find_violations()
    reasons = {v.evidence["session"]: v.evidence["reasons"] for v in found("no_identity")}
    assert reasons == {
        1: ["registered_after_start"],
        2: ["unknown_document"],
        3: ["no_guardian"],
    }


def test_a_point_silent_while_its_stations_are_in_use(clock, provider_point, heartbeat):
    busy, idle = provider_point("HN-0001"), provider_point("HN-0002")
    heartbeat(busy, clock.now() - timedelta(minutes=5), in_use=4)
    heartbeat(idle, clock.now() - timedelta(minutes=30), in_use=0)
    services.find_violations()
    assert found("silent") == []
    clock.advance(timedelta(minutes=11))  # 16 minutes without a word, 4 stations in use
    services.find_violations()
    [violation] = found("silent")
    assert violation.point == busy
    assert violation.evidence["stations_in_use"] == 4
    assert violation.evidence["silent_minutes"] == 16


def test_outdated_and_modified_point_software(clock, provider_point, heartbeat):
    ReleasedSoftware.objects.create(
        version="1.1.0", software_hash="b" * 64, released_on=date(2026, 1, 5)
    )
    ReleasedSoftware.objects.create(
        version="1.2.0", software_hash="a" * 64, released_on=date(2026, 3, 1)
    )
    current = provider_point("HN-0001")
    old = provider_point("HN-0002")
    tampered = provider_point("HN-0003")
    heartbeat(current, clock.now())
    heartbeat(old, clock.now(), version="1.1.0", software_hash="b" * 64)
    heartbeat(tampered, clock.now(), version="1.2.0", software_hash="f" * 64)
    services.find_violations()
    [outdated] = found("software_outdated")
    [modified] = found("software_modified")
    assert outdated.point == old and outdated.evidence["newest_version"] == "1.2.0"
    assert modified.point == tampered and modified.evidence["software_hash"] == "f" * 64


def test_no_software_judged_without_a_list_of_releases(clock, provider_point, heartbeat):
    heartbeat(provider_point(), clock.now(), software_hash="f" * 64)
    services.find_violations()
    assert Violation.objects.filter(kind__startswith="software").count() == 0


def test_expired_and_expiring_licences_are_two_kinds(clock, provider_point):
    expired = provider_point("HN-0001", licence_expires_on=date(2026, 3, 1))
    expiring = provider_point("HN-0002", licence_expires_on=date(2026, 3, 25))
    provider_point("HN-0003", licence_expires_on=date(2027, 3, 25))
    services.find_violations()
    assert [v.point for v in found("licence_expired")] == [expired]
    assert [v.point for v in found("licence_expiring")] == [expiring]
    assert found("licence_expired")[0].get_kind_display() == "Giấy phép đã hết hạn"
    assert found("licence_expiring")[0].get_kind_display() == "Giấy phép sắp hết hạn"


# Today is 10 March 2026; the warning period is 30 days (NETPOINT_PROVIDER).
@pytest.mark.parametrize(
    "expires_on, kind, words",
    [
        (date(2026, 3, 9), "licence_expired", "Giấy phép đã hết hạn (quá 1 ngày)"),
        (
            date(2026, 3, 10),
            "licence_expiring",
            "Giấy phép sắp hết hạn (hết hạn cuối ngày hôm nay)",
        ),
        (date(2026, 3, 11), "licence_expiring", "Giấy phép sắp hết hạn (còn 1 ngày)"),
        (date(2026, 4, 9), "licence_expiring", "Giấy phép sắp hết hạn (còn 30 ngày)"),
        (date(2026, 4, 10), None, None),
    ],
)
def test_a_licence_on_the_boundary_days_is_worded_as_its_kind(
    clock, provider_point, expires_on, kind, words
):
    from netpoint.provider.monitoring import wording

    provider_point(licence_expires_on=expires_on)
    services.find_violations()
    stored = list(Violation.objects.all())
    assert [v.kind for v in stored] == ([kind] if kind else [])
    if kind:
        assert wording.summary(stored[0]) == words


def test_a_licence_that_runs_out_becomes_an_expired_one(clock, provider_point):
    provider_point(licence_expires_on=date(2026, 3, 10))
    services.find_violations()
    clock.advance(timedelta(days=1))
    services.find_violations()
    assert len(found("licence_expiring")) == 1 and len(found("licence_expired")) == 1


def test_the_job_is_idempotent_and_mails_each_violation_once(
    clock, provider_point, department, enterprise, heartbeat
):
    enterprise.contact_email = "tuanthu@doanhnghiep.example"
    enterprise.save()
    department("sohanoi", 1, email="giamsat@sotttt.example")
    department("sohcm", 79, email="giamsat@hcm.example")
    point = provider_point(licence_expires_on=date(2026, 3, 1))
    heartbeat(point, clock.now() - timedelta(hours=1), in_use=2)
    call_command("violations")
    assert Violation.objects.count() == 2
    [message] = mail.outbox
    assert sorted(message.to) == ["giamsat@sotttt.example", "tuanthu@doanhnghiep.example"]
    assert "HN-0001" in message.body and "2 vi phạm" in message.subject
    clock.advance(timedelta(minutes=5))
    call_command("violations")
    assert Violation.objects.count() == 2 and len(mail.outbox) == 1


def test_a_resolved_violation_stays_resolved_when_the_job_runs_again(
    clock, provider_point, department
):
    point = provider_point(licence_expires_on=date(2026, 3, 1))
    services.find_violations()
    violation = Violation.objects.get()
    services.set_state(violation, department(), "resolved", "Đã gia hạn giấy phép")
    services.find_violations()
    violation.refresh_from_db()
    assert violation.state == "resolved" and Violation.objects.filter(point=point).count() == 1


def test_a_long_mail_lists_the_first_violations_and_counts_the_rest(
    clock, provider_point, department, settings
):
    from netpoint.provider.monitoring import services as monitoring

    department("sohanoi", 1, email="giamsat@sotttt.example")
    for number in range(monitoring.MAIL_LINES + 5):
        provider_point(f"HN-{number:04d}", licence_expires_on=date(2026, 3, 1))
    services.find_violations()
    [message] = mail.outbox
    assert message.body.count("\n- HN-") == monitoring.MAIL_LINES
    assert "… và 5 vi phạm khác." in message.body


def test_a_licence_warning_is_closed_when_the_licence_expires(clock, provider_point):
    point = provider_point(licence_expires_on=date(2026, 3, 20))
    services.find_violations()
    [warning] = found("licence_expiring")
    clock.advance(timedelta(days=11))  # 21/03: expired
    services.find_violations()
    warning.refresh_from_db()
    assert warning.state == "resolved" and "đã hết hạn" in warning.note
    [expired] = found("licence_expired")
    assert expired.state == "open" and expired.point == point


def test_an_expired_licence_finding_is_closed_when_the_licence_is_renewed(clock, provider_point):
    point = provider_point(licence_expires_on=date(2026, 3, 1))
    services.find_violations()
    point.licence_expires_on = date(2028, 3, 1)
    point.save()
    services.find_violations()
    [expired] = found("licence_expired")
    assert expired.state == "resolved" and expired.note == services.LICENCE_RENEWED
    assert not found("licence_expiring")


def test_a_licence_finding_still_holding_stays_as_the_handler_left_it(clock, provider_point):
    provider_point(licence_expires_on=date(2026, 3, 1))
    services.find_violations()
    [expired] = found("licence_expired")
    services.set_state(expired, None, "acknowledged", "Đã gọi chủ điểm")
    services.find_violations()
    expired.refresh_from_db()
    assert (expired.state, expired.note) == ("acknowledged", "Đã gọi chủ điểm")
