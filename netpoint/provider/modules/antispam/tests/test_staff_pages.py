"""The staff's forms: what they save, and the Vietnamese errors for what they refuse."""

import pytest
from django.contrib.auth.models import Group

from netpoint.provider.modules.antispam.models import AdMessage, ApiToken, Customer, SpamReport

pytestmark = [pytest.mark.urls("netpoint.provider.urls"), pytest.mark.django_db]


@pytest.fixture
def operator(client, django_user_model):
    user = django_user_model.objects.create_user("vanhanh", password="mat-khau-dai-9")
    user.groups.add(Group.objects.get(name="antispam_operator"))
    client.force_login(user)
    return user


def test_a_customer_is_added_and_listed(client, operator):
    answer = client.post(
        "/chong-spam/khach-hang/moi/",
        {"name": "Hãng Mới", "kind": "ad_provider", "management_code": "QC-7", "brandnames": "MOI"},
    )
    assert answer.status_code == 302
    assert "Hãng Mới" in client.get("/chong-spam/khach-hang/").content.decode()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"name": "", "kind": "advertiser"}, "bắt buộc"),
        ({"name": "Công ty Quảng Cáo Thử", "kind": "advertiser"}, "đã tồn tại"),
        ({"name": "Hãng X", "kind": "la"}, "Hãy chọn"),
    ],
)
def test_a_bad_customer_is_explained(client, operator, advertiser, data, error):
    answer = client.post("/chong-spam/khach-hang/moi/", data)
    assert answer.status_code == 422 and error in answer.content.decode()
    assert Customer.objects.count() == 1


def test_messages_and_tokens(clock, client, operator, advertiser):
    url = f"/chong-spam/khach-hang/{advertiser.pk}/"
    data = {"channel": "sms", "title": "Tết", "content": "[QC] Tết"}
    assert client.post(url + "ban-tin/", data).status_code == 302
    bad = client.post(url + "ban-tin/", data | {"channel": "fax", "title": ""})
    assert bad.status_code == 422 and "Hãy chọn" in bad.content.decode()
    assert AdMessage.objects.count() == 1
    shown = client.post(url + "ma-truy-cap/", {"label": "máy 1"})
    assert shown.status_code == 200 and "npas_" in shown.content.decode()
    assert client.post(url + "ma-truy-cap/", {"label": "x" * 101}).status_code == 302
    token = ApiToken.objects.get()
    assert client.post(url + f"ma-truy-cap/{token.pk}/thu-hoi/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.post(url + f"ma-truy-cap/{token.pk}/thu-hoi/").status_code == 404


def test_spam_reports_are_recorded_and_handled(clock, client, operator):
    data = {"source": "reported", "channel": "messaging", "summary": "Tin nhắn lừa đảo"}
    assert client.post("/chong-spam/tin-rac/", data).status_code == 302
    report = SpamReport.objects.get()
    assert report.received_at == clock.now()
    bad = client.post("/chong-spam/tin-rac/", data | {"source": "khac", "summary": ""})
    assert bad.status_code == 422 and "Hãy chọn" in bad.content.decode()
    client.post(f"/chong-spam/tin-rac/{report.pk}/xu-ly/", {"outcome": ""})
    report.refresh_from_db()
    assert report.handled_at is None
    client.post(f"/chong-spam/tin-rac/{report.pk}/xu-ly/", {"outcome": "Đã chặn tài khoản"})
    report.refresh_from_db()
    assert report.outcome == "Đã chặn tài khoản" and report.handled_at == clock.now()
