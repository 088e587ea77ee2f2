from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Shift(models.Model):
    """One cashier's time at the till; every ledger entry belongs to one."""

    cashier = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    opened_at = models.DateTimeField(_("mở ca"))
    closed_at = models.DateTimeField(_("đóng ca"), null=True, blank=True)
    opening_cash = models.BigIntegerField(_("tiền đầu ca (VND)"), default=0)
    counted_cash = models.BigIntegerField(_("tiền kiểm đếm cuối ca (VND)"), null=True, blank=True)

    class Meta:
        verbose_name = _("ca làm việc")
        verbose_name_plural = _("ca làm việc")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cashier"],
                condition=models.Q(closed_at__isnull=True),
                name="one_open_shift_per_cashier",
            ),
        ]

    def __str__(self):
        return f"{self.cashier} {self.opened_at:%Y-%m-%d %H:%M}"


class LedgerEntry(models.Model):
    """Append-only trail of every money movement and cashier action.

    `cash` is money into (+) or out of (-) the drawer; `balance_change` is what a member
    account gained or lost. Actions that move no money have both at zero.
    """

    class Kind(models.TextChoices):
        TOP_UP = "top_up", _("Nạp tiền")
        MEMBER_CHARGE = "member_charge", _("Trừ tiền hội viên")
        WALK_IN_PAYMENT = "walk_in_payment", _("Thu tiền khách vãng lai")
        PREPAYMENT = "prepayment", _("Thu trước khách vãng lai")
        REFUND = "refund", _("Trả lại tiền thừa")
        CHECK_IN = "check_in", _("Mở máy")
        CHECK_OUT = "check_out", _("Tắt máy")
        AUTO_END = "auto_end", _("Tự động kết thúc")
        CUSTOMER_REGISTERED = "customer_registered", _("Đăng ký khách hàng")
        ACCOUNT_OPENED = "account_opened", _("Mở tài khoản hội viên")
        STATION_LOCK = "station_lock", _("Khóa máy")
        STATION_UNLOCK = "station_unlock", _("Mở khóa bảo trì")
        STATION_MESSAGE = "station_message", _("Gửi tin nhắn")
        STATION_PAIRING = "station_pairing", _("Tạo mã ghép máy")
        SESSION_PAUSE = "session_pause", _("Tạm dừng phiên")
        SESSION_RESUME = "session_resume", _("Mở lại phiên")
        WALK_IN_TRANSFER = "walk_in_transfer", _("Chuyển khoản khách vãng lai")
        TOP_UP_TRANSFER = "top_up_transfer", _("Nạp tiền chuyển khoản")
        CASH_REFUND = "cash_refund", _("Hoàn tiền cho khách")
        BALANCE_CORRECTION = "balance_correction", _("Điều chỉnh số dư")
        FLOAT_CHANGED = "float_changed", _("Sửa tiền đầu ca")

    at = models.DateTimeField(_("thời điểm"), db_index=True)
    kind = models.CharField(_("loại"), max_length=24, choices=Kind)
    cash = models.BigIntegerField(_("tiền mặt (VND)"), default=0)
    balance_change = models.BigIntegerField(_("thay đổi số dư (VND)"), default=0)
    # Money into (+) or out of (-) the point's bank account: paid by VietQR, not in the drawer.
    transfer = models.BigIntegerField(_("chuyển khoản (VND)"), default=0)
    shift = models.ForeignKey(Shift, on_delete=models.PROTECT, null=True, related_name="entries")
    cashier = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    account = models.ForeignKey(
        "customers.MemberAccount", on_delete=models.PROTECT, null=True, related_name="entries"
    )
    session = models.ForeignKey(
        "point_sessions.Session", on_delete=models.PROTECT, null=True, related_name="entries"
    )
    station = models.ForeignKey("stations.Station", on_delete=models.PROTECT, null=True)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("bút toán")
        verbose_name_plural = _("sổ thu ngân")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.cash}"


class Receipt(models.Model):
    """One payment handed over at the counter; its number is printed on the 80 mm slip."""

    class Method(models.TextChoices):
        CASH = "cash", _("Tiền mặt")
        TRANSFER = "transfer", _("Chuyển khoản")

    at = models.DateTimeField(_("thời điểm"))
    cashier = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    description = models.CharField(_("nội dung"), max_length=120)
    session = models.ForeignKey(
        "point_sessions.Session", on_delete=models.PROTECT, null=True, related_name="receipts"
    )
    account = models.ForeignKey(
        "customers.MemberAccount", on_delete=models.PROTECT, null=True, related_name="receipts"
    )
    station = models.ForeignKey("stations.Station", on_delete=models.PROTECT, null=True)
    amount = models.BigIntegerField(_("số tiền (VND)"))
    method = models.CharField(_("hình thức"), max_length=10, choices=Method)
    received = models.BigIntegerField(_("khách đưa (VND)"), default=0)
    change = models.BigIntegerField(_("tiền thừa (VND)"), default=0)

    class Meta:
        verbose_name = _("hóa đơn")
        verbose_name_plural = _("hóa đơn")
        ordering = ["-at", "-id"]

    def __str__(self):
        return self.number

    @property
    def number(self) -> str:
        return f"HD{self.pk:06d}"
