"""One phone, one blind index, however it is written (issue 24): scope checks, searches and
ingest all index a phone through indexes.phone_index."""

import pytest

from netpoint.common.sealing.crypto import KeyRing, blind_index
from netpoint.common.sealing.indexes import PHONE_COLUMN, phone_index

RING = KeyRing.parse(f"active=k1;k1={KeyRing.new_key()};index={KeyRing.new_key()}")
FORMS = ["0987654321", "0987 654 321", "+84987654321", "84987654321", "(+84) 987-654-321"]


@pytest.mark.parametrize("written", FORMS)
def test_every_way_of_writing_a_phone_gives_the_index_of_its_e164_form(written):
    assert phone_index(written, RING) == phone_index("+84987654321", RING)


def test_the_index_of_an_e164_phone_is_the_one_already_stored():
    """Stored indexes were computed from the digits of the E.164 numbers the points send:
    they stay valid with no migration."""
    assert phone_index("+84987654321", RING) == blind_index("84987654321", PHONE_COLUMN, RING)


def test_a_different_number_gives_a_different_index():
    assert phone_index("0987654322", RING) != phone_index("0987654321", RING)


def test_a_malformed_number_gives_an_index_that_matches_no_real_phone():
    assert phone_index("12", RING) not in {phone_index(form, RING) for form in FORMS}
    assert phone_index("", RING) == ""
