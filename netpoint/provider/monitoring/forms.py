"""The violation list's filters: kind, ward, state and a range of days. The same form serves the
page and its .xlsx export, so both list the same violations."""

from datetime import datetime, time, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from netpoint.common.core.policy import local_tz
from netpoint.provider.monitoring.models import Violation
from netpoint.provider.registry import divisions

ALL = "all"


class ViolationFilter(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại vi phạm"),
        required=False,
        choices=[("", _("Tất cả")), *Violation.Kind.choices],
    )
    ward = forms.TypedChoiceField(
        label=_("Phường, xã"), required=False, coerce=int, empty_value=None
    )
    state = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[(ALL, _("Tất cả")), *Violation.State.choices],
    )
    date_from = forms.DateField(
        label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, data, *, province_code: int | None):
        # Unfiltered, the list shows what is still to be handled.
        data = data.copy()
        data.setdefault("state", Violation.State.OPEN)
        super().__init__(data)
        wards = divisions.wards_of(province_code) if province_code else []
        self.fields["ward"].choices = [("", _("Tất cả")), *wards]
        if not wards:  # every province: their thousands of wards are no list to choose from
            del self.fields["ward"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return cleaned

    def filter(self, violations):
        """`violations` narrowed to the valid filters (call after is_valid)."""
        data = self.cleaned_data
        if data["kind"]:
            violations = violations.filter(kind=data["kind"])
        if data.get("ward"):
            violations = violations.filter(point__ward_code=data["ward"])
        if data["state"] and data["state"] != ALL:
            violations = violations.filter(state=data["state"])
        tz = local_tz()
        if data["date_from"]:
            start = datetime.combine(data["date_from"], time(), tzinfo=tz)
            violations = violations.filter(occurred_at__gte=start)
        if data["date_to"]:
            end = datetime.combine(data["date_to"] + timedelta(days=1), time(), tzinfo=tz)
            violations = violations.filter(occurred_at__lt=end)
        return violations

    def described(self) -> str:
        """The filters in words, for the head of the export."""
        data = self.cleaned_data
        parts = []
        for name in ("kind", "ward", "state"):
            value = data.get(name)
            if value:
                field = self.fields[name]
                label = dict(field.choices).get(value, value)
                parts.append(f"{field.label}: {label}")
        if data["date_from"]:
            parts.append(_("từ ngày %(day)s") % {"day": data["date_from"].strftime("%d/%m/%Y")})
        if data["date_to"]:
            parts.append(_("đến ngày %(day)s") % {"day": data["date_to"].strftime("%d/%m/%Y")})
        return "; ".join(str(p) for p in parts) or str(_("Tất cả vi phạm"))
