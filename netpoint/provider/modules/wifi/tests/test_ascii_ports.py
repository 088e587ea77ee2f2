"""A port a client's browser carries in from the hotspot is ASCII digits: "²" passes
str.isdigit() and then fails int(), a ValueError the portal did not catch: a 500
(issue 24, reproduction 9)."""

import pytest

from netpoint.provider.modules.wifi import controllers
from netpoint.provider.modules.wifi.tests.test_controllers import LIST

CHALLENGE = "0f" * 16


def test_a_uam_challenge_with_a_superscript_port_is_refused():
    query = {"res": "notyet", "uamip": "10.1.0.1", "uamport": "39²", "challenge": CHALLENGE}
    with pytest.raises(controllers.ControllerError):
        controllers.parse_uam(query)


def test_a_uam_result_with_a_superscript_port_is_read_without_it():
    query = {"res": "success", "uamip": "10.1.0.1", "uamport": "39²"}
    assert controllers.parse_uam(query).uamport == 0


def test_a_fas_gateway_port_in_superscript_digits_is_refused():
    with pytest.raises(controllers.ControllerError):
        controllers.parse_fas_list(LIST.replace("10.1.0.1:2050", "10.1.0.1:205²"))
