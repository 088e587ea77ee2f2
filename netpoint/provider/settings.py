"""The provider role: the enterprise's server (registry, ingest, central records, retention)."""

import os

from django.core.exceptions import ImproperlyConfigured

from netpoint.common.database import database_from_url
from netpoint.common.settings import *  # noqa: F403
from netpoint.common.settings import DATA_DIR, DATABASES, INSTALLED_APPS
from netpoint.common.sms import config_from_env
from netpoint.provider.registry.conf import ProviderSettings

# The provider's own apps: every provider has them.
CORE_APPS = [
    "netpoint.provider.registry",
    "netpoint.provider.records",
    "netpoint.provider.authority",
    "netpoint.provider.accounts",
    "netpoint.provider.monitoring",
    "netpoint.provider.reports",
    "netpoint.provider.accessrecords",
]
# The optional modules (netpoint/provider/modules), in the order they are installed. They plug
# in through doors (netpoint.common.core.doors); the core never imports one.
MODULES = ("antispam", "games", "wifi", "nat")
# A module that cannot work without another: NAT logs are resolved to people through the
# public Wi-Fi's RADIUS sessions (nat's searches and its migration's index read radacct).
NEEDS = {"nat": "wifi"}


def modules_named(value: str) -> list[str]:
    """The modules a comma-separated NETPOINT_MODULES names (empty: none), in MODULES order."""
    named = {name.strip() for name in value.split(",") if name.strip()}
    unknown = named - set(MODULES)
    if unknown:
        raise ImproperlyConfigured(
            f"NETPOINT_MODULES names {', '.join(sorted(unknown))}: the modules are "
            f"{', '.join(MODULES)}"
        )
    for module, needed in NEEDS.items():
        if module in named and needed not in named:
            raise ImproperlyConfigured(
                f"NETPOINT_MODULES: the {module} module needs the {needed} module; "
                f"add {needed} or leave {module} out"
            )
    return [module for module in MODULES if module in named]


# Which modules this provider runs, from the environment (comma-separated; unset: all of them,
# set and empty: none).
NETPOINT_MODULES = modules_named(os.environ.get("NETPOINT_MODULES", ",".join(MODULES)))
PROVIDER_APPS = CORE_APPS + [f"netpoint.provider.modules.{name}" for name in NETPOINT_MODULES]

INSTALLED_APPS = INSTALLED_APPS + ["ninja", *PROVIDER_APPS]
ROOT_URLCONF = "netpoint.provider.urls"
LOGIN_REDIRECT_URL = "home"
NETPOINT_ROLE = "provider"

# A PostgreSQL streaming replica that authority searches, the monitoring pages and the reports
# may read from (netpoint.provider.records.replica); unset, everything reads from the primary.
# Reads stay on the primary while the replica is further behind than NETPOINT_REPLICA_MAX_LAG
# seconds, or does not answer.
NETPOINT_REPLICA_MAX_LAG = float(os.environ.get("NETPOINT_REPLICA_MAX_LAG", "30"))
NETPOINT_REPLICA_READS = ["netpoint.provider.monitoring.", "netpoint.provider.reports."]
if os.environ.get("NETPOINT_REPLICA_DATABASE_URL"):
    DATABASES = DATABASES | {
        "replica": database_from_url(os.environ["NETPOINT_REPLICA_DATABASE_URL"], DATA_DIR)
    }
    DATABASE_ROUTERS = ["netpoint.provider.records.replica.ReplicaRouter"]
    # Last: the innermost, so the page's rendering reads from the replica too.
    REPLICA_MIDDLEWARE = ["netpoint.provider.records.replica.ReplicaReadsMiddleware"]
else:
    REPLICA_MIDDLEWARE = []

# `active=k1;k1=<base64 32 bytes>;index=<base64 32 bytes>`: from the environment, never from
# the database (netpoint.common.sealing). Without it the provider refuses to store personal data.
NETPOINT_SEALING_KEYS = os.environ.get("NETPOINT_SEALING_KEYS", "")

# The gateway the captive portal's codes leave through (netpoint.common.sms), as JSON in the
# environment file: {"kind": "http", "url": …, "token": …}; unset, the file gateway.
NETPOINT_SMS_GATEWAY = config_from_env(os.environ.get("NETPOINT_SMS_GATEWAY", ""))

# A batch of events may be this large (the ingest endpoint checks it again after inflating).
DATA_UPLOAD_MAX_MEMORY_SIZE = ProviderSettings().max_batch_bytes

# The app processes listen on 127.0.0.1 behind nginx, which terminates TLS and says so.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# ...and gives the client's address in X-Real-IP, believed from these addresses only
# (netpoint.common.core.middleware): NETPOINT_TRUSTED_PROXIES=127.0.0.1 behind the nginx of deploy/.
NETPOINT_TRUSTED_PROXIES = [
    address.strip()
    for address in os.environ.get("NETPOINT_TRUSTED_PROXIES", "").split(",")
    if address.strip()
]
MIDDLEWARE = [
    "netpoint.common.core.middleware.ClientAddressMiddleware",
    *MIDDLEWARE,  # noqa: F405
    *REPLICA_MIDDLEWARE,
]
SESSION_COOKIE_SECURE = os.environ.get("NETPOINT_INSECURE_COOKIES", "") != "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Staff and authority accounts reach personal data: long passwords, not like their names.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# What this provider changes of its apps' settings (each declared, with its defaults and, for a
# number from law, its article, in the app's conf.py; see netpoint.common.settings).
# The terms with points: enrollment, signed requests, batches (netpoint.provider.registry.conf).
NETPOINT_PROVIDER: dict = {}
# Days each kind of record is kept (netpoint.provider.records.conf, for every provider app).
NETPOINT_RETENTION_DAYS: dict = {}
# The retention profile in force: "default", or "storage_request" under a written storage request
# (Nghị định 53/2022/NĐ-CP, Điều 26-27; netpoint.provider.records.conf).
NETPOINT_RETENTION: dict = {}
# Searches and exports under a written request (netpoint.provider.authority.conf).
NETPOINT_AUTHORITY: dict = {}
# The Sở's monitoring (netpoint.provider.monitoring.conf) and the report calendar
# (netpoint.provider.reports.conf).
NETPOINT_MONITORING: dict = {}
NETPOINT_REPORTS: dict = {}
# Public Wi-Fi: the RADIUS server and the captive portal (netpoint.provider.modules.wifi.conf).
NETPOINT_WIFI: dict = {}
# Online games (netpoint.provider.modules.games.conf).
NETPOINT_GAMES: dict = {}
# Anti-spam (netpoint.provider.modules.antispam.conf).
NETPOINT_ANTISPAM: dict = {}
