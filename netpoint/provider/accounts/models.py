"""A second factor for the provider's staff and authority users: a TOTP authenticator app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TotpDevice(models.Model):
    """The shared secret of a user's authenticator app, sealed like personal data (anyone
    who reads it could make codes), and the last time step used, so no code works twice."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    secret_sealed = models.TextField()
    confirmed_at = models.DateTimeField()
    last_used_step = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("ứng dụng xác thực")
        verbose_name_plural = _("ứng dụng xác thực")

    def __str__(self):
        return str(self.user)
