from django.db import models
from django.utils.translation import gettext_lazy as _


class ProviderLink(models.Model):
    """This point's link to its provider (one row): where to send, who we are, how it went."""

    provider_url = models.URLField(_("địa chỉ máy chủ doanh nghiệp"))
    point_code = models.CharField(_("mã điểm"), max_length=32)
    # Ed25519 private key (raw 32 bytes, base64); the provider holds only the public half.
    private_key = models.CharField(max_length=64)
    # The provider's Ed25519 public key (base64), given at enrollment: its policies are
    # verified with it. Blank: a point enrolled before policies, which pins the first key seen.
    provider_key = models.CharField(max_length=64, blank=True)
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


class ProviderPolicy(models.Model):
    """The last policy from the provider that this point verified (one row): its category,
    place, hours and whether a minor's minutes count across points. It comes signed with every
    answer to a batch; the point applies it and cannot change it
    (netpoint.point.uplink.policy)."""

    # The signed document as it came: {"policy": …, "signature": …, "key": …}.
    document = models.JSONField()
    version = models.BigIntegerField()
    received_at = models.DateTimeField()
    # The last document refused (signature, older version, another point's): why and when.
    last_refusal = models.CharField(max_length=200, blank=True)
    last_refused_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("chính sách của doanh nghiệp")
        verbose_name_plural = _("chính sách của doanh nghiệp")

    def __str__(self):
        return f"{self.version}"


class ElsewhereMinutes(models.Model):
    """A customer's minutes today at the provider's other points, as the provider last said
    (netpoint.point.uplink.minutes): the daily limit counts them with this point's own."""

    customer_id = models.BigIntegerField()
    day = models.DateField()
    seconds = models.PositiveIntegerField()
    asked_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["customer_id", "day"], name="elsewhere_once_a_day")
        ]

    def __str__(self):
        return f"{self.customer_id} {self.day} {self.seconds}"
