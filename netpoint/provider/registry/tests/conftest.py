import pytest
from django.contrib.auth.models import Permission

# Enrolled points and their events, as the records tests make them.
from netpoint.provider.records.tests.conftest import enroll_point, hanoi  # noqa: F401


@pytest.fixture
def staff(django_user_model):
    """Provider staff who keep the points and may add enterprises."""
    user = django_user_model.objects.create_user("vanhanh", password="mat-khau-van-hanh-1")
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="registry", codename__contains="point")
        | Permission.objects.filter(codename__in=["view_enterprise", "add_enterprise"])
    )
    return user


@pytest.fixture
def staff_page(live_server, page, settings, staff):
    """Chromium signed in as the staff user, on the provider's pages."""
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", staff.username)
    page.fill("#id_password", "mat-khau-van-hanh-1")
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
    return page
