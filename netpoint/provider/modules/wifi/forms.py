from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from netpoint.common.core import clock
from netpoint.common.core.policy import local_tz
from netpoint.provider.modules.wifi.models import UAMSECRET_NEEDED, Controller, Nas, address_list
from netpoint.provider.modules.wifi.stats import Selection
from netpoint.provider.registry import divisions
from netpoint.provider.registry.models import Point

# A year and a day: a whole year, leap or not, in one look; longer would scan too much radacct.
LONGEST_PERIOD_DAYS = 366
DEFAULT_PERIOD_DAYS = 30
CHOICE_ERRORS = {"invalid_choice": _("Giá trị được chọn không hợp lệ.")}
DATE_ERRORS = {"invalid": _("Ngày không hợp lệ."), "required": _("Hãy nhập ngày.")}


class StatsForm(forms.Form):
    """The statistics' filters, from the query string (a GET form: the page can be bookmarked)."""

    province_code = forms.TypedChoiceField(
        label=_("Tỉnh, thành phố"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages=CHOICE_ERRORS,
    )
    venue_type = forms.ChoiceField(
        label=_("Loại địa điểm"),
        choices=[("", _("Tất cả"))] + Point.Venue.choices,
        required=False,
        error_messages=CHOICE_ERRORS,
    )
    contract_type = forms.ChoiceField(
        label=_("Loại hợp đồng"),
        choices=[("", _("Tất cả"))] + Point.Contract.choices,
        required=False,
        error_messages=CHOICE_ERRORS,
    )
    date_from = forms.DateField(
        label=_("Từ ngày"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=DATE_ERRORS,
    )
    date_to = forms.DateField(
        label=_("Đến ngày"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=DATE_ERRORS,
    )

    def __init__(self, data=None, **kwargs):
        if data is not None and not any(data.get(name) for name in ("date_from", "date_to")):
            # No period asked for: the last 30 days up to today.
            data = data.copy()
            today = clock.now().astimezone(local_tz()).date()
            data["date_from"] = (today - timedelta(days=DEFAULT_PERIOD_DAYS - 1)).isoformat()
            data["date_to"] = today.isoformat()
        super().__init__(data, **kwargs)
        self.fields["province_code"].choices = [("", _("Tất cả"))] + divisions.provinces()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end:
            if end < start:
                self.add_error("date_to", _("Ngày kết thúc không được trước ngày bắt đầu."))
            elif (end - start).days + 1 > LONGEST_PERIOD_DAYS:
                self.add_error(
                    "date_to",
                    _("Mỗi lần xem tối đa %(days)d ngày.") % {"days": LONGEST_PERIOD_DAYS},
                )
        return cleaned

    def selection(self) -> Selection:
        data = self.cleaned_data
        return Selection(
            date_from=data["date_from"],
            date_to=data["date_to"],
            province_code=data["province_code"],
            venue_type=data["venue_type"],
            contract_type=data["contract_type"],
        )


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
        label=_(
            "Tôi đã đọc và đồng ý với điều khoản sử dụng và thông báo xử lý dữ liệu cá nhân "
            "dưới đây"
        ),
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


def _key_field(label, too_short) -> forms.CharField:
    """A key typed in and never shown back (the browser is told not to fill it in either)."""
    return forms.CharField(
        label=label,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        min_length=16,
        max_length=128,
        required=False,
        error_messages={"min_length": too_short},
    )


class NasForm(forms.ModelForm):
    """A hotspot's access controller. The keys are typed in, sealed, and never shown again;
    left empty on a change they stay as they were."""

    secret = _key_field(
        _("Khoá bí mật dùng chung (RADIUS)"),
        _("Khoá bí mật dùng chung phải dài ít nhất 16 ký tự."),
    )
    portal_key = forms.CharField(
        label=_("faskey (openNDS) hoặc uamsecret (CoovaChilli)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        max_length=32,
        required=False,
    )
    event_key = _key_field(
        _("Khoá báo sự kiện BinAuth"), _("Khoá báo sự kiện phải dài ít nhất 16 ký tự.")
    )

    class Meta:
        model = Nas
        fields = [
            "point",
            "name",
            "hotspot_name",
            "house_rules",
            "ip_address",
            "nat_addresses",
            "require_message_authenticator",
            "coa_port",
            "active",
            "controller",
            "fas_level",
            "uam_chap",
        ]
        widgets = {
            "nat_addresses": forms.Textarea(attrs={"rows": 2}),
            "house_rules": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "ip_address": {
                "invalid": _("Hãy nhập một địa chỉ IPv4 hoặc IPv6 hợp lệ."),
                "unique": _("Đã có thiết bị NAS dùng địa chỉ nguồn này."),
            },
            "coa_port": {"invalid": _("Cổng CoA phải là một số nguyên.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coa_port"].validators.append(_port)
        self.fields["point"].error_messages["invalid_choice"] = _(
            "Chỉ điểm Wi-Fi công cộng mới có thiết bị NAS."
        )
        if self.instance.pk:
            self.fields["secret"].help_text = _("Đã đặt. Để trống để giữ nguyên khoá cũ.")
            for name, sealed in (
                ("portal_key", self.instance.portal_key_sealed),
                ("event_key", self.instance.event_key_sealed),
            ):
                if sealed:
                    self.fields[name].help_text = _("Đã đặt. Để trống để giữ nguyên khoá cũ.")

    def clean_nat_addresses(self):
        text = self.cleaned_data["nat_addresses"]
        own = self.cleaned_data.get("ip_address")
        try:
            listed = address_list(text)
        except ValueError:
            return text  # the model's validator says what is wrong
        if own and str(own) in listed:
            raise forms.ValidationError(_("Địa chỉ nguồn của thiết bị không cần ghi lại ở đây."))
        return text

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk and not cleaned.get("secret") and "secret" not in self.errors:
            self.add_error("secret", _("Hãy nhập khoá bí mật dùng chung cho thiết bị mới."))
        has_key = cleaned.get("portal_key") or self.instance.portal_key_sealed
        if cleaned.get("controller") == Controller.OPENNDS and not has_key:
            self.add_error("portal_key", _("openNDS cần faskey."))
        if cleaned.get("controller") == Controller.CHILLI and not has_key:
            self.add_error("portal_key", UAMSECRET_NEEDED)
        return cleaned


def _port(value: int) -> None:
    if not 1 <= value <= 65535:
        raise forms.ValidationError(_("Cổng phải từ 1 đến 65535."))
