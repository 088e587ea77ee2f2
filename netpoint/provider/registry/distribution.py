"""The registry in a Citus cluster: every worker joins the points (and their enterprises)."""

from netpoint.common.core.distribution import Reference

TABLES = [Reference("registry_enterprise"), Reference("registry_point")]
