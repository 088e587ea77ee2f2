# The owner and a client logged in as them, as the owner's pages are tested.
from netpoint.point.owner.tests.conftest import owner, owner_client  # noqa: F401
