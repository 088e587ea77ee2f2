from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from netpoint.provider.registry import divisions
from netpoint.provider.registry.models import Enterprise
from netpoint.provider.reports.models import Report


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=Report.Kind.choices)
    enterprise = forms.ModelChoiceField(
        label=_("Doanh nghiệp"), queryset=Enterprise.objects.all(), empty_label=None
    )
    province_code = forms.TypedChoiceField(
        label=_("Tỉnh, thành phố"), coerce=int, required=False, empty_value=None
    )
    period_from = forms.DateField(
        label=_("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_to = forms.DateField(label=_("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    number = forms.CharField(label=_("Số báo cáo"), max_length=60, initial="/BC-")
    place = forms.CharField(label=_("Địa danh"), max_length=60, initial="Hà Nội")
    # Empty: the agencies of the report's duty (netpoint.provider.reports.agencies).
    addressee = forms.CharField(
        label=_("Kính gửi"),
        max_length=300,
        required=False,
        help_text=_("Để trống để gửi cơ quan quản lý của loại báo cáo, theo cài đặt."),
    )
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=120, initial="Giám đốc")
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province_code"].choices = [("", _("Tất cả"))] + divisions.provinces()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_from"), cleaned.get("period_to")
        if start and end:
            if end < start:
                self.add_error("period_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
            elif end - start > timedelta(days=731):
                self.add_error("period_to", _("Kỳ báo cáo dài nhất là hai năm."))
        return cleaned
