from netpoint.monitoring.tests.conftest import customer, department, heartbeat, session, staff  # noqa: F401
