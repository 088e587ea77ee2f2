import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netpoint.common.sealing.crypto import (
    KeyRing,
    SealingError,
    blind_index,
    key_id,
    reseal,
    seal,
    unseal,
)

K1, K2, INDEX = KeyRing.new_key(), KeyRing.new_key(), KeyRing.new_key()
RING = KeyRing.parse(f"active=k1;k1={K1};index={INDEX}")
ROTATED = KeyRing.parse(f"active=k2;k1={K1};k2={K2};index={INDEX}")
CCCD = "079095123456"


def test_a_sealed_number_opens_with_its_key_and_hides_the_number():
    token = seal(CCCD, "id_number", RING)
    assert CCCD not in token and token.startswith("v1.k1.")
    assert unseal(token, "id_number", RING) == CCCD


def test_sealing_twice_gives_different_ciphertexts():
    assert seal(CCCD, "id_number", RING) != seal(CCCD, "id_number", RING)


def test_a_value_moved_to_another_column_does_not_open():
    with pytest.raises(SealingError, match="altered or belongs elsewhere"):
        unseal(seal(CCCD, "id_number", RING), "phone", RING)


def test_a_tampered_value_does_not_open():
    token = seal(CCCD, "id_number", RING)
    raw = bytearray(base64.urlsafe_b64decode(token.split(".")[2]))
    raw[-1] ^= 1
    tampered = "v1.k1." + base64.urlsafe_b64encode(bytes(raw)).decode()
    with pytest.raises(SealingError):
        unseal(tampered, "id_number", RING)


@pytest.mark.parametrize("token", ["079095123456", "v2.k1.abc", "v1.k1.@@@", "v1.k9.AAAA"])
def test_things_that_are_not_sealed_values_are_refused(token):
    with pytest.raises(SealingError):
        unseal(token, "id_number", RING)


def test_rotation_moves_old_values_to_the_active_key():
    old = seal(CCCD, "id_number", RING)
    moved = reseal(old, "id_number", ROTATED)
    assert key_id(moved) == "k2" and unseal(moved, "id_number", ROTATED) == CCCD
    assert reseal(moved, "id_number", ROTATED) is moved
    with pytest.raises(SealingError, match="not known"):
        unseal(moved, "id_number", RING)


def test_blind_index_matches_equal_values_only_within_a_column():
    assert blind_index(CCCD, "id_number", RING) == blind_index(CCCD, "id_number", ROTATED)
    assert blind_index(CCCD, "id_number", RING) != blind_index(CCCD, "phone", RING)
    assert CCCD not in blind_index(CCCD, "id_number", RING)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("k1=" + K1, "active key id"),
        (f"active=k1;k1=not base64!;index={INDEX}", "base64"),
        (f"active=k1;k1={base64.b64encode(b'short').decode()};index={INDEX}", "32 bytes"),
        (f"active=k1;k1={K1}", "32 bytes"),
        (f"active=k-1;k-1={K1};index={INDEX}", "letters and digits"),
        ("active", "name=value"),
    ],
)
def test_malformed_key_settings_are_refused_with_a_reason(text, message):
    with pytest.raises(SealingError, match=message):
        KeyRing.parse(text)


@given(st.text(max_size=200), st.sampled_from(["id_number", "phone"]))
def test_any_text_comes_back_as_it_went_in(value, column):
    assert unseal(seal(value, column, RING), column, RING) == value
