from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One look at personal data, search, export, approval, login or settings change; each
    entry carries the hash of the one before (netpoint.common.audit.chain). Never updated."""

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField(_("thời điểm"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor = models.CharField(_("người thực hiện"), max_length=150)
    action = models.CharField(_("hành động"), max_length=40, db_index=True)
    target = models.CharField(_("đối tượng"), max_length=200, blank=True)
    detail = models.JSONField(_("chi tiết"), default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("mục nhật ký kiểm toán")
        verbose_name_plural = _("nhật ký kiểm toán")
        ordering = ["seq"]

    def __str__(self):
        return f"{self.seq} {self.action} {self.actor}"


class AuditHead(models.Model):
    """The chain's last entry (one row), locked while an entry is appended so entries are
    numbered one after another."""

    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    def __str__(self):
        return str(self.last_seq)
