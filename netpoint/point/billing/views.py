from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netpoint.point.billing import services
from netpoint.point.billing.models import Shift


class CloseShiftForm(forms.Form):
    counted_cash = forms.IntegerField(
        label=gettext_lazy("Tiền mặt kiểm đếm cuối ca (VND)"), min_value=0, max_value=10**12
    )


@login_required
def shift_report(request):
    shift = services.current_shift(request.user)
    form = CloseShiftForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.close_shift(shift, form.cleaned_data["counted_cash"])
        messages.success(request, _("Đã đóng ca."))
        return redirect("shift-closed", shift.pk)
    report = services.shift_report(shift)
    entries = shift.entries.select_related("station", "session__customer")[:200]
    context = {"report": report, "form": form, "entries": entries}
    return render(request, "billing/shift_report.html", context)


@login_required
def shift_closed(request, pk):
    shift = get_object_or_404(Shift, pk=pk, cashier=request.user)
    context = {"report": services.shift_report(shift), "entries": shift.entries.all()[:200]}
    return render(request, "billing/shift_report.html", context)
