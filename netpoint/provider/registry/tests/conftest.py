# Enrolled points and their events, as the records tests make them.
from netpoint.provider.records.tests.conftest import enroll_point, hanoi  # noqa: F401
