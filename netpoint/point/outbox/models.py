from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxEvent(models.Model):
    """An event waiting for (or already taken by) the provider, written in the same transaction
    as the record it describes: committed together or not at all. Which events the provider
    has taken is one number, the link's `sent_through_seq`, not a mark on each event."""

    id = models.UUIDField(primary_key=True)
    seq = models.BigIntegerField(unique=True)
    kind = models.CharField(max_length=40)
    envelope = models.JSONField()
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("sự kiện chờ gửi")
        verbose_name_plural = _("sự kiện chờ gửi")
        ordering = ["seq"]

    def __str__(self):
        return f"{self.seq} {self.kind}"


class OutboxCounter(models.Model):
    """The last sequence number used; its row is locked while the next one is taken, so the
    numbers have no gaps and no repeats."""

    last_seq = models.BigIntegerField(default=0)

    def __str__(self):
        return str(self.last_seq)
