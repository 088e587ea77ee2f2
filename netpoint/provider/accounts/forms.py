from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực (6 chữ số)"),
        max_length=6,
        validators=[RegexValidator(r"^[0-9]{6}$", _("Mã xác thực gồm đúng 6 chữ số."))],
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": _("Hãy nhập mã xác thực.")},
    )
