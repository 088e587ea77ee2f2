from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from netpoint.point.customers.models import Customer
from netpoint.point.customers.services import with_id_number
from netpoint.point.sessions.models import Session
from netpoint.point.sessions.services import MAX_PREPAYMENT


class CheckInForm(forms.Form):
    customer = forms.ModelChoiceField(
        queryset=Customer.objects.all(), required=False, widget=forms.HiddenInput
    )
    lookup = forms.CharField(
        label=_("Số giấy tờ hoặc tên đăng nhập của khách"), required=False, max_length=40
    )
    kind = forms.ChoiceField(label=_("Hình thức"), choices=Session.Kind.choices)
    prepaid = forms.IntegerField(
        label=_("Khách vãng lai trả trước (VND)"),
        required=False,
        min_value=0,
        max_value=MAX_PREPAYMENT,
        help_text=_("Để trống nếu khách trả tiền khi tắt máy."),
    )

    def clean(self):
        data = super().clean()
        if data.get("customer") is None and not self.errors.get("customer"):
            lookup = (data.get("lookup") or "").strip()
            if not lookup:
                self.add_error("lookup", _("Hãy nhập số giấy tờ hoặc tên đăng nhập của khách."))
                return data
            data["customer"] = Customer.objects.filter(
                with_id_number(lookup) | Q(account__username=lookup)
            ).first()
            if data["customer"] is None:
                self.add_error(
                    "lookup", _("Không tìm thấy khách hàng; hãy đăng ký khách mới trước.")
                )
        data["prepaid"] = data.get("prepaid") or 0
        return data
