from django.db import models
from django.utils.translation import gettext_lazy as _


class OwnerPages(models.Model):
    """No table: the holder of the permission that opens the owner's pages (/chu-quan/), so
    that a point can give it to a manager's group as well as to the owner (a superuser)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("manage_point", _("Quản lý điểm (trang của chủ quán)"))]
        verbose_name = _("trang của chủ quán")

    def __str__(self):
        return str(self._meta.verbose_name)
