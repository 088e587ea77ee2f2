from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessRecord(models.Model):
    """How many times in one minute a session's station reached one destination: the gateway
    logs many lines per page, kept as one row with their count."""

    # No index of its own: the unique constraint's index begins with it.
    session = models.ForeignKey(
        "point_sessions.Session",
        on_delete=models.CASCADE,
        related_name="access_records",
        db_index=False,
    )
    minute = models.DateTimeField(_("phút"))
    service = models.CharField(_("loại dịch vụ"), max_length=16)
    destination = models.CharField(_("địa chỉ truy cập"), max_length=255)
    port = models.PositiveIntegerField(_("cổng"), default=0)
    count = models.PositiveIntegerField(_("số lần"), default=0)

    class Meta:
        verbose_name = _("bản ghi truy cập")
        verbose_name_plural = _("bản ghi truy cập")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "minute", "destination", "port"], name="one_access_row_a_minute"
            ),
        ]
        indexes = [models.Index(fields=["minute"])]

    def __str__(self):
        return f"{self.session_id} {self.minute:%H:%M} {self.destination}"


class UnattributedAccess(models.Model):
    """Lines from an address that no running session held: a station used with its lock
    bypassed, or a device on the café's LAN that is no station. Kept as evidence, counted per
    minute like AccessRecord, with the station whose address it was (if any) and no person."""

    minute = models.DateTimeField(_("phút"))
    address = models.CharField(_("địa chỉ máy khách"), max_length=45)
    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="unattributed_accesses",
        verbose_name=_("máy trạm"),
    )
    service = models.CharField(_("loại dịch vụ"), max_length=16)
    destination = models.CharField(_("địa chỉ truy cập"), max_length=255)
    port = models.PositiveIntegerField(_("cổng"), default=0)
    count = models.PositiveIntegerField(_("số lần"), default=0)

    class Meta:
        verbose_name = _("truy cập không có phiên")
        verbose_name_plural = _("truy cập không có phiên")
        constraints = [
            models.UniqueConstraint(
                fields=["address", "minute", "destination", "port"],
                name="one_unattributed_row_a_minute",
            ),
        ]
        indexes = [models.Index(fields=["minute"], name="unattributed_by_minute")]

    def __str__(self):
        return f"{self.address} {self.minute:%H:%M} {self.destination}"


class LogSource(models.Model):
    """Where the gateway's lines come from (a file, or the syslog receiver), how far they have
    been read, and what could not be read. A file's position is saved in the transaction that
    stores the records its lines made, so a restart neither loses nor repeats a line."""

    name = models.CharField(_("nguồn"), max_length=300, unique=True)
    kind = models.CharField(_("định dạng"), max_length=10)
    inode = models.BigIntegerField(null=True, blank=True)
    offset = models.BigIntegerField(default=0)
    # The file's first bytes: how its rotated copy is recognised after a restart.
    head = models.BinaryField(max_length=64, default=b"")
    lines = models.BigIntegerField(_("số dòng đã đọc"), default=0)
    unattributed = models.BigIntegerField(_("số dòng không thuộc phiên nào"), default=0)
    unparsed = models.BigIntegerField(_("số dòng không đọc được"), default=0)
    sample = models.JSONField(_("mẫu dòng không đọc được"), default=list)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("nguồn nhật ký")
        verbose_name_plural = _("nguồn nhật ký")

    def __str__(self):
        return self.name


class StationAddress(models.Model):
    """From when a station had an address (until its next row): lines logged before a change
    of address (DHCP, a re-paired PC) still go to the station that had it then."""

    station = models.ForeignKey(
        "stations.Station", on_delete=models.CASCADE, related_name="addresses"
    )
    ip = models.GenericIPAddressField()
    since = models.DateTimeField()

    class Meta:
        ordering = ["station", "since"]
        indexes = [models.Index(fields=["station", "since"])]

    def __str__(self):
        return f"{self.station_id} {self.ip} {self.since:%Y-%m-%d %H:%M}"
