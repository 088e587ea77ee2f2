from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsConfig(AppConfig):
    name = "netpoint.point.sessions"
    # "sessions" is taken by django.contrib.sessions.
    label = "point_sessions"
    verbose_name = _("Phiên sử dụng")
