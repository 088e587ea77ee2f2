from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from netpoint.common.identity.cccd_qr import CccdQr, looks_like_qr, parse_cccd_qr
from netpoint.common.identity.normalise import compact_number
from netpoint.common.identity.validators import IdentityError
from netpoint.point.customers import services
from netpoint.point.customers.models import Customer, MemberAccount

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class CustomerForm(forms.ModelForm):
    """The identity form; the rules themselves live in services.check_identity."""

    # Not model fields: the model keeps them sealed (Customer.id_number, Customer.phone).
    id_number = forms.CharField(label=capfirst(_("số giấy tờ")), max_length=20)
    phone = forms.CharField(label=capfirst(_("số điện thoại")), max_length=16, required=False)

    guardian_id_number = forms.CharField(
        label=_("Số giấy tờ của người giám hộ"),
        required=False,
        max_length=20,
        help_text=_("Bắt buộc với trẻ em; người giám hộ phải được đăng ký trước."),
    )
    username = forms.CharField(
        label=_("Tên đăng nhập hội viên"),
        required=False,
        max_length=40,
        help_text=_("Để trống nếu khách không mở tài khoản hội viên."),
    )
    password = forms.CharField(
        label=_("Mật khẩu hội viên"), required=False, max_length=128, widget=forms.PasswordInput
    )

    class Meta:
        model = Customer
        fields = [
            "full_name",
            "date_of_birth",
            "gender",
            "id_type",
            "id_number",
            "id_issued_on",
            "id_issued_by",
            "address",
            "phone",
            "guardian_relation",
        ]
        widgets = {"date_of_birth": DateInput(), "id_issued_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("date_of_birth", "id_issued_on"):
            self.fields[name].input_formats = DATE_FORMATS

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if username and MemberAccount.objects.filter(username=username).exists():
            raise ValidationError(_("Tên đăng nhập này đã có người dùng."))
        return username

    def clean(self):
        data = super().clean()
        guardian_number = data.pop("guardian_id_number", "").strip()
        data["guardian"] = None
        if guardian_number:
            data["guardian"] = Customer.objects.filter(
                services.with_id_number(guardian_number)
            ).first()
            if data["guardian"] is None:
                self.add_error(
                    "guardian_id_number",
                    _("Không tìm thấy người giám hộ có số giấy tờ này; hãy đăng ký họ trước."),
                )
                return data
        if data.get("username") and len(data.get("password") or "") < 6:
            self.add_error("password", _("Mật khẩu hội viên phải có ít nhất 6 ký tự."))
        return data

    def identity(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("username", "password")}

    def add_service_errors(self, err: ValidationError) -> None:
        for field, problems in err.message_dict.items():
            target = "guardian_id_number" if field == "guardian" else field
            for problem in problems:
                self.add_error(target if target in self.fields else None, problem)


def scan_field() -> forms.CharField:
    # A USB scanner types the card's QR payload into the focused field, then Enter.
    return forms.CharField(
        label=_("Quét CCCD"),
        required=False,
        max_length=1000,
        help_text=_("Đặt con trỏ vào ô này rồi quét mã QR mặt sau thẻ CCCD gắn chip."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-scan": "cccd"}),
    )


def read_card(text: str) -> CccdQr:
    """The scanned payload, or a ValidationError with the Vietnamese reason."""
    if not looks_like_qr(text):
        raise ValidationError(_("Đây không phải mã QR của thẻ CCCD; hãy quét lại."))
    try:
        return parse_cccd_qr(text)
    except IdentityError as err:
        raise ValidationError(str(err)) from None


class ScanForm(forms.Form):
    """The scan box above the registration form: a card read here fills that form."""

    scan = scan_field()

    def clean_scan(self) -> CccdQr | None:
        text = self.cleaned_data["scan"].strip()
        return read_card(text) if text else None


def guess_id_type(number: str) -> str:
    digits = compact_number(number)
    if digits.isascii() and digits.isdigit():
        return {12: "cccd", 9: "cmnd"}.get(len(digits), "")
    return ""


def filled_identity(posted, card: CccdQr | None) -> dict:
    """What the registration form shows after a scan or coming from check-in: what was already
    typed there, the ID number typed at check-in, then the card's fields over them."""
    initial = {
        name: posted[name]
        for name in CustomerForm.Meta.fields + ["guardian_id_number", "username"]
        if posted.get(name)
    }
    lookup = compact_number(posted.get("lookup", "").strip())
    if lookup and guess_id_type(lookup):
        initial |= {"id_number": lookup, "id_type": guess_id_type(lookup)}
    if card is not None:
        initial |= services.identity_from_qr(card)
    return initial


class TopUpForm(forms.Form):
    amount = forms.IntegerField(
        label=_("Số tiền nạp (VND)"), min_value=1000, max_value=services.MAX_TOP_UP
    )
