"""Public Wi-Fi's rows of the provider's permission matrix
(netpoint/provider/authority/tests/test_permission_matrix.py, which says what each table holds)."""

from netpoint.provider.modules.wifi.models import Nas, RadAcct
from netpoint.provider.registry.models import Point

ADMIN, OPERATOR = {"provider_admin"}, {"provider_admin", "provider_operator"}
MATRIX = {
    "wifi-nas-list": ("get", OPERATOR),
    "wifi-nas-new": ("get", ADMIN),
    "wifi-nas-edit": ("get", ADMIN),
    "wifi-sessions": ("get", OPERATOR),
    "wifi-session-disconnect": ("post", ADMIN),
    "wifi-statistics": ("get", OPERATOR),
}
API_MATRIX = {"wifi-api-statistics": ("get", OPERATOR, {403}, 401)}
# The captive portal: people not yet online, and the hotspots' own controllers (authmon,
# BinAuth with the hotspot's key) (test_portal.py).
EXEMPT = {
    "wifi-portal",
    "wifi-portal-phone",
    "wifi-portal-binauth",
    "wifi-portal-code",
    "wifi-portal-resend",
    "wifi-portal-change",
    "wifi-portal-done",
}
API_KWARGS: dict[str, dict] = {}


def arguments() -> dict[str, list]:
    # Its NAS is not registered: the disconnect is refused with a message, after the gate.
    open_session = RadAcct.objects.create(
        acctsessionid="S-1", acctuniqueid="matrix", nasipaddress="192.0.2.1"
    )
    # On the point the matrix made: the page only reads it.
    nas = Nas.objects.create(
        point=Point.objects.first(), name="NAS", ip_address="192.0.2.2", secret_sealed="x"
    )
    return {"wifi-session-disconnect": [open_session.pk], "wifi-nas-edit": [nas.pk]}
