"""The Wi-Fi domain's sealed columns (netpoint.common.sealing.registry)."""

from netpoint.common.sealing.indexes import phone_index
from netpoint.common.sealing.registry import KeyedHashes, SealedColumn
from netpoint.provider.modules.wifi.portal import (
    ATTEMPT_PHONE_COLUMN,
    EVENT_KEY_COLUMN,
    PORTAL_KEY_COLUMN,
)
from netpoint.provider.modules.wifi.services import PASSWORD_COLUMN, PHONE_COLUMN, SECRET_COLUMN


def _phone_index(phone, row, ring):
    return phone_index(phone, ring)


SEALED = [
    SealedColumn("wifi.Nas", "secret_sealed", SECRET_COLUMN),
    SealedColumn("wifi.Nas", "portal_key_sealed", PORTAL_KEY_COLUMN),
    SealedColumn("wifi.Nas", "event_key_sealed", EVENT_KEY_COLUMN),
    SealedColumn("wifi.WifiUser", "password_sealed", PASSWORD_COLUMN),
    SealedColumn(
        "wifi.WifiUser", "phone_sealed", PHONE_COLUMN, index="phone_index", compute=_phone_index
    ),
    SealedColumn(
        "wifi.PortalAttempt",
        "phone_sealed",
        ATTEMPT_PHONE_COLUMN,
        index="phone_index",
        compute=_phone_index,
    ),
]

KEYED_HASHES = [
    KeyedHashes(
        "wifi.PortalConsent",
        "phone_index",
        "consents are kept by the phone's index only: under a new index key the records made "
        "before no longer match the phone they were given for",
    ),
]
