from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One look at personal data, search, export, approval, login or settings change; a leaf
    of the log's Merkle tree, `hash` its leaf hash over every field (netpoint.common.audit.log).
    Never updated."""

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField(_("thời điểm"), db_index=True)
    # Kept as it was when the entry was written, even if the user is deleted later: the leaf
    # covers it, so a database that changed it would break the log.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
    )
    actor = models.CharField(_("người thực hiện"), max_length=150)
    action = models.CharField(_("hành động"), max_length=40, db_index=True)
    target = models.CharField(_("đối tượng"), max_length=200, blank=True)
    detail = models.JSONField(_("chi tiết"), default=dict)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("mục nhật ký kiểm toán")
        verbose_name_plural = _("nhật ký kiểm toán")
        ordering = ["seq"]

    def __str__(self):
        return f"{self.seq} {self.action} {self.actor}"


class AuditHead(models.Model):
    """The tree's head (one row): its size, its root (hex) and its compact range (the roots of
    its perfect subtrees, largest first, as a JSON list of hex), from which the next append
    computes the next root. Moved by a compare-and-set, or under its lock, so entries are
    numbered one after another. Signed heads live outside the database (services.publish)."""

    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)
    frontier = models.TextField(default="[]")

    def __str__(self):
        return str(self.last_seq)
