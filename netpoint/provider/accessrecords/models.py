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


class UnattributedAccess(models.Model):
    """Lines a point's gateway logged from an address no session held (event
    `access.unattributed`): a station used with its lock bypassed, or another device on the
    café's line. The station the point named (its name there) and never a person."""

    point = models.ForeignKey(Point, on_delete=models.DO_NOTHING, db_constraint=False)
    address = models.CharField(_("địa chỉ máy khách"), max_length=45)
    # Empty for an address that is no station of the point.
    station = models.CharField(_("máy trạm"), max_length=50, blank=True)
    minute = models.DateTimeField(_("phút"))
    service = models.CharField(_("loại dịch vụ"), max_length=16)
    destination = models.CharField(_("địa chỉ truy cập"), max_length=255)
    port = models.IntegerField(_("cổng"))
    count = models.IntegerField(_("số lần"))

    class Meta:
        verbose_name = _("truy cập không có phiên")
        verbose_name_plural = _("truy cập không có phiên")
        indexes = [
            models.Index(fields=["point", "minute"], name="unattributed_by_point"),
            models.Index(fields=["minute"], name="unattributed_by_time"),
        ]

    def __str__(self):
        return f"{self.point_id}/{self.address} {self.minute:%H:%M} {self.destination}"
