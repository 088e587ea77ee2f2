"""A stranger's wrong passwords block the stranger's address, never the owner (issue 24, 7)."""

import pytest

from netpoint.common.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
STRANGER = "192.0.2.66"
OWNER_HOME = "198.51.100.10"
RIGHT = "mat-khau-thu-ngan-1"


def sign_in(client, password, address):
    return client.post(
        "/login/", {"username": "thungan", "password": password}, REMOTE_ADDR=address
    )


def signed_in(answer) -> bool:
    return answer.status_code == 302


def test_fifty_wrong_passwords_from_one_address_leave_the_owner_free_elsewhere(client, cashier):
    for _ in range(50):
        sign_in(client, "sai-mat-khau", STRANGER)
    assert signed_in(sign_in(client, RIGHT, "203.0.113.5"))


def test_the_blocked_address_is_refused_even_with_the_right_password(client, cashier):
    for _ in range(5):
        sign_in(client, "sai-mat-khau", STRANGER)
    assert not signed_in(sign_in(client, RIGHT, STRANGER))


def test_attempts_from_a_blocked_address_are_no_longer_counted(client, cashier):
    for _ in range(50):
        sign_in(client, "sai-mat-khau", STRANGER)
    actions = list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))
    assert actions == ["login_failed"] * 5 + ["login_refused"] * 45


def test_the_owners_sign_in_does_not_restart_a_strangers_count(client, cashier):
    for _ in range(4):
        sign_in(client, "sai-mat-khau", STRANGER)
    assert signed_in(sign_in(client, RIGHT, OWNER_HOME))
    client.logout()
    sign_in(client, "sai-mat-khau", STRANGER)
    assert not signed_in(sign_in(client, RIGHT, STRANGER))


def test_spread_guessing_leaves_the_owner_free_from_an_address_signed_in_before(
    client, cashier, settings
):
    settings.NETPOINT_LOGIN_LOCKOUT = {"addresses": 8}
    assert signed_in(sign_in(client, RIGHT, OWNER_HOME))
    client.logout()
    for n in range(8):
        sign_in(client, "sai", f"192.0.2.{n + 1}")
    assert not signed_in(sign_in(client, RIGHT, "203.0.113.5"))  # a new address waits
    assert signed_in(sign_in(client, RIGHT, OWNER_HOME))
