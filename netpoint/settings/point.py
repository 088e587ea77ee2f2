"""The point role: the café's own server (stations, customers, sessions, billing, policies)."""

from netpoint.settings.base import *  # noqa: F403
from netpoint.settings.base import INSTALLED_APPS

INSTALLED_APPS = INSTALLED_APPS + [
    "ninja",
    "netpoint.stations",
    "netpoint.customers",
    "netpoint.sessions",
    "netpoint.billing",
    "netpoint.outbox",
    "netpoint.uplink",
]
ROOT_URLCONF = "netpoint.urls_point"
NETPOINT_ROLE = "point"
