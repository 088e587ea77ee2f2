"""The owner's page of the point's own details, beside the provider's policy for it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from netpoint.point.owner.views import owner_only
from netpoint.point.profile import places
from netpoint.point.profile.forms import ProfileForm
from netpoint.point.profile.models import PointProfile
from netpoint.point.uplink import policy


def _conflict_texts(held, profile: PointProfile) -> list[str]:
    types = dict(PointProfile.Type.choices)
    texts = []
    for conflict in policy.wish_conflicts(held):
        if conflict.field == "point_type":
            texts.append(
                _(
                    "Thông tin điểm ghi loại điểm “%(local)s”, nhưng doanh nghiệp đã xác định "
                    "điểm là “%(provider)s”: điểm áp dụng loại điểm của doanh nghiệp."
                )
                % {
                    "local": types.get(conflict.local_value, conflict.local_value),
                    "provider": types.get(conflict.provider_value, conflict.provider_value),
                }
            )
        else:
            texts.append(
                _(
                    "Thông tin điểm ghi mã tỉnh “%(local)s”, nhưng doanh nghiệp đã xác định "
                    "điểm ở %(provider)s: điểm áp dụng quy định của tỉnh này."
                )
                % {
                    "local": conflict.local_value,
                    "provider": places.province_name(int(conflict.provider_value)),
                }
            )
    return texts


@owner_only
def profile_page(request):
    profile = PointProfile.current()
    profile = PointProfile.objects.get(pk=profile.pk)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu thông tin điểm."))
        return redirect("profile-page")
    held = policy.held_policy()
    row = policy.held_row()
    context = {
        "form": form,
        "in_force": policy.in_force(),
        "held": held,
        "row": row,
        "type_name": dict(PointProfile.Type.choices).get(held.point_type) if held else "",
        "province": places.province_name(held.province_code) if held else "",
        "ward": places.ward_name(held.ward_code) if held else "",
        "conflicts": _conflict_texts(held, profile) if held else [],
    }
    return render(request, "profile/profile.html", context, status=400 if form.errors else 200)
