"""Who used a station at a moment, when the point moved the session to another station: the
session is found at each station for the time it was there (records.attribution.AT_STATION)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from netpoint.provider.authority import search, services
from netpoint.provider.authority.tests.conftest import SEEN

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

STARTED = SEEN + timedelta(hours=2)
MOVED = STARTED + timedelta(hours=1)


@pytest.fixture
def moved(world):
    """The world's other person, two hours at HN-0001 from STARTED: at M05, moved to M06 at
    MOVED, as the records store it from the point's session.moved."""
    from netpoint.provider.records.models import Person, SessionRecord

    SessionRecord.objects.create(
        point=world["point"],
        local_id=9,
        person=Person.objects.get(full_name=world["other"].full_name),
        station="M06",
        kind="walk_in",
        started_at=STARTED,
        ended_at=STARTED + timedelta(hours=2),
        stations=[["M05", STARTED.isoformat()], ["M06", MOVED.isoformat()]],
        moved=True,
    )
    return services.decide(world["request"], world["officer"], approve=True)


def at_station(world, request, station, at):
    return search.search_station(
        request, world["investigator"], point_code="HN-0001", station=station, at=at
    )


def test_the_original_station_before_the_move_finds_the_person(world, moved):
    found = at_station(world, moved, "M05", MOVED - timedelta(minutes=20))
    assert [f.full_name for f in found] == [world["other"].full_name]
    session = found[0].sessions[0]
    assert session.station == "M05"
    assert [(m.from_station, m.station, m.at) for m in session.moves] == [("M05", "M06", MOVED)]


def test_the_new_station_after_the_move_finds_the_person(world, moved):
    found = at_station(world, moved, "M06", MOVED + timedelta(minutes=20))
    assert [f.full_name for f in found] == [world["other"].full_name]


def test_the_original_station_after_the_move_does_not_find_the_person(world, moved):
    assert at_station(world, moved, "M05", MOVED + timedelta(minutes=20)) == []


def test_the_new_station_before_the_move_does_not_find_the_person(world, moved):
    assert at_station(world, moved, "M06", MOVED - timedelta(minutes=20)) == []


@pytest.mark.urls("netpoint.provider.urls")
def test_the_page_shows_the_move_with_its_time(world, moved, client):
    client.force_login(world["investigator"])
    at = (MOVED - timedelta(minutes=20)).astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    answer = client.post(
        f"/van-ban/{moved.pk}/tim/",
        {"kind": "station", "value": "HN-0001/M05", "at": at.strftime("%Y-%m-%dT%H:%M")},
    )
    assert answer.status_code == 200
    local = MOVED.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    assert f"M05 → M06 lúc {local:%H:%M}" in answer.content.decode()


def test_an_export_names_the_move_with_its_time(world, moved):
    from netpoint.provider.authority.exports import rows

    found = at_station(world, moved, "M06", MOVED + timedelta(minutes=20))
    local = MOVED.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    assert f"M05 → M06 lúc {local:%H:%M %d/%m/%Y}" in rows(found)[0]


@pytest.mark.urls("netpoint.provider.urls")
def test_the_api_answers_the_moves_with_their_times(world, moved, client):
    import json

    client.force_login(world["investigator"])
    at = (MOVED + timedelta(minutes=20)).isoformat()
    answer = client.post(
        f"/api/v1/authority/requests/{moved.pk}/searches",
        json.dumps({"kind": "station", "value": "HN-0001/M06", "at": at}),
        content_type="application/json",
    )
    [session] = answer.json()["people"][0]["sessions"]
    assert session["station"] == "M05"
    [move] = session["moves"]
    assert (move["from_station"], move["station"]) == ("M05", "M06")
    assert datetime.fromisoformat(move["at"]) == MOVED
