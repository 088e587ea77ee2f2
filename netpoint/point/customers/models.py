from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.utils.translation import gettext_lazy as _

ID_TYPE_CHOICES = [
    ("cccd", _("Căn cước công dân / Căn cước (CCCD)")),
    ("cmnd", _("Chứng minh nhân dân (CMND)")),
    ("passport", _("Hộ chiếu")),
    ("driving_licence", _("Giấy phép lái xe")),
    ("student_card", _("Thẻ học sinh, sinh viên")),
]


class Customer(models.Model):
    """A person who uses the point, identified as REQUIREMENTS A.3 asks."""

    class Gender(models.TextChoices):
        MALE = "male", _("Nam")
        FEMALE = "female", _("Nữ")

    full_name = models.CharField(_("họ và tên"), max_length=150)
    date_of_birth = models.DateField(_("ngày sinh"))
    gender = models.CharField(_("giới tính"), max_length=6, choices=Gender, blank=True)
    id_type = models.CharField(_("loại giấy tờ"), max_length=20, choices=ID_TYPE_CHOICES)
    id_number = models.CharField(_("số giấy tờ"), max_length=20)
    id_issued_on = models.DateField(_("ngày cấp"), null=True, blank=True)
    id_issued_by = models.CharField(_("nơi cấp"), max_length=150, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300)
    phone = models.CharField(_("số điện thoại"), max_length=16, blank=True)
    guardian = models.ForeignKey(
        "self",
        verbose_name=_("người giám hộ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="wards",
    )
    guardian_relation = models.CharField(_("quan hệ với người giám hộ"), max_length=50, blank=True)
    registered_at = models.DateTimeField(_("ngày đăng ký"), auto_now_add=True)

    class Meta:
        verbose_name = _("khách hàng")
        verbose_name_plural = _("khách hàng")
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["id_type", "id_number"],
                name="one_customer_per_id",
                violation_error_message=_("Giấy tờ này đã được đăng ký cho khách khác."),
            ),
        ]

    def __str__(self):
        return self.full_name


class MemberAccount(models.Model):
    """A prepaid account; the balance only moves together with a ledger entry."""

    customer = models.OneToOneField(Customer, on_delete=models.PROTECT, related_name="account")
    username = models.CharField(_("tên đăng nhập"), max_length=40, unique=True)
    password_hash = models.CharField(max_length=128)
    balance = models.BigIntegerField(_("số dư (VND)"), default=0)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("tài khoản hội viên")
        verbose_name_plural = _("tài khoản hội viên")
        constraints = [
            models.CheckConstraint(condition=models.Q(balance__gte=0), name="balance_not_negative"),
        ]

    def __str__(self):
        return self.username

    def set_password(self, raw: str) -> None:
        self.password_hash = make_password(raw)

    def check_password(self, raw: str) -> bool:
        return check_password(raw, self.password_hash)
