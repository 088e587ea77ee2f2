"""Tests: the point role on whatever NETPOINT_DATABASE_URL names (PostgreSQL in CI)."""

import os
import tempfile

os.environ.setdefault("NETPOINT_DATA_DIR", os.path.join(tempfile.gettempdir(), "netpoint-test"))
os.environ.setdefault("NETPOINT_SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")

from netpoint.settings.point import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
