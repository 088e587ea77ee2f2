"""Sessions and signed-in users are read by plain SQL; what Django's own readers refuse, they
refuse too."""

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission, User
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from netpoint.audit.backends import LockoutBackend
from netpoint.core.sessions import SessionStore

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
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(1))
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
