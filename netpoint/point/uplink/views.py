"""The owner's page for linking the point to its provider (the same as `netpoint enroll`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from netpoint.point.uplink import services
from netpoint.point.uplink.forms import EnrollForm


@login_required
@permission_required("uplink.add_providerlink", raise_exception=True)
def enroll(request):
    current = services.link()
    form = EnrollForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            current = services.enroll(form.cleaned_data["provider_url"], form.cleaned_data["code"])
        except services.EnrollmentFailed as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("Đã kết nối máy chủ doanh nghiệp: mã điểm %(point)s.")
                % {"point": current.point_code},
            )
            return redirect("uplink-enroll")
    status = 400 if form.errors else 200
    return render(request, "uplink/enroll.html", {"form": form, "link": current}, status=status)
