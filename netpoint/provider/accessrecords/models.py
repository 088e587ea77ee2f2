from django.db import models
from django.utils.translation import gettext_lazy as _

from netpoint.provider.registry.models import Point


class AccessRecord(models.Model):
    """How many times in one minute a session at a point reached one destination, as the
    point sent it (netpoint.point.accesslog). A point may send one minute in several parts: the
    counts add up. Partitioned by minute on PostgreSQL, like the other large tables."""

    point = models.ForeignKey(Point, on_delete=models.DO_NOTHING, db_constraint=False)
    # The session's id at its point: with the point, it names a records.SessionRecord.
    session = models.BigIntegerField()
    minute = models.DateTimeField(_("phút"))
    service = models.CharField(_("loại dịch vụ"), max_length=16)
    destination = models.CharField(_("địa chỉ truy cập"), max_length=255)
    port = models.IntegerField(_("cổng"))
    count = models.IntegerField(_("số lần"))

    class Meta:
        verbose_name = _("bản ghi truy cập")
        verbose_name_plural = _("bản ghi truy cập")
        indexes = [
            models.Index(fields=["point", "session", "minute"], name="access_by_session"),
        ]

    def __str__(self):
        return f"{self.point_id}/{self.session} {self.minute:%H:%M} {self.destination}"
