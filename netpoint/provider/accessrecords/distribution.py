"""Access records in a Citus cluster: beside their point's sessions."""

from netpoint.common.core.distribution import Distributed

TABLES = [
    Distributed("accessrecords_accessrecord", "point_id", colocate_with="records_receivedevent"),
    Distributed(
        "accessrecords_unattributedaccess", "point_id", colocate_with="records_receivedevent"
    ),
]
