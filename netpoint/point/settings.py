"""The point role: the café's own server (stations, customers, sessions, billing, policies)."""

import os

from netpoint.common.database import sealing_keys_file
from netpoint.common.settings import *  # noqa: F403
from netpoint.common.settings import DATA_DIR, INSTALLED_APPS

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
    "netpoint.point.gate",
    "netpoint.point.owner",
]
ROOT_URLCONF = "netpoint.point.urls"
NETPOINT_ROLE = "point"

# The keys that seal customers' ID and phone numbers (netpoint.common.sealing), in the form the
# provider's take: from the environment, or else a file beside the database (never inside it),
# made with mode 0600 on first use so that a demo needs no step. docs/DEPLOY.md: keep it out of
# the database's backups, and keep a copy of it apart.
NETPOINT_SEALING_KEYS = os.environ.get("NETPOINT_SEALING_KEYS") or sealing_keys_file(
    DATA_DIR / "sealing.keys"
)

# What this point changes of its apps' settings (each declared, with its defaults, in the app's
# conf.py; see netpoint.common.settings): the stations' timings (netpoint.point.stations.conf).
NETPOINT_STATION: dict = {}
# The policy runner's interval (netpoint.point.sessions.conf).
NETPOINT_SESSIONS: dict = {}
# The sender to the provider (netpoint.point.uplink.conf); a provider with its own certificate
# authority: the CA's PEM file.
NETPOINT_UPLINK = {"ca_file": os.environ.get("NETPOINT_UPLINK_CA_FILE", "")}
# The access log (netpoint.point.accesslog.conf): the provider's lists of domains and ports per
# kind of service, as a JSON file; empty: the built-in lists.
NETPOINT_ACCESSLOG = {"services_file": os.environ.get("NETPOINT_ACCESSLOG_SERVICES", "")}
# The café gateway's allow-list (netpoint.point.gate.conf): "none" leaves the gateway alone;
# docs/DEPLOY.md shows the nftables and RouterOS set-ups.
NETPOINT_GATE: dict = {}
# The bank account customers pay into by VietQR (netpoint.point.billing.conf): the NAPAS bank
# BIN, the account number and its holder; empty: cash only. An ESC/POS receipt printer's address.
NETPOINT_BILLING = {
    "bank_bin": os.environ.get("NETPOINT_BANK_BIN", ""),
    "bank_account": os.environ.get("NETPOINT_BANK_ACCOUNT", ""),
    "bank_account_name": os.environ.get("NETPOINT_BANK_ACCOUNT_NAME", ""),
    "bank_name": os.environ.get("NETPOINT_BANK_NAME", ""),
    "bank_is_demo": os.environ.get("NETPOINT_BANK_IS_DEMO", "") == "1",
    "printer_host": os.environ.get("NETPOINT_RECEIPT_PRINTER", ""),
}
