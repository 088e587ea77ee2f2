"""Tampering with the audit log directly in the database, or with its heads file, is named by
`netpoint audit verify`; the attacks of issue 24 (reproduction 1) among them."""

import json
import os
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from netpoint.common.audit import heads, log, merkle, services
from netpoint.common.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def five(clock, cashier, django_capture_on_commit_callbacks):
    """Five entries, each followed by its signed head (as once committed)."""
    for n in range(1, 6):
        with django_capture_on_commit_callbacks(execute=True):
            services.record("view_person", user=cashier, target=f"person {n}", detail={"n": n})
        clock.advance(timedelta(seconds=1))


def problems() -> list[tuple[str, int]]:
    return [(p.kind, p.seq) for p in services.verify()]


def sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def heads_file() -> Path:
    from django.conf import settings

    return Path(settings.NETPOINT_AUDIT_HEADS_FILE)


def rewind_head_to(size: int) -> None:
    """What an attacker with the database computes for the first `size` rows: all of it is
    in the rows (leaf hashes are not secret)."""
    stored = AuditEntry.objects.order_by("seq").values_list("hash", flat=True)
    leaves = [bytes.fromhex(h) for h in stored]
    frontier: tuple[bytes, ...] = ()
    for count, leaf in enumerate(leaves[:size]):
        frontier = merkle.frontier_append(frontier, count, leaf)
    sql(
        "UPDATE audit_audithead SET last_seq = %s, last_hash = %s, frontier = %s",
        [size, merkle.frontier_root(frontier).hex(), json.dumps([n.hex() for n in frontier])],
    )


def rehash(seq: int) -> None:
    """Recompute a row's stored leaf hash from its (edited) fields, as anyone can."""
    entry = AuditEntry.objects.get(seq=seq)
    AuditEntry.objects.filter(pk=entry.pk).update(hash=log.leaf_of(services._pure(entry)).hex())


def test_an_intact_log_verifies(five, capsys):
    assert problems() == []
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert "nhật ký kiểm toán nguyên vẹn: 5 mục" in out and "chữ ký hợp lệ" in out


def test_each_append_publishes_a_signed_head_outside_the_database(five):
    lines = heads_file().read_text().splitlines()
    published = [heads.SignedHead.from_json(line) for line in lines]
    assert [h.tree_size for h in published] == [1, 2, 3, 4, 5]
    assert all(heads.signed_by(h, services.public_key()) for h in published)
    assert published[-1].root_hash == merkle.root(services.leaves())


def test_the_signing_key_is_a_file_only_its_owner_reads(five):
    from django.conf import settings

    assert os.stat(settings.NETPOINT_AUDIT_KEY_FILE).st_mode & 0o777 == 0o600


def test_entries_cut_from_the_end_with_the_database_head_rewound_fail(five, capsys):
    """Issue 24, reproduction 1: DELETE ... WHERE seq >= 4 and the head set back to 3."""
    sql("DELETE FROM audit_auditentry WHERE seq >= 4")
    rewind_head_to(3)
    assert problems() == [("truncated", 5)]
    with pytest.raises(CommandError, match="đã bị can thiệp: 1 vấn đề"):
        call_command("audit", "verify")
    assert "đầu cây đã ký có 5 mục nhưng nhật ký chỉ còn 3 mục" in capsys.readouterr().out


def test_every_row_of_both_tables_deleted_fails(five):
    sql("DELETE FROM audit_auditentry")
    sql("DELETE FROM audit_audithead")
    assert problems() == [("truncated", 5), ("db_head_missing", 0)]


def test_a_changed_user_id_fails(five, django_user_model):
    other = django_user_model.objects.create_user("nguoi-khac", password="mat-khau-dai-0123")
    sql("UPDATE audit_auditentry SET user_id = %s WHERE seq = 2", [other.pk])
    assert ("edited", 2) in problems()


def test_a_changed_user_id_with_its_hash_recomputed_disagrees_with_the_signed_heads(
    five, django_user_model
):
    other = django_user_model.objects.create_user("nguoi-khac", password="mat-khau-dai-0123")
    sql("UPDATE audit_auditentry SET user_id = %s WHERE seq = 2", [other.pk])
    rehash(2)
    rewind_head_to(5)
    assert problems() == [("rewritten", 2)]


@pytest.mark.parametrize(
    ("column", "value"),
    [("at", "2026-01-01 00:00:00+00"), ("actor", "ai-do"), ("action", "login"), ("target", "x")],
)
def test_every_field_is_covered(five, column, value):
    sql(f"UPDATE audit_auditentry SET {column} = %s WHERE seq = 3", [value])
    assert problems() == [("edited", 3), ("rewritten", 3), ("db_head", 5)]


def test_an_edited_detail_is_named(five):
    entry = AuditEntry.objects.get(seq=2)
    AuditEntry.objects.filter(pk=entry.pk).update(detail={"n": 20})
    assert problems() == [("edited", 2), ("rewritten", 2), ("db_head", 5)]


def test_a_deleted_entry_is_named(five):
    sql("DELETE FROM audit_auditentry WHERE seq = 2")
    found = problems()
    assert ("missing", 2) in found and ("truncated", 5) in found


def test_reordered_entries_are_named(five):
    sql("UPDATE audit_auditentry SET seq = -2 WHERE seq = 2")
    sql("UPDATE audit_auditentry SET seq = 2 WHERE seq = 4")
    sql("UPDATE audit_auditentry SET seq = 4 WHERE seq = -2")
    assert problems()[:2] == [("moved", 2), ("moved", 4)]


def test_a_lost_heads_file_is_tampering(five):
    heads_file().unlink()
    assert problems() == [("no_heads", 0)]


def test_a_head_not_signed_by_the_key_is_named(five):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    forged = heads.sign(Ed25519PrivateKey.generate(), 3, 0, merkle.root(services.leaves()[:3]))
    with heads_file().open("a") as out:
        out.write(forged.to_json() + "\n")
    assert problems() == [("bad_signature", 6)]


def test_appended_entries_with_no_head_yet_are_not_a_problem(five, cashier):
    services.record("search", user=cashier)  # its head is published once committed
    assert problems() == []


def test_the_command_proves_the_log_grew_only_by_appending_since_a_head(
    five, cashier, tmp_path, capsys, django_capture_on_commit_callbacks
):
    seen = tmp_path / "head.json"
    seen.write_text(heads_file().read_text().splitlines()[2])  # the head at 3 entries
    with django_capture_on_commit_callbacks(execute=True):
        services.record("search", user=cashier)
    call_command("audit", "verify", since=str(seen))
    out = capsys.readouterr().out
    proof = json.loads(out.split("(RFC 9162): ")[1])
    assert "chỉ được nối thêm từ 3 đến 6 mục" in out
    old = heads.SignedHead.from_json(seen.read_text())
    latest = services.latest_published()
    assert merkle.verify_consistency(
        3, old.root_hash, 6, latest.root_hash, [bytes.fromhex(h) for h in proof]
    )


def test_a_log_rewritten_with_its_heads_file_replaced_fails_against_a_witnessed_head(five, capsys):
    """The attacker edits entry 2, recomputes every hash and the database's head and drops
    the heads file; the head a witness kept still shows the log was not only appended to."""
    witnessed = heads_file().read_text().splitlines()[-1]
    sql("UPDATE audit_auditentry SET target = 'person 99' WHERE seq = 2")
    rehash(2)
    rewind_head_to(5)
    heads_file().unlink()
    with pytest.raises(CommandError):
        call_command("audit", "verify", since=witnessed)
    assert "không nhất quán với nhật ký hiện nay" in capsys.readouterr().out


def test_a_since_that_is_not_a_head_is_a_clear_error(five):
    with pytest.raises(CommandError, match="không phải là một đầu cây đã ký"):
        call_command("audit", "verify", since='{"tree_size": "ba"}')


def test_an_entry_is_proved_included_under_the_latest_signed_head(five):
    latest = services.latest_published()
    entry = AuditEntry.objects.get(seq=3)
    proof = services.inclusion_proof(3, latest.tree_size)
    leaf = bytes.fromhex(entry.hash)
    assert merkle.verify_inclusion(leaf, 2, latest.tree_size, proof, latest.root_hash)
    assert not merkle.verify_inclusion(leaf, 3, latest.tree_size, proof, latest.root_hash)


def test_export_head_prints_a_head_a_witness_checks_with_the_public_key(five, capsys):
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    call_command("audit", "public-key")
    key = load_pem_public_key(capsys.readouterr().out.encode())
    call_command("audit", "export-head")
    head = heads.SignedHead.from_json(capsys.readouterr().out)
    assert head.tree_size == 5 and heads.signed_by(head, key)


def test_a_deleted_user_leaves_the_log_intact(five, cashier, django_user_model):
    django_user_model.objects.filter(pk=cashier.pk).delete()
    assert problems() == []


def test_logins_and_failed_logins_are_recorded(client, cashier):
    client.post("/login/", {"username": "thungan", "password": "sai-mat-khau"})
    client.post("/login/", {"username": "thungan", "password": "mat-khau-thu-ngan-1"})
    entries = list(AuditEntry.objects.values_list("action", "actor"))
    assert entries == [("login_failed", "thungan"), ("login", "thungan")]
    assert [e.detail["from"] for e in AuditEntry.objects.order_by("seq")] == ["127.0.0.1"] * 2
    assert all("mat-khau" not in str(e.detail) for e in AuditEntry.objects.all())


def test_an_empty_log_verifies():
    assert problems() == []


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


def test_an_append_after_another_process_appended_is_placed_after_it(five, cashier):
    """This process's view of the head is behind (another process appended since): the
    compare-and-set finds nothing, and the entry goes after the real head."""
    leaves = services.leaves()
    frontier: tuple[bytes, ...] = ()
    for count, leaf in enumerate(leaves[:2]):
        frontier = merkle.frontier_append(frontier, count, leaf)
    services._Tree.head = (2, merkle.frontier_root(frontier).hex(), frontier)
    services.record("view_person", user=cashier, target="person 6")
    assert list(AuditEntry.objects.values_list("seq", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert problems() == []


@pytest.mark.django_db(transaction=True)
def test_appends_from_many_threads_make_one_tree_with_every_head_signed(cashier):
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
    assert services.latest_published().tree_size == 40


def test_export_head_sends_the_head_to_a_witness(five, capsys):
    import http.server

    received = []

    class Witness(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(201)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Witness)
    thread = threading.Thread(target=server.handle_request)
    thread.start()
    try:
        call_command("audit", "export-head", to=f"http://127.0.0.1:{server.server_port}/chung-kien")
    finally:
        thread.join(timeout=10)
        server.server_close()
    [body] = received
    head = heads.SignedHead.from_json(body.decode())
    assert head.tree_size == 5 and heads.signed_by(head, services.public_key())
    assert "đã gửi tới" in capsys.readouterr().out


@pytest.mark.parametrize("to", ["file:///etc/passwd", "ftp://127.0.0.1/"])
def test_export_head_sends_only_over_http(five, to):
    with pytest.raises(CommandError, match="bắt đầu bằng https://"):
        call_command("audit", "export-head", to=to)


def test_a_since_file_that_does_not_exist_is_a_clear_error(five, tmp_path):
    with pytest.raises(CommandError, match="không đọc được tệp đầu cây"):
        call_command("audit", "verify", since=str(tmp_path / "khong-co.json"))
