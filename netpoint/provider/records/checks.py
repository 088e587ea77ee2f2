from django.conf import settings
from django.core.checks import Error

from netpoint.common.sealing.crypto import KeyRing, SealingError


def sealing_keys(app_configs, **kwargs):
    """The provider refuses to start without keys to seal personal data with."""
    try:
        KeyRing.parse(settings.NETPOINT_SEALING_KEYS)
    except SealingError as problem:
        return [
            Error(
                f"NETPOINT_SEALING_KEYS is missing or wrong: {problem}",
                hint="Set it in the environment as active=k1;k1=<base64 32 bytes>;"
                "index=<base64 32 bytes> (see docs/DEPLOY.md).",
                id="netpoint.E001",
            )
        ]
    return []
