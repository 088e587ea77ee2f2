"""The forms of a point's policy and of a province's own rules (registry.policy)."""

from django import forms
from django.utils.translation import gettext_lazy

from netpoint.provider.registry import divisions
from netpoint.provider.registry.models import ProvinceRule

ACROSS_CHOICES = [
    ("", gettext_lazy("Theo quy định của tỉnh hoặc của doanh nghiệp")),
    ("on", gettext_lazy("Có: tính cả thời gian ở các điểm khác")),
    ("off", gettext_lazy("Không: chỉ tính thời gian tại điểm này")),
]
VALUES = {"": None, "on": True, "off": False}


def choice_of(value: bool | None) -> str:
    return {None: "", True: "on", False: "off"}[value]


class PointPolicyForm(forms.Form):
    minors_across_points = forms.ChoiceField(
        label=gettext_lazy("Tính phút chơi của trẻ em trên mọi điểm"),
        choices=ACROSS_CHOICES,
        required=False,
    )

    def clean_minors_across_points(self) -> bool | None:
        return VALUES[self.cleaned_data["minors_across_points"]]


class ProvinceRuleForm(forms.ModelForm):
    province_code = forms.TypedChoiceField(
        label=gettext_lazy("Tỉnh, thành phố"), coerce=int, choices=()
    )
    minors_across_points = forms.ChoiceField(
        label=gettext_lazy("Tính phút chơi của trẻ em trên mọi điểm"),
        choices=ACROSS_CHOICES,
        required=False,
    )

    class Meta:
        model = ProvinceRule
        fields = ["province_code", "point_type", "opens", "closes", "source"]
        widgets = {
            "opens": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province_code"].choices = [("", "—"), *divisions.provinces()]
        self.fields["opens"].error_messages["invalid"] = gettext_lazy("Giờ phải có dạng 08:00.")
        self.fields["closes"].error_messages["invalid"] = gettext_lazy("Giờ phải có dạng 08:00.")
        if self.instance.pk:
            self.fields["minors_across_points"].initial = choice_of(
                self.instance.minors_across_points
            )

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens"), cleaned.get("closes")
        if (opens is None) != (closes is None):
            raise forms.ValidationError(
                gettext_lazy("Hãy nhập cả giờ mở cửa và giờ đóng cửa, hoặc để trống cả hai.")
            )
        cleaned["minors_across_points"] = VALUES[cleaned.get("minors_across_points") or ""]
        if opens is None and cleaned["minors_across_points"] is None:
            raise forms.ValidationError(
                gettext_lazy("Quy định của tỉnh phải có giờ mở cửa hoặc quy định về phút chơi.")
            )
        return cleaned

    def validate_unique(self):
        # The (province, type) pair is checked by the view, which edits the existing rule.
        pass
