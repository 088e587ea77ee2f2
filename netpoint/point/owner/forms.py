from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from netpoint.point.customers.models import Customer
from netpoint.point.owner.services import MAX_DAYS
from netpoint.point.stations.services import MAX_HOURLY_RATE


class CustomerForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    gender = forms.ChoiceField(
        label=_("Giới tính"), choices=[("", "—"), *Customer.Gender.choices], required=False
    )
    address = forms.CharField(label=_("Địa chỉ"), max_length=300)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    id_issued_by = forms.CharField(label=_("Nơi cấp giấy tờ"), max_length=150, required=False)


class MemberForm(forms.Form):
    username = forms.SlugField(
        label=_("Tên đăng nhập"),
        max_length=40,
        error_messages={
            "invalid": _(
                "Tên đăng nhập chỉ gồm chữ không dấu, chữ số, dấu gạch ngang hoặc gạch dưới."
            )
        },
    )


class MoveForm(forms.Form):
    station = forms.IntegerField(label=_("Chuyển sang máy"), widget=forms.Select)


class RateForm(forms.Form):
    hourly_rate = forms.IntegerField(
        label=_("Giá mỗi giờ (VND)"),
        min_value=1,
        max_value=MAX_HOURLY_RATE,
        # Django's own Vietnamese for "Enter a whole number." reads oddly.
        error_messages={"invalid": _("Giá mỗi giờ phải là một số nguyên (VND).")},
    )


class BandForm(RateForm):
    starts_at = forms.TimeField(
        label=_("Áp dụng từ"), widget=forms.TimeInput(attrs={"type": "time"})
    )


class RangeForm(forms.Form):
    tu = forms.DateField(label=_("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    den = forms.DateField(label=_("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        first, last = data.get("tu"), data.get("den")
        if first and last:
            if last < first:
                raise ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."))
            if last - first >= timedelta(days=MAX_DAYS):
                raise ValidationError(_("Chỉ xem được tối đa %(days)s ngày.") % {"days": MAX_DAYS})
        return data
