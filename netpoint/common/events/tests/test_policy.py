import base64
import copy

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from netpoint.common.events.policy import (
    PolicyRefused,
    document_key,
    raw_public_key,
    signed_document,
    verify,
)
from netpoint.common.policies.tests.test_provided import POLICY

KEY = Ed25519PrivateKey.generate()


def test_a_policy_signed_by_the_provider_verifies_with_its_public_key():
    document = signed_document(KEY, POLICY)
    assert verify(raw_public_key(KEY), document).policy == POLICY
    assert document_key(document) == raw_public_key(KEY)


def test_a_policy_altered_on_the_way_is_refused():
    document = copy.deepcopy(signed_document(KEY, POLICY))
    document["policy"]["point_type"] = "internet"  # a game point escaping the closing hours
    with pytest.raises(PolicyRefused, match="signature"):
        verify(raw_public_key(KEY), document)


def test_a_policy_signed_by_another_key_is_refused():
    other = Ed25519PrivateKey.generate()
    with pytest.raises(PolicyRefused):
        verify(raw_public_key(KEY), signed_document(other, POLICY))


def test_a_signature_that_is_not_base64_is_refused():
    document = signed_document(KEY, POLICY) | {"signature": "không phải base64"}
    with pytest.raises(PolicyRefused):
        verify(raw_public_key(KEY), document)


def test_a_document_naming_a_short_key_is_refused():
    with pytest.raises(PolicyRefused):
        document_key({"key": base64.b64encode(b"short").decode()})
