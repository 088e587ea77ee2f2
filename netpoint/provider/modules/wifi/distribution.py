"""Public Wi-Fi in a Citus cluster. RADIUS accounting rows carry no point: they are hashed by
FreeRADIUS's AcctUniqueId, the key every accounting upsert finds its row by, so each packet
goes to one worker; a search by address or device asks every worker. The set-up tables are
small and copied to every worker."""

from netpoint.common.core.distribution import Distributed, Reference

TABLES = [
    Reference("wifi_nas"),
    Reference("wifi_wifiuser"),
    Reference("wifi_wifidevice"),
    Reference("wifi_portalattempt"),
    Reference("wifi_authmongrant"),
    Reference("wifi_gatewayevent"),
    Distributed("radacct", "acctuniqueid"),
]
