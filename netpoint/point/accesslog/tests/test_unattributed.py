"""Lines from an address no session held are evidence: stored per address and minute with the
station whose address it is and no person, sent to the provider, and shown on the grid."""

from datetime import timedelta

import pytest
from django.db.models import Sum
from django.urls import reverse

from netpoint.common.events.schema import problems
from netpoint.point.accesslog import generate, services
from netpoint.point.accesslog.models import AccessRecord, LogSource, UnattributedAccess
from netpoint.point.accesslog.tailer import Tailer
from netpoint.point.outbox.models import OutboxEvent
from netpoint.point.sessions import services as sessions

pytestmark = pytest.mark.django_db
IN_SESSION, FREE, UNKNOWN = "192.168.1.21", "192.168.1.22", "192.168.1.77"


@pytest.fixture
def cafe_at_work(clock, cafe, make_customer):
    """M01 (.21) in a session since 10:00; M02 (.22) free; .77 is no station at all."""
    cafe["m1"].ip, cafe["m2"].ip = IN_SESSION, FREE
    cafe["m1"].save()
    cafe["m2"].save()
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    clock.advance(timedelta(minutes=30))
    return session


def read(tmp_path, lines):
    path = tmp_path / "dnsmasq.log"
    with open(path, "a", encoding="utf-8") as file:
        file.writelines(line + "\n" for line in lines)
    Tailer(str(path), "dnsmasq").run_until_idle()


def test_a_free_stations_lines_are_stored_with_its_station_and_no_person(
    cafe_at_work, cafe, clock, tmp_path
):
    at = clock.now() - timedelta(minutes=5)
    read(
        tmp_path,
        [generate.dnsmasq_line(at + timedelta(seconds=n), FREE, "chat.zalo.me") for n in range(7)],
    )
    [row] = UnattributedAccess.objects.all()
    assert (row.address, row.station, row.destination, row.count) == (
        FREE,
        cafe["m2"],
        "chat.zalo.me",
        7,
    )
    assert row.service == "chat" and row.minute == at.replace(second=0, microsecond=0)
    fields = {f.name for f in UnattributedAccess._meta.get_fields()}
    assert not fields & {"session", "customer", "person"}
    assert AccessRecord.objects.count() == 0


def test_an_unknown_address_is_stored_without_a_station(cafe_at_work, clock, tmp_path):
    read(tmp_path, [generate.dnsmasq_line(clock.now(), UNKNOWN, "vnexpress.net")])
    [row] = UnattributedAccess.objects.all()
    assert (row.address, row.station, row.count) == (UNKNOWN, None, 1)


def test_a_sessions_lines_still_go_to_its_access_records(cafe_at_work, clock, tmp_path):
    at = clock.now() - timedelta(minutes=1)
    read(tmp_path, [generate.dnsmasq_line(at, IN_SESSION, "mail.google.com")] * 3)
    assert UnattributedAccess.objects.count() == 0
    [row] = AccessRecord.objects.all()
    assert (row.session, row.destination, row.count) == (cafe_at_work, "mail.google.com", 3)


def test_lines_read_in_two_goes_add_up_in_one_row(cafe_at_work, clock, tmp_path):
    at = clock.now().replace(second=0) - timedelta(minutes=2)
    read(tmp_path, [generate.dnsmasq_line(at, FREE, "tiki.vn")] * 2)
    read(tmp_path, [generate.dnsmasq_line(at + timedelta(seconds=30), FREE, "tiki.vn")] * 3)
    assert list(UnattributedAccess.objects.values_list("count", flat=True)) == [5]


def test_bad_and_odd_lines_are_counted_as_before_and_stored_nowhere(cafe_at_work, clock, tmp_path):
    at = clock.now()
    read(
        tmp_path,
        [
            "just some words",
            generate.dnsmasq_reply(at, "zalo.me"),  # a reply: no access
            generate.dnsmasq_line(at, FREE, "1.1.168.192.in-addr.arpa", qtype="PTR"),
            "",
        ],
    )
    source = LogSource.objects.get()
    assert (source.lines, source.unparsed, source.unattributed) == (3, 1, 0)
    assert UnattributedAccess.objects.count() == 0 and AccessRecord.objects.count() == 0


def test_the_provider_is_sent_each_address_with_its_station_name(
    cafe_at_work, clock, tmp_path, settings
):
    settings.NETPOINT_ACCESSLOG = {"entries_per_event": 2}
    at = clock.now() - timedelta(minutes=3)
    lines = list(generate.lines("dnsmasq", [FREE, UNKNOWN, IN_SESSION], at, 300))
    read(tmp_path, lines)
    events = [e.envelope for e in OutboxEvent.objects.filter(kind="access.unattributed")]
    assert events and all(problems(e) == [] for e in events)
    assert all(len(e["data"]["entries"]) <= 2 for e in events)
    sent = {}
    for event in events:
        for address, station, _minute, _service, _dest, _port, count in event["data"]["entries"]:
            sent[(address, station)] = sent.get((address, station), 0) + count
    stored = UnattributedAccess.objects.values("address").annotate(n=Sum("count"))
    assert sent == {
        (FREE, "M02"): next(r["n"] for r in stored if r["address"] == FREE),
        (UNKNOWN, None): next(r["n"] for r in stored if r["address"] == UNKNOWN),
    }


def test_the_point_forgets_no_session_lines_past_retention(cafe_at_work, clock, tmp_path):
    read(tmp_path, [generate.dnsmasq_line(clock.now(), FREE, "tiki.vn")])
    assert services.prune() == 0
    clock.advance(timedelta(days=30, hours=1))
    assert services.prune() == 1 and UnattributedAccess.objects.count() == 0


def test_the_grid_raises_the_alarm_for_traffic_without_a_session(
    cafe_at_work, clock, tmp_path, client, cashier
):
    at = clock.now() - timedelta(minutes=2)
    read(
        tmp_path,
        [generate.dnsmasq_line(at, FREE, "zalo.me"), generate.dnsmasq_line(at, UNKNOWN, "x.vn")],
    )
    client.force_login(cashier)
    page = client.get(reverse("station-grid-fragment")).content.decode()
    assert "Có truy cập Internet khi không có phiên" in page
    assert "M02" in page and FREE in page and UNKNOWN in page
    assert at.astimezone(services.zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%H:%M") in page


def test_the_alarm_goes_once_the_traffic_is_older_than_the_alarm_window(
    cafe_at_work, clock, tmp_path, client, cashier
):
    read(tmp_path, [generate.dnsmasq_line(clock.now(), FREE, "zalo.me")])
    clock.advance(timedelta(minutes=11))
    client.force_login(cashier)
    page = client.get(reverse("station-grid-fragment")).content.decode()
    assert "Có truy cập Internet khi không có phiên" not in page


def test_a_station_that_has_a_session_now_raises_no_alarm(
    cafe_at_work, cafe, clock, tmp_path, client, cashier, make_customer
):
    read(tmp_path, [generate.dnsmasq_line(clock.now(), FREE, "zalo.me")])  # just before check-in
    sessions.check_in(station=cafe["m2"], customer=make_customer(), kind="walk_in")
    client.force_login(cashier)
    page = client.get(reverse("station-grid-fragment")).content.decode()
    assert "Có truy cập Internet khi không có phiên" not in page


def test_the_admin_lists_the_evidence_and_cannot_change_it(
    cafe_at_work, clock, tmp_path, admin_client
):
    read(tmp_path, [generate.dnsmasq_line(clock.now(), UNKNOWN, "vnexpress.net")])
    page = admin_client.get("/admin/accesslog/unattributedaccess/").content.decode()
    assert UNKNOWN in page and "vnexpress.net" in page
    row = UnattributedAccess.objects.get()
    answer = admin_client.post(f"/admin/accesslog/unattributedaccess/{row.pk}/change/", {})
    assert answer.status_code == 403
