from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Session(models.Model):
    """A customer's use of one station, from check-in to its end.

    Time used is always derived from started_at/ended_at, never accumulated, so a restart of
    the point server can neither lose nor double-count it.
    """

    class Kind(models.TextChoices):
        MEMBER = "member", _("Hội viên (trả trước)")
        WALK_IN = "walk_in", _("Khách vãng lai")

    class EndReason(models.TextChoices):
        CHECK_OUT = "check_out", _("Thu ngân kết thúc")
        LOGOUT = "logout", _("Khách đăng xuất")
        CLOSING = "closing", _("Hết giờ mở cửa")
        MINOR_LIMIT = "minor_limit", _("Người chưa thành niên đã chơi đủ thời gian trong ngày")
        BALANCE = "balance", _("Hết tiền")

    station = models.ForeignKey(
        "stations.Station", on_delete=models.PROTECT, related_name="sessions"
    )
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.PROTECT, related_name="sessions"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind)
    # The rates in force at check-in: a later price change does not reach back.
    rate_bands = models.JSONField()
    prepaid = models.BigIntegerField(_("trả trước (VND)"), default=0)
    started_at = models.DateTimeField(_("bắt đầu"), db_index=True)
    ended_at = models.DateTimeField(_("kết thúc"), null=True, blank=True, db_index=True)
    end_reason = models.CharField(_("lý do kết thúc"), max_length=12, choices=EndReason, blank=True)
    charge = models.BigIntegerField(_("thành tiền (VND)"), null=True, blank=True)
    # A walk-in whose session the policies ended still owes the till until the cashier settles.
    settled_at = models.DateTimeField(_("đã thanh toán lúc"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # A minor's check-in where the policy counts minutes across points but the provider could
    # not say how many they had played elsewhere today: the point enforced what it knew, and
    # the provider's monitoring checks the day afterwards.
    minutes_unconfirmed = models.BooleanField(
        _("chưa xác nhận phút chơi ở điểm khác"), default=False
    )

    class Meta:
        verbose_name = _("phiên sử dụng")
        verbose_name_plural = _("phiên sử dụng")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["station"],
                condition=models.Q(ended_at__isnull=True),
                name="one_open_session_per_station",
            ),
            models.UniqueConstraint(
                fields=["customer"],
                condition=models.Q(ended_at__isnull=True),
                name="one_open_session_per_customer",
            ),
        ]

    def __str__(self):
        return f"{self.station} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    @property
    def is_paused(self) -> bool:
        return any(pause.ended_at is None for pause in self.pauses.all())


class SessionPause(models.Model):
    """A stretch of a session the cashier paused ("Khóa máy" → "Tạm dừng phiên"): the station
    is locked and neither the clock nor the charge runs. Like the session, a pause stores its
    start and end; played time is derived from them."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="pauses")
    started_at = models.DateTimeField(_("tạm dừng lúc"))
    ended_at = models.DateTimeField(_("mở lại lúc"), null=True, blank=True)
    paused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    resumed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tạm dừng phiên")
        verbose_name_plural = _("tạm dừng phiên")
        ordering = ["started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session"],
                condition=models.Q(ended_at__isnull=True),
                name="one_open_pause_per_session",
            ),
        ]

    def __str__(self):
        return f"{self.session} {self.started_at:%H:%M}"


class SessionMove(models.Model):
    """The owner moved a running session to another station: the provider must know where the
    session was at each moment, or "who used station X at time T" answers wrongly."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="moves")
    from_station = models.CharField(_("từ máy"), max_length=50)
    to_station = models.CharField(_("sang máy"), max_length=50)
    at = models.DateTimeField(_("chuyển lúc"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("chuyển máy")
        verbose_name_plural = _("chuyển máy")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_station} → {self.to_station} {self.at:%H:%M}"
