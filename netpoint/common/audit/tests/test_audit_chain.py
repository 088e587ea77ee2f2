"""Tampering with the audit log directly in the database is named by `netpoint audit verify`."""

import threading
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from netpoint.common.audit import services
from netpoint.common.audit.chain import GENESIS, Entry, entry_hash, verify
from netpoint.common.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def five(clock, cashier):
    for n in range(1, 6):
        services.record("view_person", user=cashier, target=f"person {n}", detail={"n": n})
        clock.advance(timedelta(seconds=1))


def problems() -> list[str]:
    return [str(p) for p in services.verify()]


def sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_an_intact_log_verifies(five, capsys):
    assert problems() == []
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out
    first, second = AuditEntry.objects.order_by("seq")[:2]
    assert first.prev_hash == GENESIS and second.prev_hash == first.hash


def test_an_edited_entry_is_named(five):
    sql("UPDATE audit_auditentry SET target = 'person 99' WHERE seq = 3")
    assert problems() == ["entry 3: edited"]


def test_an_edited_detail_is_named(five):
    entry = AuditEntry.objects.get(seq=2)
    AuditEntry.objects.filter(pk=entry.pk).update(detail={"n": 20})
    assert problems() == ["entry 2: edited"]


def test_a_deleted_entry_is_named(five):
    sql("DELETE FROM audit_auditentry WHERE seq = 2")
    assert problems() == ["entry 2: missing"]


def test_a_deleted_last_entry_is_named(five):
    sql("DELETE FROM audit_auditentry WHERE seq = 5")
    assert problems() == ["entry 5: missing"]


def test_reordered_entries_are_named(five):
    sql("UPDATE audit_auditentry SET seq = -2 WHERE seq = 2")
    sql("UPDATE audit_auditentry SET seq = 2 WHERE seq = 4")
    sql("UPDATE audit_auditentry SET seq = 4 WHERE seq = -2")
    assert problems() == ["entry 2: moved", "entry 4: moved"]


def test_the_command_fails_and_names_each_problem(five, capsys):
    sql("DELETE FROM audit_auditentry WHERE seq = 4")
    sql("UPDATE audit_auditentry SET actor = 'ai-do' WHERE seq = 1")
    with pytest.raises(CommandError, match="2 problems"):
        call_command("audit", "verify")
    out = capsys.readouterr().out
    assert "entry 1: edited" in out and "entry 4: missing" in out


def test_a_forged_entry_without_the_key_is_named(five):
    """Whoever writes to the database cannot make a hash that verifies without the key."""
    last = AuditEntry.objects.get(seq=5)
    forged = entry_hash(b"a guessed key", 6, last.hash, last.at.isoformat(), "x", "login", "", {})
    AuditEntry.objects.create(
        seq=6, at=last.at, actor="x", action="login", prev_hash=last.hash, hash=forged
    )
    assert "entry 6: edited" in problems()


def test_logins_and_failed_logins_are_recorded(client, cashier):
    client.post("/login/", {"username": "thungan", "password": "sai-mat-khau"})
    client.post("/login/", {"username": "thungan", "password": "mat-khau-thu-ngan-1"})
    entries = list(AuditEntry.objects.values_list("action", "actor"))
    assert entries == [("login_failed", "thungan"), ("login", "thungan")]
    assert [e.detail["from"] for e in AuditEntry.objects.order_by("seq")] == ["127.0.0.1"] * 2
    assert all("mat-khau" not in str(e.detail) for e in AuditEntry.objects.all())


def test_the_pure_chain_accepts_an_empty_log():
    assert verify(b"k", [], 0, GENESIS) == []


def test_a_chain_cut_after_its_head_was_reset_is_still_consistent_but_named_if_not():
    key = b"k"
    first = Entry(1, "2026-03-10T03:00:00+00:00", "a", "login", "", {}, GENESIS, "")
    first = Entry(
        **{**first.__dict__, "hash": entry_hash(key, 1, GENESIS, first.at, "a", "login", "", {})}
    )
    assert verify(key, [first], 1, first.hash) == []
    assert [str(p) for p in verify(key, [first], 1, "f" * 64)] == ["entry 1: truncated"]


def test_a_username_locks_after_five_failures_and_the_right_password_waits(client, cashier, clock):
    for _ in range(5):
        client.post("/login/", {"username": "thungan", "password": "sai-mat-khau"})
    answer = client.post("/login/", {"username": "thungan", "password": "mat-khau-thu-ngan-1"})
    assert answer.status_code == 200  # the form again: not logged in
    assert "_auth_user_id" not in client.session
    clock.advance(timedelta(minutes=16))
    answer = client.post("/login/", {"username": "thungan", "password": "mat-khau-thu-ngan-1"})
    assert answer.status_code == 302


def test_a_success_clears_the_count(client, cashier, clock):
    for _ in range(4):
        client.post("/login/", {"username": "thungan", "password": "sai-mat-khau"})
    client.post("/login/", {"username": "thungan", "password": "mat-khau-thu-ngan-1"})
    client.logout()
    client.post("/login/", {"username": "thungan", "password": "sai-mat-khau"})
    answer = client.post("/login/", {"username": "thungan", "password": "mat-khau-thu-ngan-1"})
    assert answer.status_code == 302


def test_guesses_from_elsewhere_do_not_lock_the_owner_out(client, cashier, clock):
    for _ in range(5):
        client.post(
            "/login/", {"username": "thungan", "password": "sai-mat-khau"}, REMOTE_ADDR="192.0.2.66"
        )
    answer = client.post("/login/", {"username": "thungan", "password": "sai-mat-khau-nua"})
    mine = client.post("/login/", {"username": "thungan", "password": "mat-khau-thu-ngan-1"})
    assert answer.status_code == 200 and mine.status_code == 302


def test_guesses_spread_over_many_addresses_still_lock(client, cashier, clock, settings):
    settings.NETPOINT_LOGIN_LOCKOUT = {"failures": 5, "addresses": 8, "minutes": 15}
    for n in range(8):
        client.post(
            "/login/", {"username": "thungan", "password": "sai"}, REMOTE_ADDR=f"192.0.2.{n + 1}"
        )
    answer = client.post("/login/", {"username": "thungan", "password": "mat-khau-thu-ngan-1"})
    assert answer.status_code == 200 and "_auth_user_id" not in client.session


def test_an_append_after_another_process_appended_is_chained_after_it(five, cashier):
    """This process's view of the head is behind (another process appended since): the
    compare-and-set finds nothing, and the entry goes after the real head."""
    second = AuditEntry.objects.get(seq=2)
    services._LastSeen.head = (second.seq, second.hash)
    services.record("view_person", user=cashier, target="person 6")
    assert list(AuditEntry.objects.values_list("seq", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert problems() == []


@pytest.mark.django_db(transaction=True)
def test_appends_from_many_threads_make_one_unbroken_chain(cashier):
    def append(n: int) -> None:
        try:
            for k in range(10):
                services.record("view_person", user=cashier, target=f"person {n}.{k}")
        finally:
            connection.close()

    threads = [threading.Thread(target=append, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert list(AuditEntry.objects.values_list("seq", flat=True)) == list(range(1, 41))
    assert problems() == []
