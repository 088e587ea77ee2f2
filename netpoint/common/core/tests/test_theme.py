"""The café's screens are dark by default with a switch to light; the provider's stay light."""

import pytest


@pytest.mark.django_db
def test_the_points_pages_are_dark_with_a_switch_to_light(client):
    page = client.get("/login/").content.decode()
    assert 'data-theme="dark"' in page
    assert 'id="theme-toggle"' in page


@pytest.mark.django_db
def test_the_providers_pages_are_light_without_a_switch(client, settings):
    settings.NETPOINT_ROLE = "provider"
    page = client.get("/login/").content.decode()
    assert 'data-theme="light"' in page
    assert 'id="theme-toggle"' not in page


@pytest.mark.django_db
@pytest.mark.urls("netpoint.provider.urls")
def test_the_providers_pages_of_a_shared_app_and_its_errors_are_light(client, django_user_model):
    from django.contrib.auth.models import Group

    auditor = django_user_model.objects.create_user("kiemtoan", password="mat-khau-dai-kt-1")
    auditor.groups.add(Group.objects.get(name="auditor"))
    client.force_login(auditor)
    assert 'data-theme="light"' in client.get("/kiem-toan/").content.decode()
    assert 'data-theme="light"' in client.get("/khong-co/").content.decode()
