from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from netpoint.common.identity.cccd_qr import looks_like_qr
from netpoint.point.customers.forms import read_card, scan_field
from netpoint.point.customers.models import Customer
from netpoint.point.customers.services import with_id_number
from netpoint.point.sessions.models import Session
from netpoint.point.sessions.services import MAX_PREPAYMENT


class CheckInForm(forms.Form):
    customer = forms.ModelChoiceField(
        label=_("Khách"), queryset=Customer.objects.all(), required=False, widget=forms.HiddenInput
    )
    scan = scan_field()
    # Long enough for a card's QR payload, which a scanner may type here too.
    lookup = forms.CharField(
        label=_("Số giấy tờ hoặc tên đăng nhập của khách"), required=False, max_length=1000
    )
    # Most customers are walk-ins; members are the exception.
    kind = forms.ChoiceField(
        label=_("Hình thức"), choices=Session.Kind.choices, initial=Session.Kind.WALK_IN
    )
    prepaid = forms.IntegerField(
        label=_("Khách vãng lai trả trước (VND)"),
        required=False,
        min_value=0,
        max_value=MAX_PREPAYMENT,
        help_text=_("Để trống nếu khách trả tiền khi tắt máy."),
    )

    # The scanned payload of a card not yet registered, for the registration form.
    card = ""

    def clean(self):
        data = super().clean()
        scanned = (data.get("scan") or "").strip()
        if not scanned and looks_like_qr(data.get("lookup") or ""):
            scanned = data["lookup"].strip()
        if scanned:
            try:
                card = read_card(scanned)
            except forms.ValidationError as err:
                self.add_error("scan", err)
                return data
            self.card = scanned
            data["customer"] = None
            data["lookup"] = card.number
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
