"""The records' tables in a Citus cluster (netpoint.common.core.distribution): a point's
events, sessions, heartbeats, stations and own versions of people on one worker, by point."""

from netpoint.common.core.distribution import Distributed, Reference

GROUP = "records_receivedevent"

TABLES = [
    # One row per person across points, found by blind index: copied to every worker while it
    # fits (docs/DEPLOY.md says what changes when it does not).
    Reference("records_person"),
    Distributed(GROUP, "point_id"),
    Distributed("records_sessionrecord", "point_id", colocate_with=GROUP),
    Distributed("records_heartbeat", "point_id", colocate_with=GROUP),
    Distributed("records_pointperson", "point_id", colocate_with=GROUP),
    Distributed("records_stationrecord", "point_id", colocate_with=GROUP),
    Distributed("records_pointstream", "point_id", colocate_with=GROUP),
    Distributed("records_sequencegap", "point_id", colocate_with=GROUP),
]
