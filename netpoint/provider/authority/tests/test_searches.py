"""Searches under a written request: refused and audited outside its scope, answered and
audited inside it."""

import random
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission

from netpoint.common.audit.models import AuditEntry
from netpoint.common.core import clock as clock_module
from netpoint.common.core.clock import FakeClock
from netpoint.common.identity.fake import fake_person
from netpoint.provider.authority import requests, search, services
from netpoint.provider.authority.exports import export
from netpoint.provider.authority.scope import PERSON_COVERED, POINT_COVERED, SearchRefused
from netpoint.provider.authority.tests.conftest import NOW, SEEN, approved
from netpoint.provider.records.lookups import POINTS_SQL, POINTS_WHERE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


# The statement that finds the points behind a public IP, with whether the request covers each.
POINTS_BY_IP = POINTS_SQL.format(covered=POINT_COVERED, where=POINTS_WHERE["ip"])
POINTS_BY_STATION = POINTS_SQL.format(covered=POINT_COVERED, where=POINTS_WHERE["station"])


def window():
    return {"time_from": NOW - timedelta(days=10), "time_to": NOW}


def find_somebody(request, world, user=None):
    """The investigator (or `user`) searches for the person in scope, by CCCD."""
    return search.search_person(
        request,
        user or world["investigator"],
        id_type="cccd",
        id_number=world["somebody"].cccd,
        **window(),
    )


def test_a_search_before_approval_is_refused_and_audited(world):
    with pytest.raises(SearchRefused, match="not_approved"):
        find_somebody(world["request"], world)
    entry = AuditEntry.objects.get(action="search_refused")
    assert entry.detail == {"kind": "id_number", "reason": "not_approved"}
    assert "123/CAHN-PA05" in entry.target
    assert world["somebody"].cccd not in str(entry.detail)


def test_an_approved_request_finds_its_person_and_the_search_is_audited(world):
    request = services.decide(world["request"], world["officer"], approve=True)
    found = find_somebody(request, world)
    assert [f.full_name for f in found] == [world["somebody"].full_name]
    assert found[0].id_number == world["somebody"].cccd
    assert [(s.point, s.station) for s in found[0].sessions] == [("HN-0001", "M01")]
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions == ["request_registered", "request_approved", "search"]


def test_a_person_outside_the_request_is_refused(world):
    request = services.decide(world["request"], world["officer"], approve=True)
    with pytest.raises(SearchRefused, match="person_not_in_scope"):
        search.search_person(request, world["investigator"], phone=world["other"].phone, **window())


def test_an_expired_request_is_refused(world):
    request = services.decide(world["request"], world["officer"], approve=True)
    later = clock_module.use(FakeClock(NOW + timedelta(days=8)))
    with later, pytest.raises(SearchRefused, match="expired"):
        find_somebody(request, world)


def test_another_organisations_user_cannot_use_the_request(world, django_user_model):
    request = services.decide(world["request"], world["officer"], approve=True)
    stranger = django_user_model.objects.create_user("nguoila", password="x-Very-Long-3")
    with pytest.raises(SearchRefused, match="not_your_organisation"):
        search.search_person(
            request, stranger, id_type="cccd", id_number=world["somebody"].cccd, **window()
        )
    assert AuditEntry.objects.filter(action="search_refused", actor="nguoila").exists()


def test_who_was_at_a_station_or_behind_a_public_ip_at_a_time(world):
    request = services.decide(world["request"], world["officer"], approve=True)
    at = SEEN + timedelta(minutes=30)
    by_station = search.search_station(
        request, world["investigator"], point_code="HN-0001", station="M02", at=at
    )
    assert [f.full_name for f in by_station] == [world["other"].full_name]
    assert [s.station for s in by_station[0].sessions] == ["M02"]
    by_ip = search.search_ip(request, world["investigator"], ip="203.0.113.9", at=at)
    assert sorted(f.full_name for f in by_ip) == sorted(
        [world["somebody"].full_name, world["other"].full_name]
    )


def test_a_search_costs_the_same_few_queries_however_many_sessions_it_finds(world, provider_point):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from netpoint.provider.records.models import Person, SessionRecord

    request = services.decide(world["request"], world["officer"], approve=True)
    person = Person.objects.get(full_name=world["somebody"].full_name)

    def queries():
        # A fresh user object each time, as each HTTP request has: nothing cached on it.
        investigator = type(world["investigator"]).objects.get(pk=world["investigator"].pk)
        with CaptureQueriesContext(connection) as captured:
            found = find_somebody(request, world, investigator)
        return len(captured), sum(len(f.sessions) for f in found)

    few = queries()
    other_point = provider_point("HN-0002")
    for n in range(1, 7):
        SessionRecord.objects.create(
            point=other_point if n % 2 else world["point"],
            local_id=100 + n,
            person=person,
            station=f"M{n:02d}",
            kind="walk_in",
            started_at=SEEN - timedelta(days=n),
            ended_at=SEEN - timedelta(days=n) + timedelta(hours=1),
        )
    many = queries()
    assert (few[1], many[1]) == (1, 7)
    assert many[0] == few[0] <= 8


def other_seen_at(world, point, station: str, local_id: int) -> None:
    """The world's other person, for an hour from SEEN at `point`'s `station`."""
    from netpoint.provider.records.models import Person, SessionRecord

    SessionRecord.objects.create(
        point=point,
        local_id=local_id,
        person=Person.objects.get(full_name=world["other"].full_name),
        station=station,
        kind="walk_in",
        started_at=SEEN,
        ended_at=SEEN + timedelta(hours=1),
    )


def test_a_station_search_shows_only_the_sessions_at_that_station(world, provider_point):
    request = services.decide(world["request"], world["officer"], approve=True)
    other_seen_at(world, provider_point("HN-0099"), "M09", local_id=7)  # not in the scope
    found = search.search_station(
        request, world["investigator"], point_code="HN-0001", station="M02", at=SEEN
    )
    assert [(s.point, s.station) for s in found[0].sessions] == [("HN-0001", "M02")]


def test_an_ip_search_names_each_session_by_its_own_points_code(world, provider_point):
    """Two points behind one address, both in scope: each session carries the code of its
    point, which comes with the points searched."""
    second = provider_point("HN-0002", public_ips=["203.0.113.9"])
    world["request"].points.add(second)
    request = services.decide(world["request"], world["officer"], approve=True)
    other_seen_at(world, second, "M07", local_id=8)
    found = search.search_ip(request, world["investigator"], ip="203.0.113.9", at=SEEN)
    sessions = {(s.point, s.station) for f in found for s in f.sessions}
    assert sessions == {("HN-0001", "M01"), ("HN-0001", "M02"), ("HN-0002", "M07")}


def test_a_search_at_a_moment_finds_long_and_unended_sessions_and_no_ended_ones(world):
    """Sessions started more than twelve hours before are looked for in their own index
    (records.attribution.LONG_SESSION): those still running are found, those over are not."""
    from netpoint.provider.records.models import Person, SessionRecord

    request = services.decide(world["request"], world["officer"], approve=True)
    person = Person.objects.get(full_name=world["other"].full_name)
    at = SEEN + timedelta(minutes=30)
    started_hours_before = {
        # station: (hours started before `at`, hours it lasted or None for not ended)
        "L01": (30, 31),  # long, still running: found
        "L02": (40, None),  # never ended, within the longest a session lasts: found
        "L03": (13, 12.5),  # started more than twelve hours before, over by then: not found
        "L04": (11, 11.5),  # started within the twelve hours, running: found
        "L05": (11, 10.5),  # started within the twelve hours, over: not found
        "L06": (80, None),  # beyond the longest session (72 hours): not found
    }
    for n, (station, (before, lasted)) in enumerate(started_hours_before.items()):
        started = at - timedelta(hours=before)
        SessionRecord.objects.create(
            point=world["point"],
            local_id=300 + n,
            person=person,
            station=station,
            kind="walk_in",
            started_at=started,
            ended_at=started + timedelta(hours=lasted) if lasted is not None else None,
        )
    by_ip = search.search_ip(request, world["investigator"], ip="203.0.113.9", at=at)
    stations = {s.station for f in by_ip for s in f.sessions}
    assert stations == {"M01", "M02", "L01", "L02", "L04"}
    for station in started_hours_before:
        by_station = search.search_station(
            request, world["investigator"], point_code="HN-0001", station=station, at=at
        )
        assert bool(by_station) == (station in stations), station


def partitions_of(cursor, index: str) -> set[str]:
    cursor.execute(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
        " WHERE i.inhparent = %s::regclass",
        [index],
    )
    return {row[0] for row in cursor.fetchall()}


def plan_of(cursor, sql: str, params) -> list[str]:
    # A handful of test rows: without this the planner would rather read the tables.
    cursor.execute("SET LOCAL enable_seqscan = off")
    cursor.execute("SET LOCAL enable_bitmapscan = off")
    cursor.execute("EXPLAIN " + sql, params)
    return [row[0] for row in cursor.fetchall()]


def test_a_search_at_a_point_reads_the_long_sessions_from_their_own_index(world):
    """The planner can use the partial index only if the query's conditions imply its own."""
    from django.db import connection

    from netpoint.provider.records.attribution import statement_at_points

    points = (world["request"].pk, '["203.0.113.9"]')
    sql, params = statement_at_points(
        POINTS_BY_IP, points, "points", (), SEEN, SEEN, timedelta(hours=72)
    )
    with connection.cursor() as cursor:
        partitions_indexes = partitions_of(cursor, "long_session_by_point_time")
        plan = "\n".join(plan_of(cursor, sql, params))
    assert partitions_indexes
    assert any(f" {name} " in plan for name in partitions_indexes), plan


@pytest.mark.parametrize("kind", ["station", "ip", "person"])
def test_a_search_reads_the_sessions_never_moved_from_their_index_alone(world, kind):
    """No table page is read for a session never moved: at 100M sessions those pages no longer
    fit in memory (docs/PERFORMANCE.md, scale)."""
    from django.db import connection

    from netpoint.common.sealing.indexes import id_index, key_ring
    from netpoint.provider.records.attribution import statement_at_points, statement_if_covered

    request, longest = world["request"].pk, timedelta(hours=72)
    if kind == "person":
        index = id_index("cccd", world["somebody"].cccd, key_ring())
        covered = (PERSON_COVERED["id_index"], (index, request))
        sql, params = statement_if_covered(
            *covered, "id_index", (index,), NOW - timedelta(days=30), NOW, longest
        )
        covering = ["session_by_person"]
    else:
        by = {
            "station": (POINTS_BY_STATION, "HN-0001", ("M01",)),
            "ip": (POINTS_BY_IP, '["203.0.113.9"]', ()),
        }
        points_sql, value, args = by[kind]
        which = "station" if kind == "station" else "points"
        sql, params = statement_at_points(
            points_sql, (request, value), which, args, SEEN, SEEN, longest
        )
        covering = ["session_by_point_time", "long_session_by_point_time"]
    with connection.cursor() as cursor:
        names = set().union(*(partitions_of(cursor, index) for index in covering))
        plan = plan_of(cursor, sql, params)
    read = [line for line in plan if any(f" {name} " in line for name in names)]
    assert read, plan
    assert all("Index Only Scan" in line for line in read), plan


def test_an_address_shared_with_a_point_outside_the_request_is_refused_unread(
    world, provider_point, seen_at_point
):
    """Both points behind the address are found, one not covered: no session is read (the
    statement returns none, though each point has one) and the refusal is audited."""
    from netpoint.provider.records.attribution import sessions_at_points

    request = services.decide(world["request"], world["officer"], approve=True)
    elsewhere = provider_point("HN-0099", public_ips=["203.0.113.9"])  # not in the scope
    seen_at_point(fake_person(random.Random(7)), elsewhere, "M01", SEEN, local_id=9)
    points, sessions = sessions_at_points(
        POINTS_BY_IP,
        (request.pk, '["203.0.113.9"]'),
        "points",
        (),
        SEEN,
        SEEN,
        timedelta(hours=72),
    )
    assert points == {world["point"].pk: True, elsewhere.pk: False}
    assert sessions == []
    with pytest.raises(SearchRefused) as refused:
        search.search_ip(request, world["investigator"], ip="203.0.113.9", at=SEEN)
    assert refused.value.code == "point_not_in_scope"
    entry = AuditEntry.objects.get(action="search_refused")
    assert entry.detail == {"kind": "ip", "reason": "point_not_in_scope"}


@pytest.mark.parametrize("kind, value", [("ip", "203.0.113.9"), ("station", "HN-0001/M01")])
def test_a_search_at_points_before_approval_is_refused_before_anything_is_read(world, kind, value):
    from django.db import connection

    with pytest.raises(SearchRefused) as refused:
        search.search(world["request"], world["investigator"], kind, value, SEEN)
    assert refused.value.code == "not_approved"
    assert AuditEntry.objects.filter(action="search_refused", detail__kind=kind).exists()

    def prepared():  # the search's statement (points and sessions) is prepared when first run
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_prepared_statements"
                " WHERE statement LIKE '%registry_point%' AND statement LIKE '%sessionrecord%'"
            )
            return cursor.fetchone()[0]

    assert prepared() == 0
    approved = services.decide(world["request"], world["officer"], approve=True)
    search.search(approved, world["investigator"], kind, value, SEEN)
    assert prepared() == 1


def test_an_address_or_station_code_of_no_point_is_refused_as_out_of_scope(world):
    request = services.decide(world["request"], world["officer"], approve=True)
    for kind, value in (("ip", "198.51.100.1"), ("ip", "not-an-address"), ("station", "XX/M1")):
        with pytest.raises(SearchRefused) as refused:
            search.search(request, world["investigator"], kind, value, SEEN)
        assert refused.value.code == "point_not_in_scope", (kind, value)


def test_a_person_without_sessions_in_the_period_is_still_named(world):
    request = services.decide(world["request"], world["officer"], approve=True)
    found = search.search_person(
        request,
        world["investigator"],
        id_type="cccd",
        id_number=world["somebody"].cccd,
        time_from=NOW - timedelta(days=1),
        time_to=NOW,
    )
    assert [(f.full_name, f.sessions) for f in found] == [(world["somebody"].full_name, [])]


@pytest.mark.parametrize("kind", ["phone", "name"])
def test_a_person_named_by_phone_or_name_is_found_and_one_not_named_is_refused(world, kind):
    somebody, other = world["somebody"], world["other"]
    if kind == "phone":
        request = approved(world, "124/CAHN-PA05", phones=[somebody.phone])
        asked, not_named = somebody.phone, other.phone
    else:  # named in capitals, asked with stray spaces: both normalised
        request = approved(world, "124/CAHN-PA05", names=[somebody.full_name.upper()])
        asked, not_named = f"  {somebody.full_name.replace(' ', '  ')} ", other.full_name
    found = search.search(request, world["investigator"], kind, asked, None)
    assert [(f.full_name, len(f.sessions)) for f in found] == [(somebody.full_name, 1)]
    with pytest.raises(SearchRefused) as refused:
        search.search(request, world["investigator"], kind, not_named, None)
    assert refused.value.code == "person_not_in_scope"


def test_a_person_outside_the_request_is_refused_before_their_sessions_are_read(world):
    """Whether the request names the person gates the scan of their sessions in the same
    statement (a one-time filter)."""
    from django.db import connection

    from netpoint.common.sealing.indexes import id_index, key_ring
    from netpoint.provider.records.attribution import statement_if_covered

    index = id_index("cccd", world["other"].cccd, key_ring())
    covered = (PERSON_COVERED["id_index"], (index, world["request"].pk))
    period = (NOW - timedelta(days=30), NOW, timedelta(hours=72))
    sql, params = statement_if_covered(*covered, "id_index", (index,), *period)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    assert any("One-Time Filter: asked.covered" in line for line in plan), plan
    sessions = [line for line in plan if "records_sessionrecord" in line]
    assert sessions and all("never executed" in line for line in sessions), plan


def test_a_search_reads_none_of_the_requests_lists_of_persons(world):
    """A request may name thousands of people: a search asks the database about the one
    searched for and leaves the lists unread."""
    services.decide(world["request"], world["officer"], approve=True)
    request = requests.visible_request(world["investigator"], world["request"].pk)
    assert request.get_deferred_fields() == set(requests.UNREAD)
    assert search.search(request, world["investigator"], "id_number", world["somebody"].cccd, None)
    search.search(request, world["investigator"], "station", "HN-0001/M01", SEEN)
    assert request.get_deferred_fields() == set(requests.UNREAD)


def test_only_an_approving_officer_other_than_the_registrant_decides(world):
    with pytest.raises(PermissionError):
        services.decide(world["request"], world["investigator"], approve=True)
    services.decide(world["request"], world["officer"], approve=False, reason="Thiếu chữ ký")
    with pytest.raises(ValueError, match="decided already"):
        services.decide(world["request"], world["officer"], approve=True)
    assert AuditEntry.objects.filter(action="request_rejected").exists()


def test_exports_carry_the_request_on_every_page_and_are_audited(world):
    import io

    from docx import Document
    from openpyxl import load_workbook

    request = services.decide(world["request"], world["officer"], approve=True)
    found = find_somebody(request, world)
    reference = "Cung cấp theo văn bản số 123/CAHN-PA05 ngày 22/11/2026 - Công an TP Hà Nội"
    sheet = load_workbook(io.BytesIO(export(request, world["investigator"], found, "xlsx"))).active
    assert sheet.oddHeader.center.text == reference and sheet["A5"].value == reference
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    first_titles = ["Họ và tên", "Ngày sinh", "Loại giấy tờ", "Số giấy tờ"]
    titles = next(i for i, r in enumerate(rows) if r[:4] == first_titles)
    row = rows[titles + 1]
    assert row[0] == world["somebody"].full_name and row[3] == world["somebody"].cccd
    assert row[5:7] == ["HN-0001", "M01"] and row[7] == "10:00 19/11/2026"
    document = Document(io.BytesIO(export(request, world["investigator"], found, "docx")))
    assert document.sections[0].header.paragraphs[1].text == reference
    table = document.tables[1]
    assert table.rows[1].cells[3].text == world["somebody"].cccd
    exports = AuditEntry.objects.filter(action="export")
    assert [e.detail for e in exports] == [
        {"format": "xlsx", "persons": 1},
        {"format": "docx", "persons": 1},
    ]


def test_a_large_export_waits_for_a_second_officer_and_is_used_once(
    world, settings, django_user_model
):
    from netpoint.provider.authority.models import ExportApproval

    settings.NETPOINT_AUTHORITY = {"second_approval_over_persons": 0}
    request = services.decide(world["request"], world["officer"], approve=True)
    found = find_somebody(request, world)
    with pytest.raises(services.NeedsSecondApproval):
        export(request, world["investigator"], found, "xlsx")
    approval = ExportApproval.objects.get()
    with pytest.raises(PermissionError):
        services.approve_export(approval, world["officer"])  # the one who approved the request
    second = django_user_model.objects.create_user("pheduyet2", password="x-Very-Long-4")
    second.user_permissions.add(Permission.objects.get(codename="decide_writtenrequest"))
    services.approve_export(approval, second)
    assert export(request, world["investigator"], found, "xlsx")
    with pytest.raises(services.NeedsSecondApproval):
        export(request, world["investigator"], found, "xlsx")
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions.count("export_held") == 2 and "export_approved" in actions


@pytest.mark.urls("netpoint.provider.urls")
def test_the_page_says_a_large_export_waits_and_the_officer_can_approve_it(
    world, settings, client, django_user_model
):
    from django.contrib.auth.models import Group

    settings.NETPOINT_AUTHORITY = {"second_approval_over_persons": 0}
    request = services.decide(world["request"], world["officer"], approve=True)
    world["investigator"].groups.add(Group.objects.get(name="authority_user"))
    client.force_login(world["investigator"])
    search = {"kind": "id_number", "value": world["somebody"].cccd, "fmt": "xlsx"}
    answer = client.post(f"/van-ban/{request.pk}/tim/", search)
    assert answer.status_code == 403
    assert "cần một cán bộ phê duyệt thứ hai" in answer.content.decode()
    second = django_user_model.objects.create_user("pheduyet2", password="x-Very-Long-4")
    second.groups.add(Group.objects.get(name="approving_officer"))
    client.force_login(second)
    page = client.get(f"/van-ban/{request.pk}/").content.decode()
    assert "xin xuất dữ liệu của 1 người" in page
    held = request.exports.get()
    assert client.post(f"/van-ban/{request.pk}/xuat/{held.pk}/duyet/").status_code == 302
    client.force_login(world["investigator"])
    answer = client.post(f"/van-ban/{request.pk}/tim/", search)
    assert answer.status_code == 200 and answer["Content-Disposition"].endswith('.xlsx"')


def test_searches_run_prepared_with_generic_plans(world):
    """Planning over a month's partitions costs more than the query: see records.attribution."""
    from django.db import connection

    request = services.decide(world["request"], world["officer"], approve=True)
    for _ in range(2):
        search.search_station(
            request, world["investigator"], point_code="HN-0001", station="M02", at=SEEN
        )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
            " WHERE statement LIKE '%s.station = $%'"
        )
        assert cursor.fetchall() == [(2, 0)]


def test_a_persons_search_reads_the_point_codes_from_their_index_alone(world):
    """Each session found names its point: read from the covering index point_code_by_id
    (registry migration 0003), not from the points table."""
    from django.db import connection

    from netpoint.common.sealing.indexes import id_index, key_ring
    from netpoint.provider.records.attribution import statement_if_covered

    index = id_index("cccd", world["somebody"].cccd, key_ring())
    covered = (PERSON_COVERED["id_index"], (index, world["request"].pk))
    period = (NOW - timedelta(days=30), NOW, timedelta(hours=72))
    sql, params = statement_if_covered(*covered, "id_index", (index,), *period)
    with connection.cursor() as cursor:
        plan = "\n".join(plan_of(cursor, sql, params))
    assert "Index Only Scan using point_code_by_id on registry_point" in plan, plan
