"""The database from NETPOINT_DATABASE_URL, SQLite in the data folder when it is unset."""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit


def database_from_env(data_dir: Path, variable: str = "NETPOINT_DATABASE_URL") -> dict:
    return database_from_url(os.environ.get(variable, ""), data_dir)


def database_from_url(url: str, data_dir: Path) -> dict:
    if not url or url.startswith("sqlite:"):
        path = urlsplit(url).path if url else ""
        return sqlite(Path(path) if path else data_dir / "netpoint.sqlite3")
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise ValueError("NETPOINT_DATABASE_URL must be sqlite:///path or postgres://…")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        # Each connection prepares the searches' statements and their generic plans (planning
        # over a month's partitions costs milliseconds): a connection kept ten minutes makes
        # them again once per ten minutes, not once a minute.
        "CONN_MAX_AGE": 600,
    }


def sqlite(path: Path) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        # Keep each server thread's connection: opening one costs more than a station poll.
        "CONN_MAX_AGE": 600,
        "OPTIONS": {
            # WAL lets the station API read while the cashier writes; IMMEDIATE avoids
            # "database is locked" upgrades in the middle of a transaction.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


def secret_key_file(path: Path) -> str:
    """A per-installation secret, made once and kept beside the database."""
    if not path.exists():
        import secrets

        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def sealing_keys_file(path: Path) -> str:
    """The point's sealing keys (netpoint.common.sealing), made once, 0600, beside the database
    but never in it: a copy of the database file alone holds no ID or phone number. Written to a
    temporary file and linked into place, so that two processes starting together agree."""
    if not path.exists():
        import base64
        import secrets

        path.parent.mkdir(parents=True, exist_ok=True)
        key, index = (base64.b64encode(secrets.token_bytes(32)).decode() for _ in range(2))
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as out:
            out.write(f"active=p1;p1={key};index={index}\n")
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process made it first: theirs is the one
        finally:
            temporary.unlink()
    return path.read_text().strip()
