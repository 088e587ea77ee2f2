"""The point role: the café's own server (stations, customers, sessions, billing, policies)."""

import os

from netpoint.common.settings import *  # noqa: F403
from netpoint.common.settings import INSTALLED_APPS

INSTALLED_APPS = INSTALLED_APPS + [
    "ninja",
    "netpoint.point.profile",
    "netpoint.point.stations",
    "netpoint.point.customers",
    "netpoint.point.sessions",
    "netpoint.point.billing",
    "netpoint.point.outbox",
    "netpoint.point.uplink",
    "netpoint.point.accesslog",
]
ROOT_URLCONF = "netpoint.point.urls"
NETPOINT_ROLE = "point"

# The access log (REQUIREMENTS A.7), read from the café gateway's own logs.
NETPOINT_ACCESSLOG = {
    # Days the point keeps its access records (the provider keeps its own, by
    # NETPOINT_RETENTION_DAYS["access"]).
    "retention_days": 30,
    # The provider's lists of domains and ports per kind of service (JSON, the shape of
    # netpoint.point.accesslog.classify.DEFAULT_SERVICES); empty: the built-in lists.
    "services_file": os.environ.get("NETPOINT_ACCESSLOG_SERVICES", ""),
    # The zone of the gateway's clock, for log formats whose times carry none.
    "gateway_zone": "Asia/Ho_Chi_Minh",
    "entries_per_event": 2000,
    "sample_lines": 20,
    "chunk_bytes": 4 * 1024 * 1024,
    "poll_seconds": 1.0,
}

# What this point changes of its apps' settings (each declared, with its defaults, in the app's
# conf.py; see netpoint.common.settings): the stations' timings (netpoint.point.stations.conf).
NETPOINT_STATION: dict = {}
# The sender to the provider (netpoint.point.uplink.conf); a provider with its own certificate
# authority: the CA's PEM file.
NETPOINT_UPLINK = {"ca_file": os.environ.get("NETPOINT_UPLINK_CA_FILE", "")}
