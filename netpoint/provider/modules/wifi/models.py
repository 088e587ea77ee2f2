"""Public Wi-Fi (REQUIREMENTS C): the hotspots' RADIUS clients, the people the captive portal
verified by phone, their devices, and the accounting table in FreeRADIUS's radacct shape."""

import ipaddress

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from netpoint.provider.registry.models import Point

# Without uamsecret chilli's `md` proves nothing: anyone could compute it.
UAMSECRET_NEEDED = _("CoovaChilli cần uamsecret: không có nó, ai cũng tự tính được chữ ký md.")


class Controller(models.TextChoices):
    OPENNDS = "opennds", "openNDS (FAS)"
    CHILLI = "chilli", "CoovaChilli (UAM)"


def address_list(text: str) -> list[str]:
    """The addresses of a NAS's `nat_addresses`, separated by commas or white space, each
    written the way the RADIUS server compares them."""
    return [str(ipaddress.ip_address(part)) for part in text.replace(",", " ").split()]


def validate_address_list(text: str) -> None:
    try:
        address_list(text)
    except ValueError:
        raise ValidationError(
            _("Mỗi địa chỉ phải là một địa chỉ IP, cách nhau bằng dấu phẩy hoặc dấu cách.")
        ) from None


class Nas(models.Model):
    """A hotspot's access controller, a RADIUS client known by its source address. The shared
    secret is sealed: a copy of the database does not let anyone speak for the hotspot."""

    point = models.ForeignKey(
        Point,
        on_delete=models.PROTECT,
        related_name="nas_devices",
        limit_choices_to={"point_type": Point.Type.WIFI},
        verbose_name=_("điểm Wi-Fi"),
    )
    name = models.CharField(_("tên thiết bị"), max_length=100)
    # What the people at the portal and in the SMS know the place by; the point's name if empty.
    hotspot_name = models.CharField(
        _("tên điểm phát Wi-Fi hiển thị cho người dùng"), max_length=100, blank=True
    )
    # The place's own rules, shown after the standard terms (and part of what consent is to).
    house_rules = models.TextField(_("quy định riêng của điểm phát Wi-Fi"), blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), unique=True)
    # A NAS behind NAT names its private address in NAS-IP-Address while its packets come from
    # `ip_address`: the addresses it may name besides that one. Any other name is refused, so
    # a hotspot cannot act for another with its own secret.
    nat_addresses = models.TextField(
        _("địa chỉ NAS-IP-Address được chấp nhận thêm (NAS sau NAT)"),
        blank=True,
        validators=[validate_address_list],
    )
    # Authenticated packets that named another NAS's address, dropped (the server adds its
    # counts every few seconds): a misconfigured NAS or one acting for another.
    refused_claims = models.PositiveBigIntegerField(
        _("gói tin mạo danh địa chỉ NAS bị loại"), default=0, editable=False
    )
    last_refused_claim_at = models.DateTimeField(
        _("lần cuối loại gói mạo danh"), null=True, blank=True, editable=False
    )
    secret_sealed = models.TextField()
    # BlastRADIUS (CVE-2024-3596): a NAS that always signs its requests can be held to it.
    require_message_authenticator = models.BooleanField(
        _("bắt buộc Message-Authenticator"), default=False
    )
    # Where Disconnect-Requests go (RFC 5176); 3799 unless the NAS listens elsewhere.
    coa_port = models.PositiveIntegerField(_("cổng CoA"), default=3799)
    active = models.BooleanField(_("đang hoạt động"), default=True)
    # The captive portal's side of the hotspot: which access controller sends clients to it,
    # and the secrets it shares with it (sealed like the RADIUS secret).
    controller = models.CharField(
        _("bộ điều khiển cổng đăng nhập"), max_length=10, choices=Controller.choices, blank=True
    )
    fas_level = models.PositiveSmallIntegerField(
        _("mức bảo mật FAS (openNDS)"), choices=[(1, "1"), (2, "2"), (3, "3")], default=3
    )
    uam_chap = models.BooleanField(_("đăng nhập UAM bằng CHAP thay cho PAP"), default=False)
    # openNDS's faskey or CoovaChilli's uamsecret.
    portal_key_sealed = models.TextField(blank=True)
    # What the hotspot's BinAuth script proves itself with when it reports events.
    event_key_sealed = models.TextField(blank=True)

    class Meta:
        verbose_name = _("thiết bị truy nhập (NAS)")
        verbose_name_plural = _("thiết bị truy nhập (NAS)")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} {self.ip_address}"

    @property
    def shown_name(self) -> str:
        return self.hotspot_name or self.point.name


class WifiUser(models.Model):
    """Someone the captive portal verified by a one-time code to their phone. RADIUS knows them
    by an opaque login the portal hands to the device, never by the phone number, so radacct
    holds no personal data; the phone is sealed and found by its blind index."""

    login = models.CharField(max_length=32, unique=True)
    password_sealed = models.TextField()
    phone_index = models.CharField(max_length=64, db_index=True)
    phone_sealed = models.TextField()
    point = models.ForeignKey(Point, null=True, blank=True, on_delete=models.SET_NULL)
    verified_at = models.DateTimeField()
    verified_until = models.DateTimeField()

    class Meta:
        verbose_name = _("người dùng Wi-Fi")
        verbose_name_plural = _("người dùng Wi-Fi")

    def __str__(self):
        return self.login


class WifiDevice(models.Model):
    """A device a verified user brought: MAC authentication lets it back on without the portal
    until `authorized_until`."""

    user = models.ForeignKey(WifiUser, on_delete=models.CASCADE, related_name="devices")
    # Upper case, dash separated (RFC 3580 section 3.21): AA-BB-CC-DD-EE-FF.
    mac = models.CharField(max_length=17, unique=True)
    authorized_until = models.DateTimeField()

    class Meta:
        verbose_name = _("thiết bị người dùng")
        verbose_name_plural = _("thiết bị người dùng")

    def __str__(self):
        return self.mac


class RadAcct(models.Model):
    """One accounting session with the columns and types of FreeRADIUS's radacct (PostgreSQL
    schema of 3.2), so its rlm_sql and the tools built on it read and write this table."""

    radacctid = models.BigAutoField(primary_key=True)
    acctsessionid = models.TextField()
    acctuniqueid = models.TextField()
    username = models.TextField(null=True)
    realm = models.TextField(null=True)
    nasipaddress = models.GenericIPAddressField()
    nasportid = models.TextField(null=True)
    nasporttype = models.TextField(null=True)
    acctstarttime = models.DateTimeField(null=True)
    acctupdatetime = models.DateTimeField(null=True)
    acctstoptime = models.DateTimeField(null=True)
    acctinterval = models.BigIntegerField(null=True)
    acctsessiontime = models.BigIntegerField(null=True)
    acctauthentic = models.TextField(null=True)
    connectinfo_start = models.TextField(null=True)
    connectinfo_stop = models.TextField(null=True)
    acctinputoctets = models.BigIntegerField(null=True)
    acctoutputoctets = models.BigIntegerField(null=True)
    calledstationid = models.TextField(null=True)
    callingstationid = models.TextField(null=True)
    acctterminatecause = models.TextField(null=True)
    servicetype = models.TextField(null=True)
    framedprotocol = models.TextField(null=True)
    framedipaddress = models.GenericIPAddressField(null=True)
    framedipv6address = models.GenericIPAddressField(null=True)
    framedipv6prefix = models.GenericIPAddressField(null=True)
    framedinterfaceid = models.TextField(null=True)
    delegatedipv6prefix = models.GenericIPAddressField(null=True)
    class_field = models.TextField(null=True, db_column="class")

    class Meta:
        db_table = "radacct"
        permissions = [("disconnect_radacct", _("Có thể ngắt phiên truy nhập Wi-Fi"))]
        verbose_name = _("phiên truy nhập Wi-Fi")
        verbose_name_plural = _("phiên truy nhập Wi-Fi")
        constraints = [
            # FreeRADIUS's UNIQUE on AcctUniqueId, what the accounting upserts find a session
            # by. A constraint rather than unique=True: Django would add a text_pattern_ops
            # index beside it, for LIKE queries nothing runs, written on every insert.
            models.UniqueConstraint(fields=["acctuniqueid"], name="radacct_acctuniqueid_key"),
        ]
        indexes = [
            # Accounting-On/Off closes a NAS's open sessions; the authority finds who had an
            # address at a time.
            models.Index(
                fields=["nasipaddress", "acctstarttime"],
                condition=models.Q(acctstoptime__isnull=True),
                name="radacct_bulk_close",
            ),
            models.Index(fields=["acctstarttime", "username"], name="radacct_start_user_idx"),
            models.Index(fields=["callingstationid", "acctstarttime"], name="radacct_mac_idx"),
        ]

    def __str__(self):
        return self.acctuniqueid


class PortalAttempt(models.Model):
    """A one-time code the portal sent to a phone for one device at one hotspot. The URL of the
    code page carries `token`, never the phone; the code is kept only as a keyed hash."""

    token = models.CharField(max_length=43, unique=True)
    nas = models.ForeignKey(Nas, on_delete=models.CASCADE, related_name="portal_attempts")
    phone_index = models.CharField(max_length=64)
    phone_sealed = models.TextField()
    # Upper case, dash separated, as WifiDevice.mac.
    mac = models.CharField(max_length=17)
    code_hash = models.CharField(max_length=64)
    # What the access controller told about the client, needed to hand it back after the code.
    client = models.JSONField()
    # Where the phone form came from: the budget per address (a forged MAC changes nothing).
    client_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    verified_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(WifiUser, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("lần gửi mã xác thực")
        verbose_name_plural = _("lần gửi mã xác thực")
        indexes = [
            # The hourly limits per phone and per device.
            models.Index(fields=["phone_index", "created_at"], name="portal_phone_hour_idx"),
            models.Index(fields=["mac", "created_at"], name="portal_mac_hour_idx"),
            # The budgets per minute: per client address, per NAS, in total.
            models.Index(fields=["client_address", "created_at"], name="portal_address_minute_idx"),
            models.Index(fields=["nas", "created_at"], name="portal_nas_minute_idx"),
            models.Index(fields=["created_at"], name="portal_minute_idx"),
        ]

    def __str__(self):
        return self.token[:8]


class PortalConsent(models.Model):
    """A person's consent to the terms and the privacy notice (Nghị định 13/2023/NĐ-CP, article
    11: consent must be provable): when, at which hotspot, to which text (its hash), and who by
    the phone's blind index only."""

    nas = models.ForeignKey(Nas, on_delete=models.PROTECT, related_name="consents")
    phone_index = models.CharField(max_length=64)
    consented_at = models.DateTimeField()
    # The first 16 hex digits of the SHA-256 of the terms and notice as they were shown.
    version = models.CharField(max_length=16)

    class Meta:
        verbose_name = _("đồng ý điều khoản và xử lý dữ liệu cá nhân")
        verbose_name_plural = _("đồng ý điều khoản và xử lý dữ liệu cá nhân")
        indexes = [models.Index(fields=["phone_index", "consented_at"], name="portal_consent_idx")]

    def __str__(self):
        return f"{self.version} {self.consented_at:%Y-%m-%d %H:%M}"


class AuthmonGrant(models.Model):
    """A client verified behind an openNDS level 3 gateway, waiting for the gateway's authmon
    daemon to collect it (it polls the FAS with auth_get=list)."""

    attempt = models.OneToOneField(PortalAttempt, on_delete=models.CASCADE, related_name="grant")
    nas = models.ForeignKey(Nas, on_delete=models.CASCADE)
    gateway_hash = models.CharField(max_length=64)
    rhid = models.CharField(max_length=64)
    custom = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField()
    collected_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["nas", "gateway_hash"],
                condition=models.Q(collected_at__isnull=True),
                name="authmon_waiting_idx",
            )
        ]

    def __str__(self):
        return self.rhid[:8]


class GatewayEvent(models.Model):
    """What a hotspot's BinAuth script reported: a client let on or put off, and why."""

    nas = models.ForeignKey(Nas, on_delete=models.CASCADE, related_name="gateway_events")
    event = models.CharField(max_length=32)
    mac = models.CharField(max_length=17, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    # The WifiUser login the portal passed as BinAuth's custom string, when there is one.
    login = models.CharField(max_length=32, blank=True)
    session_start = models.DateTimeField(null=True, blank=True)
    session_end = models.DateTimeField(null=True, blank=True)
    bytes_in = models.BigIntegerField(null=True, blank=True)
    bytes_out = models.BigIntegerField(null=True, blank=True)
    received_at = models.DateTimeField()

    class Meta:
        verbose_name = _("sự kiện cổng đăng nhập")
        verbose_name_plural = _("sự kiện cổng đăng nhập")
        indexes = [models.Index(fields=["mac", "received_at"], name="gateway_event_mac_idx")]

    def __str__(self):
        return self.event
