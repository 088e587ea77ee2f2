"""The owner links the point to its provider from a page: the same checks and refusals as
`netpoint enroll`, as Vietnamese form errors, never a 500, nothing half saved."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from netpoint.common.core import clock
from netpoint.point.uplink import services
from netpoint.point.uplink.models import ProviderLink
from netpoint.point.uplink.tests.with_provider_urls import PROVIDER_PREFIX

OWNER = ("chuquan", "mat-khau-chu-quan-1")
UNREACHABLE = "http://127.0.0.1:9"  # the discard port: nobody listens
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the provider role runs on PostgreSQL"
)


@pytest.fixture
def owner(django_user_model):
    return django_user_model.objects.create_superuser(OWNER[0], password=OWNER[1])


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def provider(live_server, settings, provider_point):
    """A real provider on the live server, its registry holding this point: (url, point)."""
    settings.ROOT_URLCONF = "netpoint.point.uplink.tests.with_provider_urls"
    return live_server.url + PROVIDER_PREFIX, provider_point("HN-0042", name="Quán Net Thử")


def post(client, provider_url: str, code: str):
    return client.post(reverse("uplink-enroll"), {"provider_url": provider_url, "code": code})


def enrolled_link(provider_url="https://icafe.example.vn") -> ProviderLink:
    return ProviderLink.objects.create(
        provider_url=provider_url,
        point_code="HN-0007",
        private_key="x" * 44,
        enrolled_at=clock.now(),
    )


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_owner_enrolls_the_point_with_the_code_the_provider_issued(owner_client, provider):
    from netpoint.provider.registry import services as registry

    url, point = provider
    answer = post(owner_client, url, registry.issue_enrollment_code(point))
    page = owner_client.get(answer["Location"]).content.decode()
    assert "Đã kết nối máy chủ doanh nghiệp" in page and "HN-0042" in page
    assert services.link().point_code == "HN-0042"


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_wrong_code_is_refused_in_vietnamese_and_nothing_is_saved(owner_client, provider):
    url, _point = provider
    answer = post(owner_client, url, "ABCD-EFGH-JKMN")
    assert answer.status_code == 400
    assert "Mã đăng ký không đúng, đã dùng hoặc đã hết hạn." in answer.content.decode()
    assert services.link() is None


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_used_code_is_refused_the_second_time(owner_client, provider):
    from netpoint.provider.registry import services as registry

    url, point = provider
    code = registry.issue_enrollment_code(point)
    post(owner_client, url, code)
    ProviderLink.objects.all().delete()  # as if the point were reinstalled
    answer = post(owner_client, url, code)
    assert "Mã đăng ký không đúng, đã dùng hoặc đã hết hạn." in answer.content.decode()
    assert services.link() is None


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_an_address_that_is_not_a_provider_is_refused(owner_client, provider):
    url, _point = provider
    answer = post(owner_client, url.removesuffix(PROVIDER_PREFIX) + "/khong-co", "ABCD-EFGH-JKMN")
    assert answer.status_code == 400
    assert "không nhận đăng ký điểm" in answer.content.decode()
    assert services.link() is None


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_too_many_wrong_codes_are_refused_with_a_wait(owner_client, provider):
    from netpoint.common.core import ratelimit

    url, _point = provider
    for _attempt in range(10):
        ratelimit.failed("enroll", "127.0.0.1")
    answer = post(owner_client, url, "ABCD-EFGH-JKMN")
    assert answer.status_code == 400
    assert "Thử sai quá nhiều lần; hãy đợi vài phút rồi thử lại." in answer.content.decode()
    assert services.link() is None


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_command_replaces_an_enrolled_link_only_when_asked(provider, capsys):
    from netpoint.provider.registry import services as registry

    url, point = provider
    enrolled_link()
    call_command("enroll", url, registry.issue_enrollment_code(point), "--replace")
    assert "HN-0042" in capsys.readouterr().out
    assert [link.point_code for link in ProviderLink.objects.all()] == ["HN-0042"]


@pytest.mark.django_db
def test_an_unreachable_provider_is_refused_in_vietnamese(owner_client):
    answer = post(owner_client, UNREACHABLE, "ABCD-EFGH-JKMN")
    assert answer.status_code == 400
    assert "Không kết nối được máy chủ doanh nghiệp tại http://127.0.0.1:9" in (
        answer.content.decode()
    )
    assert services.link() is None


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["icafe.example.vn", "ftp://icafe.example.vn", "https://"])
def test_a_malformed_provider_address_is_refused(owner_client, address):
    answer = post(owner_client, address, "ABCD-EFGH-JKMN")
    assert answer.status_code == 400
    assert "Địa chỉ máy chủ doanh nghiệp không hợp lệ" in answer.content.decode()
    assert services.link() is None


@pytest.mark.django_db
def test_an_enrolled_point_is_not_enrolled_again_from_the_page(owner_client):
    enrolled_link()
    answer = post(owner_client, UNREACHABLE, "ABCD-EFGH-JKMN")
    assert answer.status_code == 400
    text = answer.content.decode()
    assert "Điểm này đã kết nối máy chủ doanh nghiệp https://icafe.example.vn" in text
    assert ProviderLink.objects.get().point_code == "HN-0007"


@pytest.mark.django_db
def test_an_empty_form_says_which_fields_are_required_in_vietnamese(owner_client):
    answer = post(owner_client, "", "")
    assert answer.status_code == 400
    assert answer.content.decode().count("Trường này là bắt buộc.") == 2


@pytest.mark.django_db
def test_the_command_refuses_an_enrolled_point_with_the_pages_words(owner):
    enrolled_link()
    with pytest.raises(CommandError, match="Điểm này đã kết nối máy chủ doanh nghiệp"):
        call_command("enroll", UNREACHABLE, "ABCD-EFGH-JKMN")


@pytest.mark.django_db
def test_the_command_refuses_a_malformed_address_with_the_pages_words():
    with pytest.raises(CommandError, match="Địa chỉ máy chủ doanh nghiệp không hợp lệ"):
        call_command("enroll", "icafe.example.vn", "ABCD-EFGH-JKMN")


@pytest.mark.django_db
def test_a_cashier_is_refused_the_enrollment_page_in_vietnamese(client, cashier):
    client.force_login(cashier)
    answer = client.get(reverse("uplink-enroll"))
    assert answer.status_code == 403
    assert "Không có quyền" in answer.content.decode()


@pytest.mark.django_db
def test_the_grid_links_the_owner_to_enrollment_while_not_enrolled(owner_client, cafe):
    page = owner_client.get(reverse("station-grid")).content.decode()
    assert "Chưa kết nối máy chủ doanh nghiệp" in page
    assert f'href="{reverse("uplink-enroll")}"' in page


@pytest.mark.django_db
def test_the_grid_offers_the_cashier_no_enrollment_link(client, cashier, cafe):
    client.force_login(cashier)
    page = client.get(reverse("station-grid")).content.decode()
    assert "Chưa kết nối máy chủ doanh nghiệp" in page
    assert reverse("uplink-enroll") not in page


@pytest.mark.django_db
def test_the_grid_offers_no_enrollment_once_enrolled(owner_client, cafe):
    enrolled_link()
    page = owner_client.get(reverse("station-grid")).content.decode()
    assert reverse("uplink-enroll") not in page
