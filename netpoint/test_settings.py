"""Tests: the point role on whatever NETPOINT_DATABASE_URL names (PostgreSQL in CI)."""

import os
import tempfile

os.environ.setdefault("NETPOINT_DATA_DIR", os.path.join(tempfile.gettempdir(), "netpoint-test"))
os.makedirs(os.environ["NETPOINT_DATA_DIR"], exist_ok=True)
os.environ.setdefault("NETPOINT_SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")

from netpoint.point.settings import *  # noqa: E402, F403
from netpoint.point.settings import INSTALLED_APPS  # noqa: E402
from netpoint.provider.settings import (  # noqa: E402, F401
    DATA_UPLOAD_MAX_MEMORY_SIZE,
    NETPOINT_MODULES,
    NETPOINT_REPLICA_MAX_LAG,
    NETPOINT_REPLICA_READS,
    PROVIDER_APPS,
)

# Both roles in one test database: provider tests select their URLs with
# `@pytest.mark.urls("netpoint.provider.urls")`. The provider's apps are those of its settings,
# so NETPOINT_MODULES chooses the modules here as it does there.
INSTALLED_APPS = INSTALLED_APPS + PROVIDER_APPS

# Test-only keys (generated for this file, never used anywhere else).
NETPOINT_SEALING_KEYS = (
    "active=t1;t1=dGVzdC1vbmx5LXNlYWxpbmcta2V5LW51bWJlci0xMjM=;"
    "index=dGVzdC1vbmx5LWJsaW5kLWluZGV4LWtleS0xMjM0NTY="
)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not pytest-django's shared in-memory database: threads (the policy runner, the
    # live server) then lock and wait as they do in production instead of failing at once.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(os.environ["NETPOINT_DATA_DIR"], "test.sqlite3")
    }
