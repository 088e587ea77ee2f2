"""A point enrolled with a provider whose key signs its policies, for the point's own tests of
what it does with a policy (no provider runs: test_policy_processes.py runs one)."""

import base64
from dataclasses import replace

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from netpoint.common.core import clock
from netpoint.common.events import signing
from netpoint.common.events.policy import raw_public_key, signed_document
from netpoint.common.policies.provided import PointPolicy
from netpoint.common.policies.tests.test_provided import POLICY
from netpoint.point.uplink import policy
from netpoint.point.uplink.models import ProviderLink

PROVIDER_KEY = Ed25519PrivateKey.generate()


def enrolled(point_code: str, provider_url: str = "https://icafe.example.vn") -> ProviderLink:
    return ProviderLink.objects.create(
        provider_url=provider_url,
        point_code=point_code,
        private_key=signing.new_private_key(),
        provider_key=base64.b64encode(raw_public_key(PROVIDER_KEY)).decode(),
        enrolled_at=clock.now(),
    )


def policy_for(point_code: str, **changes) -> PointPolicy:
    """A game point's policy in Hà Nội (08:00-22:00) for that point, with `changes`."""
    return replace(POLICY, point=point_code, **changes)


def signed(policy_: PointPolicy, key: Ed25519PrivateKey = PROVIDER_KEY) -> dict:
    return signed_document(key, policy_)


def take(link: ProviderLink, policy_: PointPolicy) -> policy.Outcome:
    return policy.take(link, signed(policy_))
