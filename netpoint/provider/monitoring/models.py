"""Violations found in the central records, and the software releases points are held to."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netpoint.provider.registry.models import Point


class ReleasedSoftware(models.Model):
    """A build of the point software the provider released: a point reporting another hash for
    this version runs modified software; one reporting an older version is outdated."""

    version = models.CharField(_("phiên bản"), max_length=40)
    software_hash = models.CharField(_("mã băm"), max_length=64, unique=True)
    released_on = models.DateField(_("ngày phát hành"))
    changes = models.TextField(_("nội dung thay đổi"), blank=True)

    class Meta:
        verbose_name = _("phiên bản phần mềm đã phát hành")
        verbose_name_plural = _("phiên bản phần mềm đã phát hành")
        ordering = ["-released_on", "-version"]

    def __str__(self):
        return f"{self.version} ({self.released_on:%d/%m/%Y})"


class Notice(models.Model):
    """One e-mail about new violations to one set of recipients, kept until it leaves: a mail
    server that is down or refuses delays it (tried again at `next_try_at`), never loses it."""

    recipients = models.JSONField(default=list)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    created_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(_("số lần thử"), default=0)
    next_try_at = models.DateTimeField(_("lần thử tới"))
    # The kind of failure (the exception's class), never its text: that may name an address.
    last_error = models.CharField(_("lỗi lần trước"), max_length=100, blank=True)
    sent_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thư báo vi phạm")
        verbose_name_plural = _("thư báo vi phạm")
        indexes = [
            models.Index(
                fields=["next_try_at"],
                condition=models.Q(sent_at__isnull=True),
                name="notice_pending",
            )
        ]

    def __str__(self):
        return f"{self.pk} {self.subject}"


class Violation(models.Model):
    class Kind(models.TextChoices):
        AFTER_HOURS = "after_hours", _("Hoạt động ngoài giờ cho phép")
        MINOR_LIMIT = "minor_limit", _("Người chưa thành niên chơi quá thời gian trong ngày")
        NO_IDENTITY = "no_identity", _("Phiên sử dụng không có thông tin người dùng hợp lệ")
        SILENT = "silent", _("Điểm mất liên lạc khi đang có máy sử dụng")
        SOFTWARE_OUTDATED = "software_outdated", _("Phần mềm quản lý điểm đã cũ")
        SOFTWARE_MODIFIED = "software_modified", _("Phần mềm quản lý điểm bị sửa đổi")
        # Two kinds, not one: an expired licence is a breach; one about to expire is a
        # warning, still in force.
        LICENCE_EXPIRED = "licence_expired", _("Giấy phép đã hết hạn")
        LICENCE_EXPIRING = "licence_expiring", _("Giấy phép sắp hết hạn")
        NO_SESSION_ACCESS = "no_session_access", _("Truy cập Internet không có phiên sử dụng")
        STATION_SILENT = (
            "station_silent",
            _("Máy trạm mất kết nối khi không có phiên (nghi vô hiệu hóa phần mềm khóa máy)"),
        )

    class State(models.TextChoices):
        OPEN = "open", _("Mới phát hiện")
        ACKNOWLEDGED = "acknowledged", _("Đã tiếp nhận")
        RESOLVED = "resolved", _("Đã xử lý")

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="violations")
    kind = models.CharField(_("loại vi phạm"), max_length=20, choices=Kind.choices)
    # What makes the finding one and the same each time the job runs (the job is idempotent).
    key = models.CharField(max_length=160)
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=State.choices, default=State.OPEN
    )
    occurred_at = models.DateTimeField(_("thời điểm vi phạm"))
    evidence = models.JSONField(_("chứng cứ"), default=dict)
    found_at = models.DateTimeField(_("thời điểm phát hiện"))
    # Set when the notice that names it was sent (or at once when nobody was to be told).
    notified_at = models.DateTimeField(null=True, blank=True)
    notice = models.ForeignKey(
        Notice, null=True, blank=True, on_delete=models.SET_NULL, related_name="violations"
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("vi phạm")
        verbose_name_plural = _("vi phạm")
        ordering = ["-occurred_at"]
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="violation_once")]
        indexes = [models.Index(fields=["point", "state"], name="violation_by_point_state")]

    def __str__(self):
        return f"{self.point_id} {self.kind} {self.key}"


class StationSilence(models.Model):
    """A point's report (event `station.silent`) that a free station's agent fell silent
    without a goodbye: its lock may have been killed to use the PC unrecorded."""

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="+")
    station = models.CharField(_("máy trạm"), max_length=50)
    last_seen = models.DateTimeField(_("tín hiệu cuối"))
    noticed_at = models.DateTimeField(_("điểm phát hiện lúc"))

    class Meta:
        verbose_name = _("máy trạm mất kết nối")
        verbose_name_plural = _("máy trạm mất kết nối")
        indexes = [models.Index(fields=["point", "last_seen"], name="silence_by_point")]

    def __str__(self):
        return f"{self.point_id} {self.station} {self.last_seen:%H:%M:%S}"
