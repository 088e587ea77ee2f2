"""Authority organisations and the written requests under which they may search the records."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netpoint.provider.registry.models import Point


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MINISTRY_POLICE = "a87", _("Bộ Công an (A87)")
        PROVINCIAL_POLICE = "police", _("Công an tỉnh, thành phố")
        # The provincial department that watches the points: the Sở Thông tin và Truyền thông
        # of the seeds, whose duties went on 1/3/2025 to the Sở Khoa học và Công nghệ (internet,
        # Wi-Fi) and the Sở Văn hóa, Thể thao và Du lịch (games). The value stays "ict".
        DEPARTMENT_ICT = (
            "ict",
            _("Sở quản lý chuyên ngành (Khoa học và Công nghệ; Văn hóa, Thể thao và Du lịch)"),
        )

    name = models.CharField(_("tên cơ quan"), max_length=200)
    kind = models.CharField(_("loại cơ quan"), max_length=10, choices=Kind.choices)
    province_code = models.PositiveIntegerField(_("tỉnh, thành phố"), null=True, blank=True)

    class Meta:
        verbose_name = _("cơ quan chức năng")
        verbose_name_plural = _("cơ quan chức năng")

    def __str__(self):
        return self.name


class Member(models.Model):
    """A user who acts for an authority organisation."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)

    def __str__(self):
        return f"{self.user} ({self.organisation})"


class WrittenRequest(models.Model):
    """An official letter asking for records (seed 000 §2c). Its scope says whom, where and
    when; searches outside it, before approval or after it expires are refused."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ phê duyệt")
        APPROVED = "approved", _("Đã phê duyệt")
        REJECTED = "rejected", _("Bị từ chối")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    document_number = models.CharField(_("số văn bản"), max_length=60)
    document_date = models.DateField(_("ngày văn bản"))
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=200)
    signer = models.CharField(_("người ký"), max_length=200)
    subject = models.CharField(_("trích yếu"), max_length=500)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=500)
    # Persons in scope: blind indexes of ID and phone numbers (never the numbers), and names.
    id_indexes = models.JSONField(default=list, blank=True)
    phone_indexes = models.JSONField(default=list, blank=True)
    names = models.JSONField(_("họ tên trong phạm vi"), default=list, blank=True)
    points = models.ManyToManyField(Point, blank=True, verbose_name=_("điểm trong phạm vi"))
    time_from = models.DateTimeField(_("từ thời điểm"))
    time_to = models.DateTimeField(_("đến thời điểm"))
    valid_until = models.DateTimeField(_("hiệu lực đến"))
    scan = models.FileField(_("bản quét văn bản"), upload_to="requests/", blank=True)
    # The ID and phone numbers of the scope as the letter gives them, sealed together (a JSON
    # object), for the approving officer to read what they approve; searches use the indexes.
    scope_sealed = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(_("lý do"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("văn bản yêu cầu")
        verbose_name_plural = _("văn bản yêu cầu")
        permissions = [("decide_writtenrequest", _("Phê duyệt hoặc từ chối văn bản yêu cầu"))]

    def __str__(self):
        return f"{self.document_number} ({self.organisation})"

    @property
    def reference(self) -> str:
        return f"{self.document_number} ngày {self.document_date:%d/%m/%Y} - {self.issuing_body}"


class ExportApproval(models.Model):
    """An export of many people under one request needs a second officer (REQUIREMENTS B.5,
    two-person rule): asked for when refused, used once when approved."""

    request = models.ForeignKey(WrittenRequest, on_delete=models.CASCADE, related_name="exports")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    persons = models.PositiveIntegerField(_("số người"))
    # The search approved (disclosure.digest); empty: any search of at most `persons` people.
    search_digest = models.CharField(max_length=64, blank=True, default="")
    requested_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phê duyệt xuất dữ liệu")
        verbose_name_plural = _("phê duyệt xuất dữ liệu")

    def __str__(self):
        return f"{self.request} ({self.persons})"
