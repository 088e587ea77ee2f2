"""403, 404 and 500 in Vietnamese, in the site's layout (the brand, the user's own menu) with
a sentence of what happened and a way home, on both roles' servers."""

import pytest
from django.contrib.auth.models import Group
from django.urls import path

from netpoint.point.tests.test_vietnamese_pages import VisibleText, english_in
from netpoint.provider import urls as provider_urls

pytestmark = pytest.mark.django_db


def boom(request):
    raise RuntimeError("a bug in a view")


# The provider's URLs and a page that fails, to see the 500 page as a user would.
urlpatterns = [path("loi/", boom), *provider_urls.urlpatterns]
handler500 = provider_urls.handler500
HERE = "netpoint.common.core.tests.test_error_pages"


def english(content: bytes) -> list:
    reader = VisibleText("/")
    reader.feed(content.decode())
    return english_in(reader.texts)


@pytest.fixture
def department_member(client, django_user_model):
    from netpoint.provider.authority.models import Member, Organisation

    user = django_user_model.objects.create_user("so-hanoi", password="mat-khau-dai-so-1")
    department = Organisation.objects.create(name="Sở Hà Nội", kind="ict", province_code=1)
    Member.objects.create(user=user, organisation=department)
    client.force_login(user)
    return user


@pytest.mark.urls("netpoint.provider.urls")
def test_a_forbidden_page_says_so_in_vietnamese_in_the_layout(client, department_member):
    answer = client.get("/diem/")
    page = answer.content.decode()
    assert answer.status_code == 403
    assert "Không có quyền truy cập" in page and "Về trang chính" in page
    assert '<a class="brand" href="/">Netpoint</a>' in page
    assert 'id="user-menu"' in page and "so-hanoi" in page and "Giám sát" in page
    assert english(answer.content) == []


@pytest.mark.urls("netpoint.provider.urls")
def test_a_missing_page_says_so_in_vietnamese_in_the_layout(client, department_member):
    answer = client.get("/khong-co-trang-nay/")
    assert answer.status_code == 404
    assert "Không tìm thấy trang" in answer.content.decode()
    assert 'id="user-menu"' in answer.content.decode()
    assert english(answer.content) == []


@pytest.mark.urls("netpoint.provider.urls")
def test_a_missing_page_for_a_visitor_has_no_user_menu(client):
    answer = client.get("/khong-co-trang-nay/")
    assert answer.status_code == 404 and "Không tìm thấy trang" in answer.content.decode()
    assert 'id="user-menu"' not in answer.content.decode()


@pytest.mark.urls(HERE)
def test_a_server_error_says_so_in_vietnamese_in_the_layout(client, django_user_model):
    user = django_user_model.objects.create_user("kiemtoan", password="mat-khau-dai-kt-1")
    user.groups.add(Group.objects.get(name="auditor"))
    client.force_login(user)
    client.raise_request_exception = False
    answer = client.get("/loi/")
    assert answer.status_code == 500
    page = answer.content.decode()
    assert "Lỗi hệ thống" in page and "Về trang chính" in page
    assert 'id="user-menu"' in page and "Kiểm toán" in page
    assert english(answer.content) == []


def test_the_points_pages_too_are_in_vietnamese(client, django_user_model):
    cashier = django_user_model.objects.create_user("thungan-loi", password="mat-khau-dai-tn-1")
    client.force_login(cashier)
    answer = client.get("/khong-co-trang-nay/")
    assert answer.status_code == 404 and "Không tìm thấy trang" in answer.content.decode()
    assert 'id="user-menu"' in answer.content.decode()
    assert english(answer.content) == []
