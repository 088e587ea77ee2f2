"""A Sở member sees their province's points only, as counts; another province's point is
a 404 in the pages and at the API."""

import re
from datetime import timedelta

import pytest

from netpoint.provider.monitoring.models import Violation

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]


@pytest.fixture
def two_provinces(clock, provider_point, customer, session, heartbeat):
    hanoi = provider_point("HN-0001", name="Quán Net Ba Đình")
    hanoi_quiet = provider_point("HN-0002", name="Quán Net Bạch Mai", ward_code=277)
    saigon = provider_point("HCM-0001", name="Quán Net An Hội", province_code=79, ward_code=26882)
    now = clock.now()
    heartbeat(hanoi, now - timedelta(minutes=2), in_use=5, total=20)
    heartbeat(hanoi_quiet, now - timedelta(hours=3), in_use=0, total=8)
    heartbeat(saigon, now - timedelta(minutes=1), in_use=9, total=30)
    somebody = customer(hanoi, 1, now - timedelta(days=2))
    session(hanoi, somebody, 1, now - timedelta(hours=2), minutes=30)
    session(hanoi, somebody, 2, now - timedelta(hours=1))
    session(hanoi, somebody, 3, now - timedelta(days=1), minutes=30)  # yesterday
    other = customer(saigon, 1, now - timedelta(days=2))
    session(saigon, other, 1, now - timedelta(hours=1))
    return {"hanoi": hanoi, "quiet": hanoi_quiet, "saigon": saigon, "person": somebody}


def test_the_department_lists_only_its_province_with_counts(client, department, two_provinces):
    client.force_login(department())
    page = client.get("/giam-sat/diem/").content.decode()
    assert "HN-0001" in page and "HN-0002" in page
    assert "HCM-0001" not in page
    # Counts, never a person.
    assert two_provinces["person"].full_name not in page


def test_the_list_filters_by_connection_and_ward(client, department, two_provinces):
    client.force_login(department())
    online = client.get("/giam-sat/diem/?status=online").content.decode()
    assert "HN-0001" in online and "HN-0002" not in online
    offline = client.get("/giam-sat/diem/?status=offline").content.decode()
    assert "HN-0002" in offline and "HN-0001" not in offline
    ward = client.get("/giam-sat/diem/?ward=277").content.decode()
    assert "HN-0002" in ward and "HN-0001" not in ward


def test_another_provinces_point_is_not_found(client, department, two_provinces):
    client.force_login(department())
    assert client.get(f"/giam-sat/diem/{two_provinces['hanoi'].pk}/").status_code == 200
    assert client.get(f"/giam-sat/diem/{two_provinces['saigon'].pk}/").status_code == 404
    elsewhere = Violation.objects.create(
        point=two_provinces["saigon"],
        kind="licence_expiring",
        key="x",
        occurred_at=two_provinces["saigon"].created_at,
        found_at=two_provinces["saigon"].created_at,
    )
    assert client.get(f"/giam-sat/vi-pham/{elsewhere.pk}/").status_code == 404
    answer = client.post(f"/giam-sat/vi-pham/{elsewhere.pk}/trang-thai/", {"state": "resolved"})
    assert answer.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.state == "open"


def test_the_api_gives_the_same_scope(client, department, two_provinces):
    client.force_login(department())
    listed = client.get("/api/v1/monitoring/points").json()
    assert [p["code"] for p in listed] == ["HN-0001", "HN-0002"]
    first = client.get("/api/v1/monitoring/points/HN-0001").json()
    assert first["online"] is True and first["stations_in_use"] == 5
    assert first["sessions_today"] == 2 and first["customers_today"] == 1
    missing = client.get("/api/v1/monitoring/points/HCM-0001")
    assert missing.status_code == 404 and missing.json()["message"]
    assert client.get("/api/v1/monitoring/points?status=sideways").status_code == 422


def test_the_api_refuses_strangers(client, django_user_model, two_provinces):
    assert client.get("/api/v1/monitoring/points").status_code == 401
    client.force_login(django_user_model.objects.create_user("khach", password="x" * 14))
    answer = client.get("/api/v1/monitoring/points/HN-0001")
    assert answer.status_code == 403 and answer.json()["message"]


def test_a_police_member_is_not_a_department(client, police, two_provinces):
    client.force_login(police)
    assert client.get("/giam-sat/").status_code == 403


def test_the_dashboard_sums_by_ward_and_draws_its_charts(client, department, two_provinces):
    client.force_login(department())
    page = client.get("/giam-sat/").content.decode()
    assert "Thành phố Hà Nội" in page
    assert "Phường Ba Đình" in page and "Phường Bạch Mai" in page
    assert "An Hội" not in page
    assert page.count("<svg") == 4
    # The one script is htmx, served from this server (no CDN): the charts are drawn here.
    assert re.findall(r"<script[^>]*>", page) == [
        '<script src="/static/monitoring/htmx-2.0.11.min.js">'
    ]


def test_provider_staff_see_every_province(client, staff, two_provinces):
    client.force_login(staff("vanhanh", "provider_operator"))
    page = client.get("/giam-sat/diem/").content.decode()
    assert "HN-0001" in page and "HCM-0001" in page


def test_the_department_acknowledges_then_resolves(client, department, two_provinces):
    client.force_login(department())
    violation = Violation.objects.create(
        point=two_provinces["hanoi"],
        kind="silent",
        key="k",
        occurred_at=two_provinces["hanoi"].created_at,
        found_at=two_provinces["hanoi"].created_at,
        evidence={"stations_in_use": 4, "silent_minutes": 20},
    )
    url = f"/giam-sat/vi-pham/{violation.pk}/"
    assert "Số phút mất liên lạc" in client.get(url).content.decode()
    assert client.post(url + "trang-thai/", {"state": "acknowledged"}).status_code == 302
    refused = client.post(url + "trang-thai/", {"state": "resolved", "note": ""})
    assert refused.status_code == 422 and "Hãy ghi cách" in refused.content.decode()
    assert client.post(url + "trang-thai/", {"state": "bogus"}).status_code == 422
    done = client.post(url + "trang-thai/", {"state": "resolved", "note": "Đã nhắc chủ điểm"})
    assert done.status_code == 302
    violation.refresh_from_db()
    assert violation.state == "resolved" and violation.note == "Đã nhắc chủ điểm"


def test_the_violation_list_shows_the_provinces_own(client, department, two_provinces):
    for name, key in (("hanoi", "h"), ("saigon", "s")):
        point = two_provinces[name]
        Violation.objects.create(
            point=point,
            kind="silent",
            key=key,
            occurred_at=point.created_at,
            found_at=point.created_at,
        )
    client.force_login(department())
    page = client.get("/giam-sat/vi-pham/").content.decode()
    assert "HN-0001" in page and "HCM-0001" not in page
    assert "Điểm mất liên lạc khi đang có máy sử dụng" in page
    resolved = client.get("/giam-sat/vi-pham/?state=resolved").content.decode()
    assert "HN-0001" not in resolved


def test_the_dashboard_speaks_english_too(client, department, two_provinces):
    client.force_login(department())
    client.cookies["django_language"] = "en"
    page = client.get("/giam-sat/").content.decode()
    assert "Points online over the last 24 hours" in page and "By ward" in page
    assert "Open violations by kind" in page


def test_a_province_without_points_yet_shows_empty_pages(client, department):
    client.force_login(department())
    for page in ("/giam-sat/", "/giam-sat/diem/", "/api/v1/monitoring/points"):
        assert client.get(page).status_code == 200, page


def test_the_evidence_names_the_sessions_number_and_starts_before_it_ends(
    client, department, two_provinces
):
    point = two_provinces["hanoi"]
    violation = Violation.objects.create(
        point=point,
        kind="after_hours",
        key="e",
        occurred_at=point.created_at,
        found_at=point.created_at,
        evidence={
            "ended_at": "22:40 09/03/2026",
            "started_at": "21:30 09/03/2026",
            "session": 7,
            "station": "M01",
        },
    )
    client.force_login(department())
    page = client.get(f"/giam-sat/vi-pham/{violation.pk}/").content.decode()
    assert "Phiên số 7 tại điểm" in page and "Số phiên" not in page
    assert page.index("Bắt đầu") < page.index("21:30") < page.index("Kết thúc")
    assert page.index("21:30 09/03/2026") < page.index("22:40 09/03/2026")


def test_the_dashboard_says_when_its_figures_were_read(client, department, two_provinces):
    client.force_login(department())
    page = client.get("/giam-sat/").content.decode()
    assert "Cập nhật lúc" in page and ">10:00:00</time>" in page  # 03:00 UTC, in Hanoi


def test_the_dashboard_asks_for_its_figures_again_without_a_reload(
    client, department, two_provinces
):
    client.force_login(department())
    page = client.get("/giam-sat/").content.decode()
    assert 'hx-get="/giam-sat/so-lieu/" hx-trigger="every 30s"' in page


def test_the_figures_alone_come_newly_read(client, clock, department, two_provinces, heartbeat):
    client.force_login(department())
    clock.advance(timedelta(seconds=75))
    heartbeat(two_provinces["quiet"], clock.now(), in_use=6, total=8)
    answer = client.get("/giam-sat/so-lieu/")
    fragment = answer.content.decode()
    assert answer.status_code == 200 and "<html" not in fragment
    assert ">10:01:15</time>" in fragment
    assert '<strong id="total-in-use">11</strong>' in fragment  # 5 + 6, not Saigon's 9
    assert '<strong id="total-online">2</strong>' in fragment


def test_the_figures_after_the_session_ended_send_the_browser_to_log_in(client, two_provinces):
    answer = client.get("/giam-sat/so-lieu/", HTTP_HX_REQUEST="true")
    assert answer.status_code == 401
    assert answer["HX-Redirect"] == "/login/?next=/giam-sat/"


def test_the_figures_are_refused_to_a_stranger(client, django_user_model, two_provinces):
    client.force_login(django_user_model.objects.create_user("khach", password="x" * 14))
    assert client.get("/giam-sat/so-lieu/").status_code == 403
