"""The day the provider asked each household Wi-Fi subscriber to apply Chỉ thị 66/CT-BTTTT
(seed 003, mục 2), entered by staff: the Wi-Fi report counts only these."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from netpoint.common.audit import services as audit
from netpoint.common.core import clock
from netpoint.common.core.policy import local_tz
from netpoint.provider.registry.models import Point
from netpoint.provider.reports.content import households
from netpoint.provider.reports.models import HouseholdRequest


def household_points():
    return households(Point.objects.filter(point_type=Point.Type.WIFI, active=True)).order_by(
        "code"
    )


class HouseholdRequestForm(forms.Form):
    point = forms.ModelChoiceField(
        label=gettext_lazy("Điểm Wi-Fi (hợp đồng cá nhân, hộ gia đình)"),
        queryset=Point.objects.none(),
        to_field_name="code",
    )
    asked_on = forms.DateField(
        label=gettext_lazy("Ngày doanh nghiệp yêu cầu"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = household_points()
        self.fields["point"].label_from_instance = lambda point: f"{point.code} — {point.name}"

    def clean_asked_on(self):
        asked_on = self.cleaned_data["asked_on"]
        if asked_on > clock.now().astimezone(local_tz()).date():
            raise forms.ValidationError(_("Ngày yêu cầu không được sau hôm nay."))
        return asked_on


def record(user, point: Point, asked_on) -> HouseholdRequest:
    """Keep the day `point`'s subscriber was asked (a later entry corrects it), audited."""
    request, _created = HouseholdRequest.objects.update_or_create(
        point=point,
        defaults={"asked_on": asked_on, "recorded_by": user, "recorded_at": clock.now()},
    )
    audit.record(
        "household_request_recorded",
        user=user,
        target=point.code,
        detail={"asked_on": asked_on.isoformat()},
    )
    return request


@login_required
@permission_required("reports.view_report", raise_exception=True)
@require_http_methods(["GET", "POST"])
def household_requests(request):
    form, status = HouseholdRequestForm(), 200
    if request.method == "POST":
        if not request.user.has_perm("reports.add_report"):
            raise PermissionDenied
        form = HouseholdRequestForm(request.POST)
        if form.is_valid():
            record(request.user, form.cleaned_data["point"], form.cleaned_data["asked_on"])
            messages.success(request, _("Đã ghi nhận ngày yêu cầu."))
            return redirect("reports-household-requests")
        status = 422
    asked = dict(HouseholdRequest.objects.values_list("point_id", "asked_on"))
    rows = [(point, asked.get(point.pk)) for point in household_points()]
    return render(
        request, "reports/household_requests.html", {"form": form, "rows": rows}, status=status
    )
