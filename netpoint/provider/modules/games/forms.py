from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netpoint.provider.modules.games.models import Game, GameServer, SemiannualReport

MONTHS = 6


class GameForm(forms.ModelForm):
    class Meta:
        model = Game
        fields = [
            "code",
            "name_original",
            "name_vi",
            "kind",
            "origin",
            "age_rating",
            "licence_number",
            "value_added_services",
        ]
        widgets = {"value_added_services": forms.Textarea(attrs={"rows": 3})}


class GameServerForm(forms.ModelForm):
    class Meta:
        model = GameServer
        fields = [
            "name",
            "count",
            "configuration",
            "location",
            "connection",
            "bandwidth_mbps",
            "leased_line",
        ]

    def clean_count(self):
        if self.cleaned_data["count"] < 1:
            raise forms.ValidationError(_("Cụm máy chủ có ít nhất một máy."))
        return self.cleaned_data["count"]


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên máy chủ hoặc hệ thống"), max_length=100)


class ReportForm(forms.ModelForm):
    """Staff enter what no record holds: revenue per month, partners, plans, recommendations."""

    class Meta:
        model = SemiannualReport
        fields = [
            "year",
            "half",
            "number",
            "place",
            "dated",
            "company",
            "capacity_accounts",
            "security_plan",
            "partners",
            "recommendations",
            "signer_title",
            "signer_name",
        ]
        widgets = {
            "dated": forms.DateInput(attrs={"type": "date"}),
            "security_plan": forms.Textarea(attrs={"rows": 4}),
            "partners": forms.Textarea(attrs={"rows": 3}),
            "recommendations": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Asked of every report, though reports saved before it may lack it.
        self.fields["capacity_accounts"].required = True
        revenue = list(self.instance.revenue or []) if self.instance.pk else []
        for n in range(MONTHS):
            self.fields[f"revenue_{n}"] = forms.IntegerField(
                label=gettext_lazy("Doanh thu tháng thứ %(n)s của kỳ (đồng)") % {"n": n + 1},
                min_value=0,
                max_value=10**15,
                initial=revenue[n] if n < len(revenue) else None,
            )

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2006 <= year <= 2100:
            raise forms.ValidationError(_("Năm báo cáo không hợp lệ."))
        return year

    def save(self, commit=True):
        self.instance.revenue = [self.cleaned_data[f"revenue_{n}"] for n in range(MONTHS)]
        return super().save(commit)
