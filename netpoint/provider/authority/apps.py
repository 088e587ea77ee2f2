from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthorityConfig(AppConfig):
    name = "netpoint.provider.authority"
    label = "authority"
    verbose_name = _("Yêu cầu của cơ quan chức năng")

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_migrate

        from netpoint.provider.authority.roles import apply_roles

        # After every app's permissions exist: post_migrate is sent per app in order, and
        # roles name permissions of apps installed after this one.
        post_migrate.connect(apply_roles, sender=list(apps.get_app_configs())[-1])
