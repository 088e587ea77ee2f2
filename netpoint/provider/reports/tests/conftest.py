from netpoint.provider.monitoring.tests.conftest import (  # noqa: F401
    customer,
    department,
    heartbeat,
    session,
    staff,
)
