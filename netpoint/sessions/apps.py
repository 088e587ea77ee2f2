from django.apps import AppConfig


class SessionsConfig(AppConfig):
    name = "netpoint.sessions"
    # "sessions" is taken by django.contrib.sessions.
    label = "point_sessions"
    verbose_name = "Phiên sử dụng"
