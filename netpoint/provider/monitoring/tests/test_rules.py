"""The rules as pure functions: no database, any moment."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from netpoint.common.policies.hours import OpeningHours
from netpoint.provider.monitoring import rules

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
GAME = OpeningHours(time(8), time(22))
DAY = datetime(2026, 3, 10, tzinfo=VIETNAM)


def a_session(start: datetime, minutes: int | None, person=1, local_id=1, point=1):
    end = start + timedelta(minutes=minutes) if minutes is not None else None
    return rules.SessionFact(point, local_id, "M01", person, start, end)


@given(st.integers(8 * 60, 22 * 60 - 1), st.integers(0, 600))
def test_a_session_inside_the_hours_is_never_flagged(start_minute, minutes):
    start = DAY + timedelta(minutes=start_minute)
    minutes = min(minutes, 22 * 60 - start_minute)
    found = rules.after_hours(
        [a_session(start, minutes)], {1: GAME}, DAY + timedelta(days=1), VIETNAM
    )
    assert found == []


@given(st.integers(0, 24 * 60 - 1), st.integers(1, 600))
def test_a_flagged_session_really_touched_the_closed_hours(start_minute, minutes):
    start = DAY + timedelta(minutes=start_minute)
    [*found] = rules.after_hours(
        [a_session(start, minutes)], {1: GAME}, DAY + timedelta(days=2), VIETNAM
    )
    end = start + timedelta(minutes=minutes)
    touched = any(
        not (time(8) <= (start + timedelta(minutes=m)).time() < time(22)) for m in range(0, minutes)
    )
    assert bool(found) == touched
    if found:
        assert start <= found[0].occurred_at < end
        assert found[0].evidence["minutes_outside"] >= 0


def test_no_hours_rule_no_finding():
    start = DAY + timedelta(hours=3)
    assert (
        rules.after_hours([a_session(start, 60)], {1: None}, DAY + timedelta(days=1), VIETNAM) == []
    )


def test_a_running_session_counts_to_now_for_minors():
    born = {1: date(2012, 1, 1)}
    start = DAY + timedelta(hours=9)
    now = start + timedelta(minutes=180)
    assert rules.minors_over_limit([a_session(start, None)], born, now, VIETNAM, 18, 180 * 60) == []
    later = now + timedelta(minutes=1)
    [found] = rules.minors_over_limit([a_session(start, None)], born, later, VIETNAM, 18, 180 * 60)
    assert found.evidence["minutes_played"] == 181


def test_an_adult_has_no_limit():
    born = {1: date(2000, 1, 1)}
    start = DAY + timedelta(hours=8)
    assert (
        rules.minors_over_limit(
            [a_session(start, 600)], born, DAY + timedelta(days=1), VIETNAM, 18, 10800
        )
        == []
    )


def test_software_findings_need_a_release_list():
    beat = rules.BeatFact(1, datetime(2026, 3, 10, tzinfo=UTC), "9.9", "x" * 64, 0)
    assert rules.software([beat], [], VIETNAM) == []
    release = rules.Release("1.0", "a" * 64, date(2026, 1, 1))
    [found] = rules.software([beat], [release], VIETNAM)
    assert found.kind == "software_modified"


def test_licence_findings_keep_their_moment_from_run_to_run():
    now = datetime(2026, 3, 10, 3, tzinfo=UTC)
    first = rules.licences([(1, date(2026, 3, 20))], now, VIETNAM, 30)
    again = rules.licences([(1, date(2026, 3, 20))], now + timedelta(hours=5), VIETNAM, 30)
    assert first == again and first[0].evidence["days_left"] == 10


def lines_at(minutes, address="192.168.1.22", count=5, destination="chat.zalo.me"):
    return [
        rules.UnattributedFact(
            1, address, "M02", DAY + timedelta(hours=10, minutes=m), destination, count
        )
        for m in minutes
    ]


def test_traffic_without_a_session_is_one_finding_per_stretch():
    facts = lines_at(range(0, 10)) + lines_at(range(60, 65))
    found = rules.no_session_access(facts, VIETNAM, timedelta(minutes=30), 20)
    assert [f.evidence["first_minute"] for f in found] == ["10:00 10/03/2026", "11:00 10/03/2026"]
    first = found[0].evidence
    assert (first["station"], first["address"], first["lines"]) == ("M02", "192.168.1.22", 50)
    assert first["last_minute"] == "10:09 10/03/2026"
    assert first["destinations"] == ["chat.zalo.me"]


def test_a_few_lines_without_a_session_are_no_finding_yet():
    facts = lines_at([0, 1, 2], count=6)  # 18 lines: a locked PC's lookups, perhaps
    assert rules.no_session_access(facts, VIETNAM, timedelta(minutes=30), 20) == []


def test_a_stretch_keeps_its_key_as_it_grows():
    gap = timedelta(minutes=30)
    [before] = rules.no_session_access(lines_at(range(0, 5)), VIETNAM, gap, 20)
    [after] = rules.no_session_access(lines_at(range(0, 25)), VIETNAM, gap, 20)
    assert before.key == after.key and after.evidence["lines"] == 125


def test_the_destinations_shown_are_the_most_used_five():
    facts = [
        rules.UnattributedFact(1, "192.168.1.77", None, DAY, f"site{n}.vn", n) for n in range(1, 9)
    ]
    [found] = rules.no_session_access(facts, VIETNAM, timedelta(minutes=30), 20)
    assert found.evidence["destinations"] == [f"site{n}.vn" for n in (8, 7, 6, 5, 4)]
    assert found.evidence["station"] is None


def test_a_silent_station_is_one_finding_per_silence():
    last = DAY + timedelta(hours=10)
    facts = [
        rules.SilenceFact(1, "M01", last, last + timedelta(seconds=7)),
        rules.SilenceFact(
            1, "M01", last + timedelta(hours=1), last + timedelta(hours=1, seconds=7)
        ),
    ]
    found = rules.stations_silent(facts, VIETNAM)
    assert len({f.key for f in found}) == 2
    assert found[0].evidence == {
        "station": "M01",
        "last_heartbeat": "10:00 10/03/2026",
        "noticed_at": "10:00 10/03/2026",
    }
