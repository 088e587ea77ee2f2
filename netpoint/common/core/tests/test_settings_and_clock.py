from datetime import UTC, datetime, timedelta

import pytest

from netpoint.common.core import clock
from netpoint.common.core.clock import FakeClock
from netpoint.common.database import database_from_env, secret_key_file


def test_without_a_url_the_database_is_sqlite_in_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("NETPOINT_DATABASE_URL", raising=False)
    db = database_from_env(tmp_path)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "netpoint.sqlite3")
    assert "synchronous=FULL" in db["OPTIONS"]["init_command"]


def test_a_postgres_url_is_split_into_django_settings(monkeypatch, tmp_path):
    monkeypatch.setenv("NETPOINT_DATABASE_URL", "postgres://np:p%40ss@db.local:6543/netpoint")
    db = database_from_env(tmp_path)
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "np",
        "p@ss",
        "db.local",
        "6543",
        "netpoint",
    )


def test_an_unknown_database_scheme_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("NETPOINT_DATABASE_URL", "mysql://x/y")
    with pytest.raises(ValueError, match="NETPOINT_DATABASE_URL"):
        database_from_env(tmp_path)


def test_the_secret_key_is_made_once_and_kept_private(tmp_path):
    path = tmp_path / "secret.key"
    first = secret_key_file(path)
    assert secret_key_file(path) == first and len(first) > 40
    assert path.stat().st_mode & 0o077 == 0


def test_fake_clock_stands_still_until_advanced():
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with clock.use(FakeClock(start)) as fake:
        assert clock.now() == start
        fake.advance(timedelta(minutes=5))
        assert clock.now() == start + timedelta(minutes=5)
    assert clock.now() != start + timedelta(minutes=5)


def test_a_running_fake_clock_moves_with_real_time():
    fake = FakeClock(datetime(2026, 1, 1, tzinfo=UTC), running=True)
    first = fake.now()
    assert fake.now() >= first


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
