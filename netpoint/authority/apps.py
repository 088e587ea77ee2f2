from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthorityConfig(AppConfig):
    name = "netpoint.authority"
    verbose_name = _("Yêu cầu của cơ quan chức năng")

    def ready(self):
        from django.db.models.signals import post_migrate

        from netpoint.authority.roles import apply_roles

        # After the last app's permissions exist: every app's post_migrate has this sender.
        post_migrate.connect(apply_roles, sender=self)
