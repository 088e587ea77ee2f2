"""Anti-spam records of an advertising or messaging provider (REQUIREMENTS E).

Recipients' phone numbers and e-mail addresses are never stored readable where they are only
needed for matching: the recent sends, suppressions and the Do-Not-Call list hold keyed hashes
(blind indexes); an opt-out request keeps the address sealed, for its report and confirmation.
"""

import secrets

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from netpoint.common.tokens import StoredToken

CHANNEL_CHOICES = [
    ("sms", _("Tin nhắn SMS")),
    ("email", _("Thư điện tử")),
    ("call", _("Cuộc gọi")),
    ("messaging", _("Tin nhắn qua mạng Internet")),
]


class Customer(models.Model):
    """An advertiser, or another advertising provider sending through this one (Mẫu số 3)."""

    class Kind(models.TextChoices):
        ADVERTISER = "advertiser", _("Người quảng cáo")
        AD_PROVIDER = "ad_provider", _("Nhà cung cấp dịch vụ quảng cáo")

    name = models.CharField(_("Tên khách hàng"), max_length=200, unique=True)
    kind = models.CharField(_("Loại"), max_length=20, choices=Kind, default=Kind.ADVERTISER)
    management_code = models.CharField(_("Mã số quản lý"), max_length=50, blank=True)
    # One per line: the sender names (brandnames) registered for this customer.
    brandnames = models.TextField(_("Tên định danh (brandname)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def brandname_set(self) -> frozenset[str]:
        return frozenset(b.strip().upper() for b in self.brandnames.splitlines() if b.strip())


class ApiToken(StoredToken):
    """A sending system's credential; only the SHA-256 of the token is kept
    (netpoint.common.tokens)."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="tokens")
    label = models.CharField(_("Ghi chú"), max_length=100, blank=True)

    def __str__(self):
        return f"{self.customer_id}:{self.label}"


class AdMessage(models.Model):
    """An advertising message (a template, "bản tin mẫu"), counted in the reports."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="messages")
    channel = models.CharField(_("Kênh"), max_length=10, choices=CHANNEL_CHOICES)
    title = models.CharField(_("Tiêu đề"), max_length=200)
    content = models.TextField(_("Nội dung"), max_length=5000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class RecentSends(models.Model):
    """When a recipient was last sent advertising on a channel (by a customer, or by anyone
    when caps count every customer: customer_key 0): what the 24-hour caps count. A check locks
    this row, so concurrent checks for one recipient wait for each other and never pass a cap
    together; row locks, unlike advisory locks, take no room in PostgreSQL's lock table.

    Every allowed send writes here, so the recipient is the keyed hash's 32 bytes rather than
    its 64 hex characters (half the unique index, compared byte by byte), and pages are left
    a fifth empty so that adding a send to a row is an update in place (HOT), without a new
    index entry (migration 0002)."""

    recipient = models.BinaryField(max_length=32)
    channel = models.CharField(max_length=10)
    customer_key = models.BigIntegerField()
    times = ArrayField(models.DateTimeField(), default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "channel", "customer_key"], name="antispam_recent_once"
            )
        ]

    def __str__(self):
        return f"{self.channel} {len(self.times)}"


class SentCount(models.Model):
    """Allowed sends per customer, message, channel and local day: what the reports count.
    Each checked batch appends its own rows, so concurrent batches never wait on one hot
    counter row; the retention job folds each past day into one row per key."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    message = models.ForeignKey(AdMessage, null=True, on_delete=models.SET_NULL)
    # Which advertising message (thông điệp, "a template") went: the registered message's
    # "m<id>" when the sending system named one, else a hash of the content sent (checks.
    # message_key); the reports count the distinct keys, so a message need not be registered
    # to be counted. Empty for a send with neither (a call).
    content_key = models.CharField(max_length=32, blank=True, default="")
    channel = models.CharField(max_length=10)
    day = models.DateField()
    sent = models.BigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["day", "channel"])]

    def __str__(self):
        return f"{self.channel} {self.day} {self.sent}"


class Suppression(models.Model):
    """A processed opt-out: this recipient takes no more advertising on this channel (from
    this customer, or from anyone when customer is empty). Kept after its request is deleted."""

    recipient = models.CharField(max_length=64)
    channel = models.CharField(max_length=10)
    customer = models.ForeignKey(Customer, null=True, on_delete=models.CASCADE)
    since = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "channel", "customer"],
                name="antispam_suppression_once",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return f"{self.channel} {self.since:%Y-%m-%d}"


# Crockford's base 32: no I, L, O or U to misread when the reference is read out on the phone.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference() -> str:
    """TC-XXXX-XXXX, 40 random bits: guessing another's reference takes a trillion tries.
    A clash with an earlier one (rare as that is) draws again."""
    while True:
        body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
        reference = f"TC-{body[:4]}-{body[4:]}"
        if not OptOutRequest.objects.filter(reference=reference).exists():
            return reference


class OptOutRequest(models.Model):
    """A recipient's request to receive no more advertising (yêu cầu từ chối)."""

    class Via(models.TextChoices):
        WEB = "web", _("Qua trang web")
        EMAIL = "email", _("Bằng thư điện tử")
        PHONE = "phone", _("Gọi điện thoại")
        SMS = "sms", _("Bằng tin nhắn")

    class Status(models.TextChoices):
        PROCESSED = "processed", _("Đã xử lý")
        NOT_PROCESSABLE = "not_processable", _("Không xử lý được do bất khả kháng")

    via = models.CharField(_("Phương thức tiếp nhận"), max_length=10, choices=Via)
    channel = models.CharField(_("Kênh quảng cáo"), max_length=10, choices=CHANNEL_CHOICES)
    customer = models.ForeignKey(
        Customer, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("Khách hàng")
    )
    recipient = models.CharField(max_length=64, blank=True)
    recipient_sealed = models.TextField(blank=True)
    received_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True)
    confirmation = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status)
    processed_at = models.DateTimeField(null=True)
    force_majeure = models.CharField(_("Lý do bất khả kháng"), max_length=300, blank=True)
    entered_by = models.CharField(max_length=150, blank=True)
    # A hash of where it came from (an e-mail's Message-ID, a gateway's message id), so that
    # reading the same mailbox twice registers each request once.
    source_ref = models.CharField(max_length=64, blank=True)
    # What the person quotes when they ask about their request: random, so one reference
    # tells nothing of another's.
    reference = models.CharField(
        _("Số tham chiếu"), max_length=12, unique=True, editable=False, default=new_reference
    )

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["received_at"]), models.Index(fields=["source_ref"])]

    def __str__(self):
        return f"{self.via} {self.channel} {self.received_at:%Y-%m-%d %H:%M}"


class DoNotCall(models.Model):
    """A phone number on the Do-Not-Call list, by its keyed hash only."""

    recipient = models.CharField(max_length=64, unique=True)
    added_at = models.DateTimeField()
    source = models.CharField(max_length=200, blank=True)

    def __str__(self):
        return self.recipient[:12]


class SpamReport(models.Model):
    """Spam found by the provider's own filters, or reported to it; and how it was handled."""

    class Source(models.TextChoices):
        DETECTED = "detected", _("Phát hiện được")
        REPORTED = "reported", _("Báo cáo nhận được")

    source = models.CharField(_("Nguồn"), max_length=10, choices=Source)
    channel = models.CharField(_("Kênh"), max_length=10, choices=CHANNEL_CHOICES)
    received_at = models.DateTimeField(_("Thời điểm"))
    customer = models.ForeignKey(
        Customer, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("Khách hàng")
    )
    summary = models.CharField(_("Tóm tắt"), max_length=500)
    handled_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("Kết quả xử lý"), max_length=500, blank=True)

    class Meta:
        ordering = ["-received_at"]
        permissions = [("handle_spamreport", "Can handle spam reports")]

    def __str__(self):
        return self.summary


class PeriodFigures(models.Model):
    """What the reports need that the checks cannot count: revenue, accounts, all messages."""

    class Service(models.TextChoices):
        EMAIL = "email", _("Quảng cáo bằng thư điện tử")
        SMS = "sms", _("Quảng cáo bằng tin nhắn")
        MESSAGING = "messaging", _("Tin nhắn qua mạng Internet")

    service = models.CharField(max_length=10, choices=Service)
    period_start = models.DateField()
    revenue = models.BigIntegerField(_("Tổng doanh thu (VND)"), default=0)
    accounts = models.BigIntegerField(_("Tài khoản trên hệ thống"), default=0)
    total_messages = models.BigIntegerField(_("Tổng số tin nhắn"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "period_start"], name="antispam_figures_once"
            )
        ]
        permissions = [("make_report", "Can make the periodic anti-spam reports")]

    def __str__(self):
        return f"{self.service} {self.period_start}"


class FrozenOptOuts(models.Model):
    """A closed period's opt-out counts per channel, kept when the period closes: its requests
    are deleted after their keeping time (184 days), before the year's report (due 15/11) and
    maybe before a late half-year report, which read these instead (REQUIREMENTS E.3: a
    period's figures never change after it closes). Counts only, no recipient."""

    channel = models.CharField(max_length=10)
    period_start = models.DateField()
    period_end = models.DateField()
    frozen_at = models.DateTimeField()
    # {via: [received, confirmed, processed, not processable]}
    counts = models.JSONField(default=dict)
    # {via: [force-majeure reasons]}
    reasons = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["channel", "period_start"], name="antispam_frozen_once")
        ]

    def __str__(self):
        return f"{self.channel} {self.period_start}"


class ArchivedReport(models.Model):
    """Every report file made, as it was given out, with its SHA-256: what was sent can be
    downloaded again and shown unchanged. A records report (the opt-out requests themselves)
    holds recipients' addresses: its file goes when the requests' keeping time ends, its hash
    and the rest stay (services.purge_archived_records)."""

    class Kind(models.TextChoices):
        PERIODIC = "periodic", _("Báo cáo định kỳ")
        ANNUAL = "annual", _("Báo cáo năm")
        ADHOC = "adhoc", _("Báo cáo đột xuất")
        RECORDS = "records", _("Báo cáo thông tin lưu giữ về yêu cầu từ chối")

    kind = models.CharField(_("Loại báo cáo"), max_length=10, choices=Kind)
    form = models.CharField(_("Mẫu số"), max_length=2, blank=True)
    period_start = models.DateField(_("Từ ngày"))
    period_end = models.DateField(_("Đến ngày"))
    generated_at = models.DateTimeField(_("Lập lúc"))
    generated_by = models.CharField(_("Người lập"), max_length=150)
    file_name = models.CharField(_("Tệp"), max_length=200)
    content = models.BinaryField()
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-generated_at", "-pk"]

    def __str__(self):
        return self.file_name


class RegistrationSent(models.Model):
    """A registration message (tin nhắn đăng ký) went to this recipient from this customer on
    this channel: the first and only one may go (policy.py). By keyed hash only."""

    recipient = models.CharField(max_length=64)
    channel = models.CharField(max_length=10)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "channel", "customer"], name="antispam_registration_once"
            )
        ]

    def __str__(self):
        return f"{self.channel} {self.sent_at:%Y-%m-%d}"
