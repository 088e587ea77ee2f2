"""Numbers typed into URLs and fields are ASCII digits: "²" passes str.isdigit() and then
fails int(), which was a 500 on each of these pages (issue 24, reproduction 9)."""

import pytest
from django.urls import reverse

from netpoint.point.accesslog import parsers
from netpoint.provider.authority.addresses import AddressError, parse_address

pytestmark = pytest.mark.django_db
SUPERSCRIPT_TWO = "²"


@pytest.mark.urls("netpoint.provider.urls")
@pytest.mark.parametrize(
    ("name", "param"),
    [
        ("monitoring-points", "ward"),
        ("registry-points", "province"),
        ("registry-wards", "province"),
        ("reports-calendar", "year"),
    ],
)
def test_a_provider_page_given_a_superscript_digit_answers_normally(
    client, admin_user, name, param
):
    client.force_login(admin_user)
    answer = client.get(reverse(name), {param: SUPERSCRIPT_TWO})
    assert answer.status_code == 200


def test_the_check_in_page_given_a_superscript_customer_answers_normally(client, cashier, cafe):
    client.force_login(cashier)
    answer = client.get(f"/stations/{cafe['m1'].pk}/check-in/", {"customer": SUPERSCRIPT_TWO})
    assert answer.status_code == 200


def test_an_authority_address_with_a_superscript_port_is_refused_with_words():
    with pytest.raises(AddressError):
        parse_address("203.0.113.7:8²")


def test_a_gateway_log_line_with_a_superscript_port_is_read_without_it():
    line = "IN=br0 OUT=eth0 SRC=192.168.1.20 DST=203.0.113.7 PROTO=TCP SPT=5000 DPT=44²"
    assert parsers.netfilter(line, 0) == (0, "192.168.1.20", "203.0.113.7", 0)
