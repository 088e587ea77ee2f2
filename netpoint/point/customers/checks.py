from django.conf import settings
from django.core.checks import Error

from netpoint.common.sealing.crypto import KeyRing, SealingError


def sealing_keys(app_configs, **kwargs):
    """The point refuses to start with keys it could not seal customers' numbers with (a
    missing NETPOINT_SEALING_KEYS is no error: the point then makes its key file)."""
    try:
        KeyRing.parse(settings.NETPOINT_SEALING_KEYS)
    except SealingError as problem:
        return [
            Error(
                f"NETPOINT_SEALING_KEYS (or the data folder's sealing.keys) is wrong: {problem}",
                hint="active=p1;p1=<base64 32 bytes>;index=<base64 32 bytes> (docs/DEPLOY.md).",
                id="netpoint.E001",
            )
        ]
    return []
