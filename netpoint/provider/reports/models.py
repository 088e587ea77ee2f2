"""Reports generated for the ministries and provincial departments, kept with who generated them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netpoint.provider.registry.models import Enterprise, Point


class Report(models.Model):
    class Kind(models.TextChoices):
        OPERATION = "operation", _("Báo cáo định kỳ tình hình triển khai, vận hành phần mềm")
        SOFTWARE_CHANGES = "software_changes", _("Báo cáo nâng cấp, thay đổi tính năng phần mềm")
        WIFI = "wifi", _("Báo cáo số lượng điểm truy nhập Internet, Wi-Fi công cộng")

    kind = models.CharField(_("loại báo cáo"), max_length=20, choices=Kind.choices)
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, verbose_name=_("doanh nghiệp")
    )
    province_code = models.PositiveIntegerField(_("tỉnh, thành phố"), null=True, blank=True)
    number = models.CharField(_("số báo cáo"), max_length=60)
    place = models.CharField(_("địa danh"), max_length=60)
    addressee = models.CharField(_("kính gửi"), max_length=300)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120)
    signer_name = models.CharField(_("người ký"), max_length=120)
    period_from = models.DateField(_("từ ngày"))
    period_to = models.DateField(_("đến ngày"))
    report_date = models.DateField(_("ngày báo cáo"))
    # The document as built (headings, paragraphs, tables): both files are made from it.
    content = models.JSONField()
    docx = models.BinaryField()
    xlsx = models.BinaryField()
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    generated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["-generated_at"]

    def __str__(self):
        return f"{self.number} {self.get_kind_display()}"


class ReminderSent(models.Model):
    """A reminder of a due report went out: the reminder job sends each one once."""

    kind = models.CharField(max_length=20)
    due_on = models.DateField()
    days_before = models.IntegerField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "due_on", "days_before"], name="remind_once")
        ]

    def __str__(self):
        return f"{self.kind} {self.due_on} -{self.days_before}"


class HouseholdRequest(models.Model):
    """The provider asked the owner of a public Wi-Fi point on a household (or individual)
    contract to apply the rules on users' information of Chỉ thị 66/CT-BTTTT (seed 003, mục 2):
    the day it did, entered by staff. The Wi-Fi report counts only the requests recorded here."""

    point = models.OneToOneField(
        Point, on_delete=models.CASCADE, related_name="+", verbose_name=_("điểm")
    )
    asked_on = models.DateField(_("ngày yêu cầu"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("yêu cầu thực hiện Chỉ thị 66")
        verbose_name_plural = _("yêu cầu thực hiện Chỉ thị 66")

    def __str__(self):
        return f"{self.point_id} {self.asked_on}"
