"""Generated gateway logs replayed through the tailer: every access line stored once, through
rotation, restarts, crashes and garbage."""

import shutil
from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum

from netpoint.common.events.schema import problems
from netpoint.point.accesslog import generate, services
from netpoint.point.accesslog.models import AccessRecord, LogSource, UnattributedAccess
from netpoint.point.accesslog.tailer import Tailer
from netpoint.point.outbox import services as outbox
from netpoint.point.outbox.models import OutboxEvent
from netpoint.point.sessions import services as sessions

pytestmark = pytest.mark.django_db
IN_SESSION, FREE = "192.168.1.21", "192.168.1.22"


@pytest.fixture
def cafe_at_work(clock, cafe, make_customer):
    """M01 (192.168.1.21) in a session since 10:00; M02 (192.168.1.22) free."""
    cafe["m1"].ip, cafe["m2"].ip = IN_SESSION, FREE
    cafe["m1"].save()
    cafe["m2"].save()
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    clock.advance(timedelta(hours=1))
    return session


def written(path, lines):
    with open(path, "a", encoding="utf-8") as file:
        file.writelines(line + "\n" for line in lines)


def log_lines(count, start_minute=0, seed=1):
    start = services.clock.now() - timedelta(minutes=55 - start_minute)
    return list(generate.lines("dnsmasq", [IN_SESSION, FREE], start, count, seed))


def expected(lines) -> Counter:
    """The session's accesses in `lines`, by destination, read the plain way."""
    found = Counter()
    for line in lines:
        if "query[" in line and line.endswith(f"from {IN_SESSION}"):
            found[line.split("] ")[-1].split(" ")[0]] += 1
    return found


def stored() -> Counter:
    rows = AccessRecord.objects.values("destination").annotate(n=Sum("count"))
    return Counter({row["destination"]: row["n"] for row in rows})


def test_a_log_is_stored_as_counts_per_session_destination_and_minute(cafe_at_work, tmp_path):
    path = tmp_path / "dnsmasq.log"
    lines = log_lines(2000)
    written(path, lines)
    Tailer(str(path), "dnsmasq").run_until_idle()
    assert stored() == expected(lines)
    # 2,000 lines over 20 seconds: one row per destination (and minute), not one per line.
    assert AccessRecord.objects.count() <= 2 * len(generate.DESTINATIONS)
    assert set(AccessRecord.objects.values_list("session", flat=True)) == {cafe_at_work.pk}
    kinds = dict(AccessRecord.objects.values_list("destination", "service"))
    assert kinds["chat.zalo.me"] == "chat" and kinds["mail.google.com"] == "email"
    assert kinds["lienquan.garena.vn"] == "game" and kinds["www.fshare.vn"] == "file_transfer"
    assert kinds["vnexpress.net"] == "other"  # a name alone tells no port
    source = LogSource.objects.get()
    queries_from_free_station = sum(1 for x in lines if "query[" in x and x.endswith(FREE))
    assert (source.lines, source.unparsed) == (2000, 0)
    assert source.unattributed == queries_from_free_station


def test_the_records_go_to_the_provider_in_few_events(cafe_at_work, tmp_path, settings):
    settings.NETPOINT_ACCESSLOG = {"entries_per_event": 5}
    path = tmp_path / "dnsmasq.log"
    lines = log_lines(2000)
    written(path, lines)
    Tailer(str(path), "dnsmasq").run_until_idle()
    events = [e.envelope for e in OutboxEvent.objects.filter(kind="access.batch")]
    assert all(problems(e) == [] for e in events)
    assert all(len(e["data"]["entries"]) <= 5 for e in events)
    sent = Counter()
    for event in events:
        for session, _minute, _service, destination, _port, count in event["data"]["entries"]:
            assert session == cafe_at_work.pk
            sent[destination] += count
    assert sent == expected(lines)


def test_rotation_by_rename_loses_and_repeats_nothing(cafe_at_work, tmp_path):
    path = tmp_path / "dnsmasq.log"
    first, late, after = log_lines(300), log_lines(100, 1, seed=2), log_lines(300, 2, seed=3)
    written(path, first)
    tailer = Tailer(str(path), "dnsmasq")
    tailer.run_until_idle()
    written(path, late)  # written after the last read, before the rotation
    path.rename(tmp_path / "dnsmasq.log.1")
    written(path, after)
    tailer.run_until_idle()
    assert stored() == expected(first + late + after)


def test_a_restart_after_rotation_reads_the_rest_of_the_renamed_file(cafe_at_work, tmp_path):
    path = tmp_path / "dnsmasq.log"
    first, late, after = log_lines(300), log_lines(100, 1, seed=2), log_lines(300, 2, seed=3)
    written(path, first)
    Tailer(str(path), "dnsmasq").run_until_idle()
    written(path, late)
    path.rename(tmp_path / "dnsmasq.log.1")
    written(path, after)
    Tailer(str(path), "dnsmasq").run_until_idle()  # a new process
    assert stored() == expected(first + late + after)


def test_rotation_by_copytruncate_reads_the_copy_then_the_new_start(cafe_at_work, tmp_path):
    path = tmp_path / "dnsmasq.log"
    first, late, after = log_lines(300), log_lines(100, 1, seed=2), log_lines(500, 2, seed=3)
    written(path, first)
    tailer = Tailer(str(path), "dnsmasq")
    tailer.run_until_idle()
    written(path, late)
    shutil.copyfile(path, tmp_path / "dnsmasq.log.1")
    with open(path, "r+") as file:
        file.truncate(0)
    written(path, after)  # already longer than what was read before the truncation
    tailer.run_until_idle()
    assert stored() == expected(first + late + after)


def test_a_restart_mid_file_continues_after_the_last_stored_line(cafe_at_work, tmp_path, settings):
    settings.NETPOINT_ACCESSLOG = {"chunk_bytes": 4096}
    path = tmp_path / "dnsmasq.log"
    lines = log_lines(2000)
    written(path, lines)
    assert Tailer(str(path), "dnsmasq").poll() > 0  # one chunk, then the process stops
    assert 0 < LogSource.objects.get().offset < path.stat().st_size
    Tailer(str(path), "dnsmasq").run_until_idle()
    assert stored() == expected(lines)
    assert LogSource.objects.get().lines == 2000


def test_a_crash_while_storing_stores_nothing_of_that_chunk(
    cafe_at_work, tmp_path, settings, monkeypatch
):
    settings.NETPOINT_ACCESSLOG = {"chunk_bytes": 4096}
    path = tmp_path / "dnsmasq.log"
    lines = log_lines(2000)
    written(path, lines)
    tailer = Tailer(str(path), "dnsmasq")
    tailer.poll()
    real_emit = outbox.emit

    def crash(kind, data):
        raise OSError("disk full")

    monkeypatch.setattr(outbox, "emit", crash)
    with pytest.raises(OSError):
        tailer.poll()
    monkeypatch.setattr(outbox, "emit", real_emit)
    Tailer(str(path), "dnsmasq").run_until_idle()
    assert stored() == expected(lines)


def test_a_line_still_being_written_waits_for_its_end(cafe_at_work, tmp_path):
    path = tmp_path / "dnsmasq.log"
    line = log_lines(2)[1]
    path.write_text(line[:20])
    tailer = Tailer(str(path), "dnsmasq")
    assert tailer.poll() == 0
    with open(path, "a") as file:
        file.write(line[20:] + "\n")
    assert tailer.poll() == len(line) + 1
    assert stored() == expected([line])


def test_garbage_lines_are_counted_and_sampled_never_a_crash(cafe_at_work, tmp_path):
    path = tmp_path / "dnsmasq.log"
    lines = log_lines(200)
    mixed = [x for pair in zip(lines, generate.GARBAGE * 40, strict=False) for x in pair]
    written(path, mixed)
    with open(path, "ab") as file:
        file.write(b"\xff\xfe not utf-8 at all\n")
    Tailer(str(path), "dnsmasq").run_until_idle()
    assert stored() == expected(lines)
    source = LogSource.objects.get()
    garbage = [g for g in (generate.GARBAGE * 40)[: len(lines)] if g.strip()]
    assert source.unparsed == len(garbage) + 1
    assert 0 < len(source.sample) <= 20
    assert "just some words" in source.sample


def test_squid_log_is_read_too(cafe_at_work, tmp_path):
    path = tmp_path / "access.log"
    start = services.clock.now() - timedelta(minutes=30)
    lines = list(generate.lines("squid", [IN_SESSION, FREE], start, 500))
    written(path, lines)
    Tailer(str(path), "squid").run_until_idle()
    expected_hosts = Counter(
        x.split()[6].split("://")[-1].split("/")[0].removesuffix(":443")
        for x in lines
        if x.split()[2] == IN_SESSION
    )
    assert stored() == expected_hosts
    assert set(AccessRecord.objects.values_list("service", flat=True)) >= {"web", "chat"}


def test_entries_outside_any_session_are_no_session_records(cafe_at_work, tmp_path):
    path = tmp_path / "dnsmasq.log"
    before = services.clock.now() - timedelta(hours=2)  # before the session began
    lines = list(generate.lines("dnsmasq", [IN_SESSION], before, 100))
    written(path, lines)
    Tailer(str(path), "dnsmasq").run_until_idle()
    assert AccessRecord.objects.count() == 0
    queries = sum(1 for x in lines if "query[" in x)
    assert LogSource.objects.get().unattributed == queries
    assert UnattributedAccess.objects.aggregate(n=Sum("count"))["n"] == queries


def test_the_point_forgets_records_past_retention(cafe_at_work, tmp_path, clock):
    path = tmp_path / "dnsmasq.log"
    written(path, log_lines(100))
    Tailer(str(path), "dnsmasq").run_until_idle()
    assert services.prune() == 0
    clock.advance(timedelta(days=30, hours=1))
    assert services.prune() > 0 and AccessRecord.objects.count() == 0


def test_the_admin_shows_each_source_with_its_unreadable_lines(
    cafe_at_work, tmp_path, admin_client
):
    path = tmp_path / "dnsmasq.log"
    written(path, log_lines(10) + ["just some words"])
    Tailer(str(path), "dnsmasq").run_until_idle()
    page = admin_client.get(f"/admin/accesslog/logsource/{LogSource.objects.get().pk}/change/")
    assert page.status_code == 200
    assert "just some words" in page.content.decode()


def test_the_tail_command_reads_each_named_file(cafe_at_work, tmp_path):
    dnsmasq, squid = tmp_path / "dnsmasq.log", tmp_path / "access.log"
    lines = log_lines(100)
    written(dnsmasq, lines)
    start = services.clock.now() - timedelta(minutes=30)
    written(squid, generate.lines("squid", [IN_SESSION], start, 10))
    out = StringIO()
    call_command(
        "accesslog_tail", "--dnsmasq", str(dnsmasq), "--squid", str(squid), "--once", stdout=out
    )
    assert "bytes read" in out.getvalue()
    assert set(LogSource.objects.values_list("kind", "lines")) == {("dnsmasq", 100), ("squid", 10)}
    assert stored()["vnexpress.net"] >= expected(lines)["vnexpress.net"]


def test_junk_longer_than_a_chunk_without_newlines_does_not_stop_the_reading(
    cafe_at_work, tmp_path, settings
):
    settings.NETPOINT_ACCESSLOG = {"chunk_bytes": 4096}
    path = tmp_path / "dnsmasq.log"
    path.write_bytes(b"\x00" * 10_000 + b"\n")
    lines = log_lines(50)
    written(path, lines)
    Tailer(str(path), "dnsmasq").run_until_idle()
    assert stored() == expected(lines)
    assert LogSource.objects.get().unparsed == 3


def test_a_line_goes_to_the_station_that_had_the_address_at_that_moment(
    cafe_at_work, cafe, clock, make_customer, tmp_path
):
    """M01 had .21 until 11:00; then DHCP gave .21 to M02 (heard from its heartbeats), where
    someone else sits. A late line from 10:59 still belongs to M01's session."""
    from netpoint.point.stations import services as stations

    path = tmp_path / "dnsmasq.log"
    before = clock.now() - timedelta(seconds=1)
    written(path, [generate.dnsmasq_line(before, IN_SESSION, "zalo.me")])
    tailer = Tailer(str(path), "dnsmasq")
    tailer.run_until_idle()
    stations.heartbeat(cafe["m1"], "0.1", [], "192.168.1.99")
    stations.heartbeat(cafe["m2"], "0.1", [], IN_SESSION)
    assert stations.record_heartbeats() == 2
    other = sessions.check_in(station=cafe["m2"], customer=make_customer(), kind="walk_in")
    clock.advance(timedelta(minutes=5))
    written(
        path,
        [
            generate.dnsmasq_line(before, IN_SESSION, "tiki.vn"),  # logged late
            generate.dnsmasq_line(clock.now(), IN_SESSION, "shopee.vn"),
        ],
    )
    tailer.run_until_idle()
    assert set(AccessRecord.objects.values_list("destination", "session")) == {
        ("zalo.me", cafe_at_work.pk),
        ("tiki.vn", cafe_at_work.pk),
        ("shopee.vn", other.pk),
    }
