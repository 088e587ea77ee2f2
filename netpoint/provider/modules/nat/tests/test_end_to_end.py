"""From the hotspot's own protocols to the person: FreeRADIUS's radclient reports a session to
our RADIUS server, the test exporter reports the port block over IPFIX to the collector, and
public IP + port + moment resolve to the session, the device and the verified user."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from netpoint.common.identity.fake import fake_person
from netpoint.provider.modules.nat import services
from netpoint.provider.modules.nat.tests import exporter as x
from netpoint.provider.modules.wifi import services as wifi
from netpoint.provider.modules.wifi.tests.conftest import SECRET

START_AT = 1_795_000_000
MAC = "AA-BB-CC-00-11-22"


@pytest.fixture
def nas(hotspot):
    return wifi.register_nas(hotspot, "Bộ điều khiển", "127.0.0.1", SECRET)


def test_a_radius_session_and_an_ipfix_port_block_lead_to_the_user(
    run_radius, radclient, collector, nas, send, hotspot
):
    guest, _password = wifi.verify_user(fake_person(random.Random(12)).phone, hotspot)
    radius = run_radius()
    attributes = [
        "Acct-Status-Type = Start",
        'Acct-Session-Id = "S-200"',
        f'User-Name = "{guest.login}"',
        "NAS-IP-Address = 127.0.0.1",
        f'Calling-Station-Id = "{MAC.lower()}"',
        "Framed-IP-Address = 10.0.0.23",
        f"Event-Timestamp = {START_AT}",
    ]
    output, _code = radclient(radius.acct_port, "acct", "\n".join(attributes) + "\n")
    assert "Received Accounting-Response" in output, output

    start = datetime.fromtimestamp(START_AT, UTC)
    block = x.block_event(16, start + timedelta(seconds=3), "10.0.0.23", "203.0.113.7", 4096, 4607)
    templates = x.a_set(2, x.template_record(256, x.BLOCK_FIELDS))
    send(collector.ipfix_port, x.message(templates, x.a_set(256, block)))
    assert collector.wait_stored(1), collector.stats

    [found] = services.behind("203.0.113.7", 4100, start + timedelta(minutes=20))
    assert (found.session_id, found.mac, found.user_id) == ("S-200", MAC, guest.pk)
    assert found.binding.point == "HN-W001"
    assert services.behind("203.0.113.7", 4100, start) == []
