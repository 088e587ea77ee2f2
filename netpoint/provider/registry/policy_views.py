"""The provider staff's pages of points' policies: a point's policy as it is sent, the minors'
minutes switch, and the provinces' own rules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from netpoint.common.audit import services as audit
from netpoint.provider.registry import divisions, services
from netpoint.provider.registry.models import Point, ProvinceRule
from netpoint.provider.registry.policy import policy_of
from netpoint.provider.registry.policy_forms import PointPolicyForm, ProvinceRuleForm, choice_of


@login_required
@permission_required("registry.view_point", raise_exception=True)
def point_policy(request, pk):
    point = get_object_or_404(Point, pk=pk)
    initial = {"minors_across_points": choice_of(point.minors_across_points)}
    form = PointPolicyForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not request.user.has_perm("registry.change_point"):
            raise PermissionDenied
        if form.is_valid():
            services.set_minors_across_points(point, form.cleaned_data["minors_across_points"])
            audit.record("point_policy_changed", user=request.user, target=point.code)
            messages.success(request, _("Đã lưu chính sách của điểm; điểm nhận ở lần đồng bộ tới."))
            return redirect("registry-point-policy", pk=point.pk)
    context = {
        "point": point,
        "policy": policy_of(point),
        "province": divisions.province_name(point.province_code),
        "ward": divisions.ward_name(point.ward_code),
        "form": form,
    }
    return render(
        request, "registry/point_policy.html", context, status=400 if form.errors else 200
    )


@login_required
@permission_required("registry.view_provincerule", raise_exception=True)
def province_rules(request):
    form = ProvinceRuleForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("registry.change_provincerule"):
            raise PermissionDenied
        if form.is_valid():
            rule = services.save_province_rule(form.cleaned_data)
            audit.record("province_rule_saved", user=request.user, target=str(rule))
            messages.success(request, _("Đã lưu quy định của tỉnh."))
            return redirect("registry-province-rules")
    rules = [
        (rule, divisions.province_name(rule.province_code))
        for rule in ProvinceRule.objects.order_by("province_code", "point_type")
    ]
    context = {"form": form, "rules": rules}
    return render(
        request, "registry/province_rules.html", context, status=400 if form.errors else 200
    )
