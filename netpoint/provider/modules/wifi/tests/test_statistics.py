"""Public Wi-Fi statistics: points by area, venue and contract; sessions and devices per point."""

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth.models import Group

from netpoint.provider.modules.wifi import services, stats
from netpoint.provider.modules.wifi.models import RadAcct
from netpoint.provider.registry.models import Point

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]

SECRET = "bi-mat-dung-chung-thu-nghiem"
PAGE = "/wifi/thong-ke/"
API = "/api/v1/wifi/statistics"
# Local (UTC+7) days 1 to 10 March 2026.
FIRST, LAST = date(2026, 3, 1), date(2026, 3, 10)
PERIOD = {"date_from": "2026-03-01", "date_to": "2026-03-10"}


def generated_mac(rng: random.Random) -> str:
    # Locally administered addresses (second bit of the first octet): no real device's.
    first = rng.randrange(0, 256) & 0b11111100 | 0b10
    return "-".join(f"{b:02X}" for b in [first, *(rng.randrange(256) for _ in range(5))])


@pytest.fixture
def network(provider_point):
    """Wi-Fi points in two provinces, a game point and a closed Wi-Fi point (neither counted);
    generated sessions inside and outside the period, with the expected figures worked out
    here from the same data."""
    rng = random.Random(8)
    specs = [
        ("WF-HN-1", 1, Point.Venue.CAFE, Point.Contract.HOUSEHOLD),
        ("WF-HN-2", 1, Point.Venue.CAFE, Point.Contract.ORGANISATION),
        ("WF-HN-3", 1, Point.Venue.HOTEL, Point.Contract.ORGANISATION),
        ("WF-HCM-1", 79, Point.Venue.AIRPORT, Point.Contract.ORGANISATION),
    ]
    points, expected = {}, {}
    for n, (code, province, venue, contract) in enumerate(specs):
        point = provider_point(
            code,
            point_type=Point.Type.WIFI,
            province_code=province,
            ward_code=4 if province == 1 else 26882,
            venue_type=venue,
            contract_type=contract,
        )
        points[code] = point
        nas_ips = [f"10.{n}.0.1", f"10.{n}.0.2"] if code == "WF-HN-1" else [f"10.{n}.0.1"]
        for i, ip in enumerate(nas_ips):
            services.register_nas(point, f"NAS {code} {i}", ip, SECRET)
        devices = [generated_mac(rng) for _ in range(3 + n)]
        inside = outside = 0
        seen = set()
        for k in range(20 + 5 * n):
            device = rng.choice(devices)
            # From a day before the period to a day after it.
            start = datetime(2026, 2, 28, 0, tzinfo=UTC) + timedelta(minutes=rng.randrange(17280))
            RadAcct.objects.create(
                acctsessionid=f"S{k}",
                acctuniqueid=f"{code}-{k}",
                nasipaddress=rng.choice(nas_ips),
                acctstarttime=start,
                callingstationid=device,
            )
            local_day = (start + timedelta(hours=7)).date()
            if FIRST <= local_day <= LAST:
                inside += 1
                seen.add(device)
            else:
                outside += 1
        assert inside and outside, "the generated sessions must fall on both sides"
        expected[code] = {"sessions": inside, "devices": seen, "nas": len(nas_ips)}
    provider_point("GAME-1")
    provider_point("WF-CLOSED", point_type=Point.Type.WIFI, active=False)
    return points, expected


def selection(**fields):
    return stats.Selection(date_from=FIRST, date_to=LAST, **fields)


def test_points_are_counted_by_province_venue_and_contract(network):
    figures = stats.statistics(selection())
    assert figures.total == 4
    assert figures.by_province == [(1, "Thành phố Hà Nội", 3), (79, "Thành phố Hồ Chí Minh", 1)]
    venues = {value: n for value, _label, n in figures.by_venue}
    assert venues["cafe"] == 2 and venues["hotel"] == 1 and venues["airport"] == 1
    assert sum(venues.values()) == 4 and len(venues) == len(Point.Venue.choices)
    assert [(v, n) for v, _label, n in figures.by_contract] == [
        ("household", 1),
        ("organisation", 3),
    ]


def test_sessions_and_distinct_devices_per_point_over_the_period(network):
    _points, expected = network
    figures = stats.statistics(selection())
    got = {row.point.code: (row.nas_count, row.sessions, row.devices) for row in figures.usage}
    assert got == {
        code: (e["nas"], e["sessions"], len(e["devices"])) for code, e in expected.items()
    }
    assert figures.sessions == sum(e["sessions"] for e in expected.values())
    assert figures.devices == len(set().union(*(e["devices"] for e in expected.values())))


def test_the_period_runs_from_local_midnight_to_local_midnight(provider_point):
    point = provider_point("WF-1", point_type=Point.Type.WIFI)
    services.register_nas(point, "NAS", "10.9.0.1", SECRET)
    starts = [
        datetime(2026, 2, 28, 16, 59, 59, tzinfo=UTC),  # 23:59:59 on 28 Feb, local: out
        datetime(2026, 2, 28, 17, 0, tzinfo=UTC),  # 00:00 on 1 March, local: in
        datetime(2026, 3, 10, 16, 59, 59, tzinfo=UTC),  # 23:59:59 on 10 March: in
        datetime(2026, 3, 10, 17, 0, tzinfo=UTC),  # 00:00 on 11 March: out
        datetime(2026, 3, 10, 20, 0, tzinfo=UTC),  # 03:00 on 11 March: out
    ]
    for n, start in enumerate(starts):
        RadAcct.objects.create(
            acctsessionid=str(n),
            acctuniqueid=f"edge-{n}",
            nasipaddress="10.9.0.1",
            acctstarttime=start,
            callingstationid=f"02-00-00-00-00-0{n}",
        )
    (row,) = stats.statistics(selection()).usage
    assert (row.sessions, row.devices) == (2, 2)


def test_an_empty_period_counts_the_points_and_no_sessions(network):
    figures = stats.statistics(
        stats.Selection(date_from=date(2025, 1, 1), date_to=date(2025, 1, 31))
    )
    assert figures.total == 4
    assert [(r.sessions, r.devices) for r in figures.usage] == [(0, 0)] * 4
    assert (figures.sessions, figures.devices) == (0, 0)


def test_filters_narrow_the_points_and_their_sessions(network):
    _points, expected = network
    hanoi_cafes = stats.statistics(selection(province_code=1, venue_type="cafe"))
    assert [r.point.code for r in hanoi_cafes.usage] == ["WF-HN-1", "WF-HN-2"]
    assert hanoi_cafes.sessions == expected["WF-HN-1"]["sessions"] + expected["WF-HN-2"]["sessions"]
    organisations = stats.statistics(selection(contract_type="organisation"))
    assert {r.point.code for r in organisations.usage} == {"WF-HN-2", "WF-HN-3", "WF-HCM-1"}
    assert stats.statistics(selection(province_code=4)).total == 0


# --- The page and the API -------------------------------------------------------------------


@pytest.fixture
def operator(client, django_user_model):
    user = django_user_model.objects.create_user("vanhanh", password="mat-khau-dai-1")
    user.groups.add(Group.objects.get(name="provider_operator"))
    client.force_login(user)
    return user


def test_the_page_shows_the_figures_and_no_device_address(client, operator, network):
    _points, expected = network
    answer = client.get(PAGE, PERIOD)
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "Có 4 điểm Wi-Fi công cộng đang hoạt động." in html
    assert "WF-HCM-1" in html and "GAME-1" not in html and "WF-CLOSED" not in html
    for e in expected.values():
        for mac in e["devices"]:
            assert mac not in html


def test_the_page_without_a_period_shows_the_last_30_days(client, operator, network, clock):
    answer = client.get(PAGE)
    assert answer.status_code == 200
    form = answer.context["form"]
    assert form.cleaned_data["date_to"] == date(2026, 3, 10)
    assert form.cleaned_data["date_from"] == date(2026, 2, 9)


BAD_FILTERS = [
    ({"date_from": "2026-03-10", "date_to": "2026-03-01"}, "không được trước ngày bắt đầu"),
    ({"date_from": "2025-01-01", "date_to": "2026-03-01"}, "tối đa 366 ngày"),
    ({"date_from": "ngày mai", "date_to": "2026-03-01"}, "Ngày không hợp lệ"),
    ({"date_from": "2026-03-01"}, "Hãy nhập ngày"),
    (PERIOD | {"venue_type": "quan-bar"}, "Giá trị được chọn không hợp lệ"),
    (PERIOD | {"province_code": "999"}, "Giá trị được chọn không hợp lệ"),
    (PERIOD | {"province_code": "một"}, "Giá trị được chọn không hợp lệ"),
    (PERIOD | {"contract_type": "x" * 500}, "Giá trị được chọn không hợp lệ"),
]


@pytest.mark.parametrize(("query", "fragment"), BAD_FILTERS)
def test_bad_filters_are_refused_in_vietnamese(client, operator, query, fragment):
    answer = client.get(PAGE, query)
    assert answer.status_code == 422
    assert fragment in answer.content.decode()


def test_the_api_gives_the_same_figures(client, operator, network):
    _points, expected = network
    answer = client.get(API, PERIOD | {"province_code": "1"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["points"] == 3 and body["date_from"] == "2026-03-01"
    assert body["by_province"] == [
        {"province_code": 1, "province": "Thành phố Hà Nội", "points": 3}
    ]
    usage = {row["code"]: (row["sessions"], row["devices"]) for row in body["usage"]}
    assert usage == {
        code: (e["sessions"], len(e["devices"]))
        for code, e in expected.items()
        if code.startswith("WF-HN")
    }
    assert "callingstationid" not in answer.content.decode()


@pytest.mark.parametrize(("query", "fragment"), BAD_FILTERS)
def test_the_api_refuses_bad_filters_with_a_message(client, operator, query, fragment):
    answer = client.get(API, query)
    assert answer.status_code == 422
    assert fragment in answer.json()["message"]


def test_the_api_needs_the_permission(client, django_user_model):
    assert client.get(API, PERIOD).status_code == 401
    reporter = django_user_model.objects.create_user("baocao", password="mat-khau-dai-1")
    reporter.groups.add(Group.objects.get(name="compliance_officer"))
    client.force_login(reporter)
    answer = client.get(API, PERIOD)
    assert answer.status_code == 403 and answer.json()["message"]
    assert client.get(PAGE, PERIOD).status_code == 403


def test_a_session_without_a_device_address_counts_as_a_session_only(provider_point):
    point = provider_point("WF-1", point_type=Point.Type.WIFI)
    services.register_nas(point, "NAS", "10.9.0.1", SECRET)
    for n, mac in enumerate([None, None, "02-00-00-00-00-01"]):
        RadAcct.objects.create(
            acctsessionid=str(n),
            acctuniqueid=f"nomac-{n}",
            nasipaddress="10.9.0.1",
            acctstarttime=datetime(2026, 3, 5, tzinfo=UTC),
            callingstationid=mac,
        )
    RadAcct.objects.create(  # from an address no NAS of ours has
        acctsessionid="x",
        acctuniqueid="stranger",
        nasipaddress="10.99.0.1",
        acctstarttime=datetime(2026, 3, 5, tzinfo=UTC),
        callingstationid="02-00-00-00-00-02",
    )
    figures = stats.statistics(selection())
    (row,) = figures.usage
    assert (row.sessions, row.devices) == (3, 1)
    assert (figures.sessions, figures.devices) == (3, 1)
