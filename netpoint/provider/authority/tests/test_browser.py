"""In Chromium: an authority user registers a written request, an approving officer approves
it, the authority searches a person and exports, and the auditor sees every step."""

import random
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group

from netpoint.common.identity.fake import fake_person
from netpoint.conftest import ARTIFACTS
from netpoint.provider.authority.models import Member, Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-rat-dai-1"


def user(django_user_model, name: str, role: str):
    account = django_user_model.objects.create_user(name, password=PASSWORD)
    account.groups.add(Group.objects.get(name=role))
    return account


def log_in(page, base: str, name: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("#id_username", name)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def test_request_approval_search_export_and_audit(
    live_server, page, settings, django_user_model, provider_point, seen_at_point
):
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    now = datetime.now(UTC).replace(microsecond=0)
    point = provider_point("HN-0001")
    somebody = fake_person(random.Random(21))
    seen_at_point(somebody, point, "M07", now - timedelta(days=2))
    police = Organisation.objects.create(name="Công an TP Hà Nội", kind="police", province_code=1)
    Member.objects.create(
        user=user(django_user_model, "dieutra", "authority_user"), organisation=police
    )
    user(django_user_model, "pheduyet", "approving_officer")
    user(django_user_model, "kiemtoan", "auditor")
    base = live_server.url

    log_in(page, base, "dieutra")
    page.goto(f"{base}/van-ban/moi/")
    page.fill("#id_document_number", "123/CAHN-PA05")
    page.fill("#id_document_date", now.strftime("%Y-%m-%d"))
    page.fill("#id_issuing_body", "Công an TP Hà Nội")
    page.fill("#id_signer", "Đại tá Người Ký Thử")
    page.fill("#id_subject", "Đề nghị cung cấp thông tin người sử dụng dịch vụ")
    page.fill("#id_legal_basis", "Nghị định 147/2024/NĐ-CP")
    page.fill("#id_id_numbers", somebody.cccd)
    vietnam = ZoneInfo("Asia/Ho_Chi_Minh")  # what the form's naive times mean

    def local(moment):
        return moment.astimezone(vietnam).strftime("%Y-%m-%dT%H:%M")

    page.fill("#id_time_from", local(now - timedelta(days=10)))
    page.fill("#id_time_to", local(now))
    page.fill("#id_valid_until", local(now + timedelta(days=7)))
    page.click("button:text('Đăng ký')")
    page.wait_for_selector("text=Đã đăng ký văn bản; chờ phê duyệt.")
    request_url = page.url

    log_in(page, base, "pheduyet")
    page.goto(request_url)
    page.check("input[name=approve][value='1']")
    page.click("button:text('Tiếp tục')")
    page.click("button:text('Xác nhận phê duyệt')")
    page.wait_for_selector("#status:text('Đã phê duyệt')")

    log_in(page, base, "dieutra")
    page.goto(request_url)
    page.select_option("#id_kind", "id_number")
    page.fill("#id_value", somebody.cccd)
    page.click("button:text-is('Tìm')")
    page.wait_for_selector("#results")
    assert somebody.full_name in page.text_content("#results")
    results = page.text_content("#results")
    # The session as a person reads it: point/station, when it began (Vietnam time) and ended.
    assert re.search(r"HN-0001/M07 \d\d:\d\d \d\d/\d\d/\d{4}–\d\d:\d\d", results), results
    assert somebody.date_of_birth.strftime("%d/%m/%Y") in results
    assert somebody.cccd not in page.url
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "authority-search.png"), full_page=True)
    with page.expect_download() as download:
        page.click("button:text('Xuất Excel')")
    assert download.value.suggested_filename.endswith(".xlsx")

    log_in(page, base, "kiemtoan")
    page.goto(f"{base}/kiem-toan/")
    log = page.text_content("table")
    for action in (
        "Đăng ký văn bản yêu cầu",
        "Phê duyệt văn bản yêu cầu",
        "Tìm thông tin theo văn bản",
        "Xuất dữ liệu theo văn bản",
        "Đăng nhập",
    ):
        assert action in log, action
    assert somebody.cccd not in log
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "audit-log.png"), full_page=True)


def test_the_authority_prints_an_export_marked_secret_with_its_access_records(
    live_server, page, settings, django_user_model, provider_point, seen_at_point
):
    from netpoint.provider.accessrecords.models import AccessRecord
    from netpoint.provider.authority import services
    from netpoint.provider.authority.tests.conftest import letter

    settings.ROOT_URLCONF = "netpoint.provider.urls"
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    point = provider_point("HN-0001")
    somebody = fake_person(random.Random(21))
    started = now - timedelta(days=2)
    seen_at_point(somebody, point, "M07", started)
    for minutes, destination in ((3, "vnexpress.net"), (9, "zalo.me"), (14, "dichvucong.gov.vn")):
        AccessRecord.objects.create(
            point=point,
            session=1,
            minute=started + timedelta(minutes=minutes),
            service="web",
            destination=destination,
            port=443,
            count=minutes,
        )
    police = Organisation.objects.create(name="Công an TP Hà Nội", kind="police", province_code=1)
    investigator = user(django_user_model, "dieutra", "authority_user")
    Member.objects.create(user=investigator, organisation=police)
    officer = user(django_user_model, "pheduyet", "approving_officer")
    scope = letter("123/CAHN-PA05", id_numbers=[("cccd", somebody.cccd)])
    scope |= {"time_from": now - timedelta(days=10), "time_to": now}
    scope |= {"valid_until": now + timedelta(days=7), "document_date": now.date()}
    written = services.decide(services.register(police, investigator, scope), officer, approve=True)

    log_in(page, live_server.url, "dieutra")
    page.goto(f"{live_server.url}/van-ban/{written.pk}/")
    page.select_option("#id_kind", "id_number")
    page.fill("#id_value", somebody.cccd)
    page.click("button:text('Bản in')")
    page.wait_for_selector("#export-access")
    assert page.text_content("#secret") == "MẬT"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page.text_content(".heading")
    assert "Người xuất: dieutra" in page.text_content("#facts")
    assert somebody.cccd in page.text_content("#export-sessions")
    assert "dichvucong.gov.vn:443" in page.text_content("#export-access")
    words = page.locator(".head-words")
    assert words.is_visible()
    assert "(giờ Việt Nam), được ký bằng khóa" in words.text_content()
    assert page.locator(".head").text_content().startswith("Mã kiểm chứng: {")
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1180, "height": 860})
    page.screenshot(path=str(ARTIFACTS / "authority-export.png"), full_page=True)
