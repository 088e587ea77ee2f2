from django.conf import settings
from django.core.checks import Warning

from netpoint.common import sms


def sms_gateway(app_configs, **kwargs):
    """The file gateway is for the demo and the tests: a deployment that left
    NETPOINT_SMS_GATEWAY unset (or misspelt it) would send nobody their code, silently."""
    if settings.DEBUG or not sms.uses_file_gateway():
        return []
    return [
        Warning(
            "The captive portal's codes go to the file gateway (a file under the data "
            "directory), which is for the demo and tests only.",
            hint='Set NETPOINT_SMS_GATEWAY={"kind": "http", "url": …, "token": …} in the '
            "environment file (see docs/DEPLOY.md).",
            id="netpoint.W024",
        )
    ]
