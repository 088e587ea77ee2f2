"""Sessions and signed-in users are read by plain SQL, a request's both in one statement; what
Django's own readers refuse, they refuse too."""

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from netpoint.common.audit.backends import LockoutBackend
from netpoint.common.core.middleware import SessionUserMiddleware
from netpoint.common.core.models import SignedInSession
from netpoint.common.core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def saved_session(**data) -> str:
    store = SessionStore()
    store.update(data)
    store.create()
    return store.session_key


def test_a_saved_session_is_read_back():
    key = saved_session(greeting="xin chào")
    assert SessionStore(key).load() == {"greeting": "xin chào"}


def test_an_expired_session_is_not_read_and_its_key_is_forgotten():
    key = saved_session(greeting="xin chào")
    expired = timezone.now() - timedelta(1)
    SignedInSession.objects.filter(session_key=key).update(expire_date=expired)
    store = SessionStore(key)
    assert store.load() == {}
    assert store.session_key is None


def test_an_unknown_session_key_reads_nothing():
    assert SessionStore("k" * 32).load() == {}


def test_a_signed_in_users_session_lets_them_in(client, cashier):
    client.force_login(cashier)
    session = client.session
    assert session[SESSION_KEY] == str(cashier.pk)
    assert LockoutBackend().get_user(session[SESSION_KEY]) == cashier


def test_a_deactivated_user_is_not_signed_in_by_their_session(cashier):
    cashier.is_active = False
    cashier.save()
    assert LockoutBackend().get_user(str(cashier.pk)) is None


@pytest.mark.parametrize("user_id", ["không-phải-số", "999999", ""])
def test_a_user_id_that_names_no_one_signs_no_one_in(cashier, user_id):
    assert LockoutBackend().get_user(user_id) is None


def test_the_signed_in_users_permissions_are_read_with_them(cashier, django_assert_num_queries):
    cashier.groups.add(Group.objects.get_or_create(name="thu-ngan")[0])
    cashier.groups.first().permissions.add(
        Permission.objects.get(codename="view_session", content_type__app_label="sessions")
    )
    cashier.user_permissions.add(
        Permission.objects.get(codename="add_session", content_type__app_label="sessions")
    )
    user = LockoutBackend().get_user(str(cashier.pk))
    expected = ModelBackend().get_all_permissions(User.objects.get(pk=cashier.pk))
    with django_assert_num_queries(0 if connection.vendor == "postgresql" else 1):
        assert user.get_all_permissions() == expected
        assert user.has_perm("sessions.view_session") and user.has_perm("sessions.add_session")
        assert not user.has_perm("sessions.delete_session")


def signed_in_request(client, user):
    """A request carrying the session `client` signed `user` in with, through the middleware."""
    client.force_login(user)
    return through_the_middleware(client.session.session_key)


def through_the_middleware(session_key: str):
    request = RequestFactory().get("/")
    request.session = SessionStore(session_key)
    SessionUserMiddleware(lambda request: None).process_request(request)
    return request


def test_a_session_keeps_the_id_of_the_user_it_signs_in(client, cashier):
    client.force_login(cashier)
    assert SignedInSession.objects.get(session_key=client.session.session_key).user_id == cashier.pk
    client.logout()
    assert not SignedInSession.objects.filter(user_id=cashier.pk).exists()


def test_a_request_reads_its_session_and_user_with_permissions_in_one_query(
    client, cashier, django_assert_num_queries
):
    cashier.user_permissions.add(
        Permission.objects.get(codename="view_session", content_type__app_label="sessions")
    )
    request = signed_in_request(client, cashier)
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 2):
        assert request.user == cashier
        assert request.user.has_perm("sessions.view_session")
        assert not request.user.has_perm("sessions.delete_session")


def test_a_user_deactivated_since_signing_in_is_not_let_in_by_the_session(client, cashier):
    client.force_login(cashier)
    User.objects.filter(pk=cashier.pk).update(is_active=False)
    request = signed_in_request(client, cashier)
    assert not request.user.is_authenticated


def test_a_session_whose_user_was_deleted_signs_no_one_in(client, cashier):
    request = signed_in_request(client, cashier)
    User.objects.filter(pk=cashier.pk).delete()
    assert not request.user.is_authenticated


def test_the_user_the_sessions_data_names_is_signed_in_even_if_its_row_names_another(
    client, cashier
):
    other = User.objects.create_user("nguoi-khac", password="mat-khau-dai-0123")
    client.force_login(cashier)
    SignedInSession.objects.filter(session_key=client.session.session_key).update(user_id=other.pk)
    assert through_the_middleware(client.session.session_key).user == cashier


def test_outside_a_request_a_user_is_read_on_their_own(client, cashier, django_assert_num_queries):
    client.force_login(cashier)
    SessionStore(client.session.session_key).load()
    User.objects.filter(pk=cashier.pk).update(first_name="Lan")
    with django_assert_num_queries(1):
        assert LockoutBackend().get_user(str(cashier.pk)).first_name == "Lan"
