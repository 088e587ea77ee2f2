import ipaddress
import re

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netpoint.common.identity.phones import normalize_vietnamese
from netpoint.common.identity.validators import IdentityError
from netpoint.provider.registry import divisions, wardfinder
from netpoint.provider.registry.models import Enterprise, Point

HOURS = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")


class PointForm(forms.ModelForm):
    province_code = forms.TypedChoiceField(label=gettext_lazy("Tỉnh, thành phố"), coerce=int)
    # Typed (a name with or without accents, or a code) and read in clean() against the
    # province (wardfinder), so the error names the real problem; the page offers a list.
    ward_code = forms.CharField(
        label=gettext_lazy("Phường, xã, đặc khu"),
        help_text=gettext_lazy("Gõ tên (có dấu hoặc không) hoặc mã rồi chọn trong danh sách."),
        max_length=200,
        widget=forms.TextInput(attrs={"list": "ward-list", "autocomplete": "off"}),
    )
    public_ips_text = forms.CharField(
        label=gettext_lazy("Địa chỉ IP công cộng"),
        help_text=gettext_lazy("Mỗi dòng một địa chỉ IPv4 hoặc IPv6."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    hours_text = forms.CharField(
        label=gettext_lazy("Giờ mở cửa riêng"),
        help_text=gettext_lazy("Ví dụ 08:00-22:00; để trống để theo quy định chung."),
        required=False,
        max_length=11,
    )

    class Meta:
        model = Point
        fields = [
            "enterprise",
            "code",
            "name",
            "point_type",
            "owner_name",
            "owner_phone",
            "licence_number",
            "licence_expires_on",
            "province_code",
            "ward_code",
            "street_address",
            "contract_type",
            "venue_type",
            "active",
        ]
        widgets = {"licence_expires_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province_code"].choices = [("", "—")] + divisions.provinces()
        province = self.data.get("province_code") or (self.instance.province_code or None)
        wards = (
            divisions.wards_of(int(province))
            if str(province).isascii() and str(province).isdigit()
            else []
        )
        # Offered in the page's <datalist> (and by wards.js as one types).
        self.ward_list = [wardfinder.Ward(code, name) for code, name in wards]
        if self.instance.pk and self.instance.ward_code:
            name = divisions.ward_name(self.instance.ward_code)
            self.initial["ward_code"] = wardfinder.Ward(self.instance.ward_code, name).label
        if self.instance.pk:
            self.fields["public_ips_text"].initial = "\n".join(self.instance.public_ips)
            hours = self.instance.opening_hours
            self.fields["hours_text"].initial = f"{hours[0]}-{hours[1]}" if hours else ""

    def clean_public_ips_text(self) -> list[str]:
        addresses = []
        for number, line in enumerate(self.cleaned_data["public_ips_text"].splitlines(), 1):
            line = line.strip()
            if not line:
                continue
            try:
                addresses.append(str(ipaddress.ip_address(line)))
            except ValueError:
                raise forms.ValidationError(
                    _("Dòng %(line)s không phải địa chỉ IP hợp lệ.") % {"line": number}
                ) from None
        return addresses

    def clean_owner_phone(self) -> str:
        written = self.cleaned_data["owner_phone"].strip()
        if not written:
            return ""
        try:
            return normalize_vietnamese(written)
        except IdentityError as error:
            raise forms.ValidationError(error.message) from None

    def clean_hours_text(self) -> list[str] | None:
        text = self.cleaned_data["hours_text"].strip()
        if not text:
            return None
        if not HOURS.match(text):
            raise forms.ValidationError(_("Giờ mở cửa phải có dạng 08:00-22:00."))
        return text.split("-")

    def clean(self):
        cleaned = super().clean()
        province, ward = cleaned.get("province_code"), cleaned.get("ward_code")
        if province and ward:
            try:
                cleaned["ward_code"] = wardfinder.resolve(province, ward)
            except wardfinder.WardNotFound as error:
                self.add_error("ward_code", str(error))
        elif ward:  # a ward is read inside its province only
            self.add_error("ward_code", _("Hãy chọn tỉnh, thành phố của phường, xã này."))
        return cleaned

    def save(self, commit=True):
        self.instance.public_ips = self.cleaned_data["public_ips_text"]
        self.instance.opening_hours = self.cleaned_data["hours_text"]
        return super().save(commit)


class EnterpriseForm(forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = ["name", "tax_code", "address", "contact_email", "contact_phone"]

    def clean_tax_code(self) -> str:
        code = self.cleaned_data["tax_code"].strip()
        if not re.fullmatch(r"\d{10}(-\d{3})?", code):
            raise forms.ValidationError(
                _("Mã số doanh nghiệp gồm 10 chữ số (chi nhánh thêm -XXX).")
            )
        return code


class PointImportForm(forms.Form):
    """A file of points (registry.imports) for one enterprise."""

    enterprise = forms.ModelChoiceField(
        label=gettext_lazy("Doanh nghiệp"), queryset=Enterprise.objects.all(), empty_label=None
    )
    file = forms.FileField(
        label=gettext_lazy("Tệp .xlsx hoặc .csv"),
        allow_empty_file=True,  # imports.check says so, in the words of the other refusals
        help_text=gettext_lazy("Theo các cột của tệp mẫu; dòng đầu là tiêu đề."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
