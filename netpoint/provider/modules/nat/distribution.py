"""NAT logs in a Citus cluster: bindings hashed by public address, so "who had this public
IP and port at that moment" reads one worker. The devices and port blocks are copied to
every worker."""

from netpoint.common.core.distribution import Distributed, Reference

TABLES = [
    Reference("nat_natdevice"),
    Reference("nat_portblock"),
    Distributed("nat_binding", "public_ip"),
]
