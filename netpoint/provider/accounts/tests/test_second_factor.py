"""The optional second factor: an authenticator app's six-digit codes (RFC 6238)."""

import re
from datetime import timedelta

import pyotp
import pytest

from netpoint.common.audit.models import AuditEntry
from netpoint.common.core import clock as clock_module
from netpoint.provider.accounts.models import TotpDevice

pytestmark = [pytest.mark.urls("netpoint.provider.urls"), pytest.mark.django_db]
PASSWORD = "mat-khau-can-bo-dai-1"
PAGE = "/tai-khoan/xac-thuc-hai-buoc/"


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user("canbo", password=PASSWORD)


def code_now(secret: str, steps: int = 0) -> str:
    totp = pyotp.TOTP(secret)
    return totp.generate_otp(int(clock_module.now().timestamp()) // 30 + steps)


@pytest.fixture
def secret(client, officer, clock):
    """The officer has turned the second factor on; returns the app's secret."""
    client.force_login(officer)
    page = client.post(PAGE, {"action": "start"}).content.decode()
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)
    assert client.post(PAGE, {"action": "confirm", "code": code_now(secret)}).status_code == 302
    client.logout()
    clock.advance(timedelta(seconds=30))
    return secret


def log_in_with_password(client, next_url=""):
    form = {"username": "canbo", "password": PASSWORD} | ({"next": next_url} if next_url else {})
    return client.post("/login/", form)


def test_turning_it_on_shows_a_qr_code_and_keeps_the_secret_sealed(client, officer, clock):
    client.force_login(officer)
    page = client.post(PAGE, {"action": "start"}).content.decode()
    assert "<svg" in page
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)
    wrong = client.post(PAGE, {"action": "confirm", "code": code_now(secret, steps=5)})
    assert wrong.status_code == 422 and "Mã xác thực không đúng" in wrong.content.decode()
    assert not TotpDevice.objects.exists()
    client.post(PAGE, {"action": "confirm", "code": code_now(secret)})
    device = TotpDevice.objects.get(user=officer)
    assert secret not in device.secret_sealed
    assert AuditEntry.objects.filter(action="totp_enabled", actor="canbo").exists()
    assert "Đang bật" in client.get(PAGE).content.decode()


def test_the_password_alone_no_longer_logs_in(client, secret):
    answer = log_in_with_password(client, "/kiem-toan/")
    assert answer.status_code == 302 and answer["Location"].startswith("/login/ma-xac-thuc/")
    assert client.get(PAGE)["Location"].startswith("/login/")  # not logged in yet
    done = client.post(answer["Location"], {"code": code_now(secret), "next": "/kiem-toan/"})
    assert done.status_code == 302 and done["Location"] == "/kiem-toan/"
    assert client.get(PAGE).status_code == 200
    assert AuditEntry.objects.filter(action="login", actor="canbo").exists()


def test_a_code_works_only_once(client, secret):
    code = code_now(secret)
    log_in_with_password(client)
    assert client.post("/login/ma-xac-thuc/", {"code": code}).status_code == 302
    client.logout()
    log_in_with_password(client)
    again = client.post("/login/ma-xac-thuc/", {"code": code})
    assert again.status_code == 422 and "đã được dùng" in again.content.decode()


def test_wrong_codes_count_towards_the_lockout(client, secret):
    log_in_with_password(client)
    for _ in range(5):
        client.post("/login/ma-xac-thuc/", {"code": code_now(secret, steps=10)})
    failed = AuditEntry.objects.filter(action="login_failed", actor="canbo")
    assert failed.count() == 5 and failed.first().detail == {"step": "code", "from": "127.0.0.1"}
    locked = client.post("/login/ma-xac-thuc/", {"code": code_now(secret)})
    assert locked.status_code == 422 and "tạm khoá" in locked.content.decode()
    assert client.get(PAGE).status_code == 302


def test_the_code_step_expires_after_five_minutes(client, secret, clock):
    log_in_with_password(client)
    clock.advance(timedelta(minutes=5, seconds=1))
    answer = client.post("/login/ma-xac-thuc/", {"code": code_now(secret)})
    assert answer.status_code == 302 and answer["Location"] == "/login/"
    assert client.get(PAGE).status_code == 302


def test_bad_codes_and_foreign_redirects_are_refused(client, secret):
    log_in_with_password(client)
    for bad in ("", "12ab56", "1234567", "١٢٣٤٥٦"):
        answer = client.post("/login/ma-xac-thuc/", {"code": bad})
        assert answer.status_code == 422, bad
        assert "Mã xác thực" in answer.content.decode()
    done = client.post(
        "/login/ma-xac-thuc/", {"code": code_now(secret), "next": "https://x.example/"}
    )
    assert done["Location"] == "/"


def test_the_provider_login_page_is_not_the_cashiers(client):
    page = client.get("/login/").content.decode()
    assert "<h1>Đăng nhập</h1>" in page and "thu ngân" not in page


def test_a_logged_in_user_can_open_the_login_pages_again(client, secret, officer):
    """With the provider's menu: the cashier's menu names pages the provider does not have."""
    client.force_login(officer)
    page = client.get("/login/")
    assert page.status_code == 200 and "Xác thực hai bước" in page.content.decode()
    log_in_with_password(client)
    code_page = client.get("/login/ma-xac-thuc/")
    assert code_page.status_code == 200 and "Máy trạm" not in code_page.content.decode()


def test_without_a_pending_password_the_code_page_sends_to_login(client):
    assert client.get("/login/ma-xac-thuc/")["Location"] == "/login/"


def test_turning_it_off_needs_a_current_code(client, officer, secret, clock):
    client.force_login(officer)
    refused = client.post(PAGE, {"action": "disable", "code": code_now(secret, steps=9)})
    assert refused.status_code == 422 and TotpDevice.objects.exists()
    assert client.post(PAGE, {"action": "disable", "code": code_now(secret)}).status_code == 302
    assert not TotpDevice.objects.exists()
    assert AuditEntry.objects.filter(action="totp_disabled", actor="canbo").exists()
