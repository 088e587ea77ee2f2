"""The provider role: the enterprise's server. Its apps arrive with the provider issues."""

from netpoint.settings.base import *  # noqa: F403
from netpoint.settings.base import INSTALLED_APPS

INSTALLED_APPS = INSTALLED_APPS + ["ninja"]
ROOT_URLCONF = "netpoint.urls_provider"
NETPOINT_ROLE = "provider"
