from django import forms
from django.utils.translation import gettext_lazy as _


class EnrollForm(forms.Form):
    provider_url = forms.CharField(
        label=_("Địa chỉ máy chủ doanh nghiệp"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "https://icafe.example.vn"}),
    )
    code = forms.CharField(
        label=_("Mã đăng ký"),
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "ABCD-EFGH-JKMN", "autocomplete": "off"}),
    )
