from django import forms
from django.utils.translation import gettext_lazy as _


class PhoneForm(forms.Form):
    """The portal's first step. `client` is what the access controller sent, signed by us so
    the browser cannot change it between the pages."""

    phone = forms.CharField(
        label=_("Số điện thoại di động"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "09xx xxx xxx"}
        ),
    )
    terms = forms.BooleanField(
        label=_("Tôi đồng ý với điều khoản sử dụng Wi-Fi công cộng"),
        label_suffix="",
        error_messages={"required": _("Hãy đồng ý với điều khoản sử dụng để tiếp tục.")},
    )
    client = forms.CharField(widget=forms.HiddenInput)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực (6 chữ số)"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}
        ),
        error_messages={
            "min_length": _("Mã xác thực gồm 6 chữ số."),
            "max_length": _("Mã xác thực gồm 6 chữ số."),
            "required": _("Hãy nhập mã xác thực."),
        },
    )
