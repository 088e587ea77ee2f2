from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.utils.translation import gettext_lazy as _

from netpoint.common.identity.normalise import fold_name
from netpoint.common.sealing.crypto import seal, unseal
from netpoint.common.sealing.indexes import id_index, key_ring, phone_index

# The associated data of the point's sealed numbers: a value copied to another column (or to
# the provider's records) does not open there.
ID_NUMBER_COLUMN = "customers_customer.id_number"
PHONE_COLUMN = "customers_customer.phone"

ID_TYPE_CHOICES = [
    ("cccd", _("Căn cước công dân / Căn cước (CCCD)")),
    ("cmnd", _("Chứng minh nhân dân (CMND)")),
    ("passport", _("Hộ chiếu")),
    ("driving_licence", _("Giấy phép lái xe")),
    ("student_card", _("Thẻ học sinh, sinh viên")),
]


class Customer(models.Model):
    """A person who uses the point, identified as REQUIREMENTS A.3 asks.

    The ID and phone numbers are kept sealed (netpoint.common.sealing, with the point's keys,
    which live outside the database), each with its blind index for finding a returning
    customer; `id_number` and `phone` read and write them as plain text.
    """

    class Gender(models.TextChoices):
        MALE = "male", _("Nam")
        FEMALE = "female", _("Nữ")

    full_name = models.CharField(_("họ và tên"), max_length=150)
    # The name without accents, in lower case (normalise.fold_name), for finding "nguyen van an"
    # as "Nguyễn Văn An"; kept by save().
    search_name = models.CharField(max_length=150, blank=True, editable=False, db_index=True)
    date_of_birth = models.DateField(_("ngày sinh"))
    gender = models.CharField(_("giới tính"), max_length=6, choices=Gender, blank=True)
    id_type = models.CharField(_("loại giấy tờ"), max_length=20, choices=ID_TYPE_CHOICES)
    id_number_sealed = models.TextField(editable=False)
    # Unique: the index covers the kind of document too (netpoint.common.sealing.indexes).
    id_index = models.CharField(max_length=64, editable=False)
    id_issued_on = models.DateField(_("ngày cấp"), null=True, blank=True)
    id_issued_by = models.CharField(_("nơi cấp"), max_length=150, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300)
    phone_sealed = models.TextField(blank=True, editable=False)
    phone_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
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
                fields=["id_index"],
                name="one_customer_per_id",
                violation_error_message=_("Giấy tờ này đã được đăng ký cho khách khác."),
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        # The indexes follow the numbers (and the kind of document) whatever changed them.
        ring = key_ring()
        self.id_index = id_index(self.id_type, self.id_number, ring)
        self.phone_index = phone_index(self.phone, ring) if self.phone else ""
        self.search_name = fold_name(self.full_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            update_fields = set(update_fields)
            if update_fields & {"id_type", "id_number_sealed"}:
                update_fields.add("id_index")
            if "phone_sealed" in update_fields:
                update_fields.add("phone_index")
            if "full_name" in update_fields:
                update_fields.add("search_name")
            kwargs["update_fields"] = update_fields
        super().save(*args, **kwargs)

    @property
    def id_number(self) -> str:
        return self._opened("id_number_sealed", ID_NUMBER_COLUMN)

    @id_number.setter
    def id_number(self, value: str) -> None:
        self._seal("id_number_sealed", ID_NUMBER_COLUMN, value)

    @property
    def phone(self) -> str:
        return self._opened("phone_sealed", PHONE_COLUMN)

    @phone.setter
    def phone(self, value: str) -> None:
        self._seal("phone_sealed", PHONE_COLUMN, value)

    def _opened(self, field: str, column: str) -> str:
        token = getattr(self, field)
        if not token:
            return ""
        cache = self.__dict__.setdefault("_plain", {})
        if cache.get(field, (None,))[0] != token:  # opened once per sealed value
            cache[field] = (token, unseal(token, column, key_ring()))
        return cache[field][1]

    def _seal(self, field: str, column: str, value: str) -> None:
        token = seal(value, column, key_ring()) if value else ""
        setattr(self, field, token)
        self.__dict__.setdefault("_plain", {})[field] = (token, value or "")


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
