from django.db import models
from django.utils.translation import gettext_lazy as _


class ProviderLink(models.Model):
    """This point's link to its provider (one row): where to send, who we are, how it went."""

    provider_url = models.URLField(_("địa chỉ máy chủ doanh nghiệp"))
    point_code = models.CharField(_("mã điểm"), max_length=32)
    # Ed25519 private key (raw 32 bytes, base64); the provider holds only the public half.
    private_key = models.CharField(max_length=64)
    enrolled_at = models.DateTimeField()
    # Every outbox event up to this sequence number is committed at the provider.
    sent_through_seq = models.BigIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("kết nối máy chủ doanh nghiệp")
        verbose_name_plural = _("kết nối máy chủ doanh nghiệp")

    def __str__(self):
        return f"{self.point_code} → {self.provider_url}"
