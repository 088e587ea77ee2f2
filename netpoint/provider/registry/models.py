"""The provider's registry: enterprises, their points, and each point's server credential."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netpoint.common.identity.phones import format_phone_local


class Enterprise(models.Model):
    """The business that runs points: an ISP, a game operator, a chain of internet cafés."""

    name = models.CharField(_("tên doanh nghiệp"), max_length=200)
    tax_code = models.CharField(_("mã số doanh nghiệp"), max_length=20, unique=True)
    address = models.CharField(_("địa chỉ trụ sở"), max_length=300, blank=True)
    contact_email = models.EmailField(_("thư điện tử liên hệ"), blank=True)
    contact_phone = models.CharField(_("điện thoại liên hệ"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("doanh nghiệp")
        verbose_name_plural = _("doanh nghiệp")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Point(models.Model):
    """A public internet access point with the fields of REQUIREMENTS B.1."""

    class Type(models.TextChoices):
        INTERNET = "internet", _("Đại lý Internet")
        GAME = "game", _("Điểm cung cấp dịch vụ trò chơi điện tử công cộng")
        WIFI = "wifi", _("Điểm truy nhập Internet không dây công cộng")

    class Contract(models.TextChoices):
        HOUSEHOLD = "household", _("Cá nhân, hộ gia đình")
        ORGANISATION = "organisation", _("Tổ chức, doanh nghiệp")

    class Venue(models.TextChoices):
        CAFE = "cafe", _("Quán cà phê, giải khát")
        RESTAURANT = "restaurant", _("Nhà hàng")
        HALL = "hall", _("Hội trường, trung tâm hội nghị")
        AIRPORT = "airport", _("Sân bay, nhà ga, bến xe")
        STADIUM = "stadium", _("Sân vận động, nhà thi đấu")
        RESORT = "resort", _("Khu nghỉ dưỡng, khu du lịch")
        HOTEL = "hotel", _("Khách sạn, nhà nghỉ")
        SHOP = "shop", _("Cửa hàng, trung tâm thương mại")
        PUBLIC = "public", _("Nơi công cộng (công viên, quảng trường)")
        INTERNET_CAFE = "internet_cafe", _("Phòng máy Internet, trò chơi")
        OTHER = "other", _("Khác")

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="points", verbose_name=_("doanh nghiệp")
    )
    code = models.CharField(_("mã điểm"), max_length=32, unique=True)
    name = models.CharField(_("tên điểm"), max_length=200)
    point_type = models.CharField(_("loại điểm"), max_length=10, choices=Type.choices)
    owner_name = models.CharField(_("chủ điểm"), max_length=200)
    # E.164 (+84912345678), mobile or landline: whom the Sở calls about a violation.
    owner_phone = models.CharField(
        _("điện thoại chủ điểm"), max_length=20, blank=True, db_default=""
    )
    licence_number = models.CharField(
        _("số giấy chứng nhận / giấy phép"), max_length=60, blank=True
    )
    licence_expires_on = models.DateField(_("ngày hết hạn giấy phép"), null=True, blank=True)
    # Codes of vietnam-provinces: the 34 provinces and their wards since 1 July 2025.
    province_code = models.PositiveIntegerField(_("tỉnh, thành phố"))
    ward_code = models.PositiveIntegerField(_("phường, xã, đặc khu"))
    street_address = models.CharField(_("số nhà, đường"), max_length=300)
    # None: the opening hours that the policy sets for the type and province.
    opening_hours = models.JSONField(_("giờ mở cửa riêng"), null=True, blank=True)
    public_ips = models.JSONField(_("địa chỉ IP công cộng"), default=list, blank=True)
    contract_type = models.CharField(
        _("loại hợp đồng"), max_length=15, choices=Contract.choices, default=Contract.HOUSEHOLD
    )
    venue_type = models.CharField(
        _("loại địa điểm"), max_length=20, choices=Venue.choices, default=Venue.INTERNET_CAFE
    )
    active = models.BooleanField(_("đang hoạt động"), default=True)
    # None: as the province's rule (ProvinceRule), else the provider's default (conf.py).
    minors_across_points = models.BooleanField(
        _("tính phút chơi của trẻ em trên mọi điểm"), null=True, blank=True
    )
    # When the point's policy (type, place, hours, minors' minutes) last changed: its version
    # (netpoint.provider.registry.policy); None: since it was created.
    policy_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("điểm truy nhập")
        verbose_name_plural = _("điểm truy nhập")
        ordering = ["code"]
        indexes = [
            models.Index(fields=["province_code", "ward_code"]),
            # A person's search names the point of each session found (records.attribution):
            # its code from the index alone, without reading the table (PostgreSQL).
            models.Index(fields=["id"], include=["code"], name="point_code_by_id"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def phone_to_call(self) -> str:
        """The owner's phone as written in Vietnam (0912 345 678), else the enterprise's."""
        if self.owner_phone:
            return format_phone_local(self.owner_phone)
        return self.enterprise.contact_phone


class EnrollmentCode(models.Model):
    """A one-time code the provider's admin hands to the point's owner; only its hash is kept."""

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="enrollment_codes")
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("mã đăng ký điểm")
        verbose_name_plural = _("mã đăng ký điểm")

    def __str__(self):
        return f"{self.point_id} {self.expires_at:%Y-%m-%d}"


class PointKey(models.Model):
    """The public half of the Ed25519 key a point's server signs with. The provider never holds
    the private half, so a copy of its database cannot write as a point."""

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="keys")
    public_key = models.BinaryField(max_length=32)
    software_version = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("khoá của máy chủ điểm")
        verbose_name_plural = _("khoá của máy chủ điểm")

    def __str__(self):
        return f"{self.point_id} {self.created_at:%Y-%m-%d}"


class SeenNonce(models.Model):
    """Nonces of signed requests inside the accepted clock window: a second use is a replay."""

    point = models.ForeignKey(Point, on_delete=models.CASCADE)
    nonce = models.CharField(max_length=64)
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["point", "nonce"], name="nonce_once_per_point")
        ]

    def __str__(self):
        return f"{self.point_id} {self.nonce}"


class ProvinceRule(models.Model):
    """A province's own rule for one type of point, where it sets one stricter than the
    national rule: opening hours, and whether a minor's minutes count across every point.
    Empty fields: the national rule."""

    province_code = models.PositiveIntegerField(_("tỉnh, thành phố"))
    point_type = models.CharField(_("loại điểm"), max_length=10, choices=Point.Type.choices)
    opens = models.TimeField(_("giờ mở cửa"), null=True, blank=True)
    closes = models.TimeField(_("giờ đóng cửa"), null=True, blank=True)
    minors_across_points = models.BooleanField(
        _("tính phút chơi của trẻ em trên mọi điểm"), null=True, blank=True
    )
    source = models.CharField(_("văn bản của tỉnh"), max_length=300, blank=True)
    changed_at = models.DateTimeField(editable=False)

    class Meta:
        verbose_name = _("quy định của tỉnh")
        verbose_name_plural = _("quy định của tỉnh")
        constraints = [
            models.UniqueConstraint(
                fields=["province_code", "point_type"], name="one_rule_per_province_and_type"
            )
        ]

    def __str__(self):
        return f"{self.province_code} {self.point_type}"


class NationalPolicy(models.Model):
    """When the national part of every point's policy (NETPOINT_POLICY's hours and minutes, the
    provider's default for minors' minutes across points) last changed: a change of settings
    dates a newer version of every policy (netpoint.provider.registry.policy). One row."""

    fingerprint = models.CharField(max_length=64)
    changed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.changed_at:%Y-%m-%d %H:%M}"
