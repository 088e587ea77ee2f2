import pytest

from netpoint.point.gate import services


@pytest.fixture(autouse=True)
def _gate_forgotten():
    """What the keeper last said of the gateway lives in memory: each test starts without it."""
    services.forget_state()
    yield
    services.forget_state()
