from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from netpoint.point.customers import services
from netpoint.point.customers.forms import CustomerForm, ScanForm, TopUpForm, filled_identity
from netpoint.point.customers.models import Customer


def _safe_next(request) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return None


@login_required
def customer_list(request):
    # Searched with POST so that names and ID numbers never appear in URLs or access logs.
    query = request.POST.get("q", "").strip() if request.method == "POST" else ""
    customers = Customer.objects.select_related("account")
    if query:
        customers = customers.filter(services.matching(query))
    context = {"customers": customers[:50], "query": query}
    return render(request, "customers/list.html", context)


@login_required
def customer_new(request):
    posted = request.POST if request.method == "POST" else None
    scan = ScanForm(posted)
    # A scanned card (here or at check-in) or the number typed at check-in fills the form; the
    # cashier checks it and registers with the next submit. Carried by POST, never in the URL.
    card_text = (posted or {}).get("scan", "").strip() or (posted or {}).get("card", "").strip()
    if posted and (card_text or "prefill" in posted):
        scan = ScanForm({"scan": card_text})
        card = scan.cleaned_data["scan"] if scan.is_valid() else None
        form = CustomerForm(initial=filled_identity(posted, card))
        if card is not None:
            known = Customer.objects.filter(services.with_id_number(card.number)).first()
            if known is not None:
                messages.warning(
                    request, _("Thẻ này đã được đăng ký cho khách %(name)s.") % {"name": known}
                )
            else:
                messages.info(request, _("Đã đọc thẻ CCCD; hãy kiểm tra rồi bấm Đăng ký."))
            # The card has no phone number: the cashier asks for it next.
            form.fields["phone"].widget.attrs["autofocus"] = True
        context = {
            "form": form,
            "scan": scan,
            "scan_focus": card is None,
            "next": _safe_next(request) or "",
        }
        return render(request, "customers/new.html", context)
    form = CustomerForm(posted)
    if request.method == "POST" and form.is_valid():
        try:
            customer = services.register_customer(
                form.identity(),
                request.user,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )
        except ValidationError as err:
            form.add_service_errors(err)
        else:
            messages.success(request, _("Đã đăng ký khách hàng %(name)s.") % {"name": customer})
            next_url = _safe_next(request)
            if next_url:
                return redirect(f"{next_url}?customer={customer.pk}")
            return redirect("customer-detail", customer.pk)
    context = {
        "form": form,
        "scan": ScanForm(),
        "scan_focus": posted is None,
        "next": _safe_next(request) or "",
    }
    return render(request, "customers/new.html", context)


@login_required
def customer_detail(request, pk):
    customer = get_object_or_404(Customer.objects.select_related("guardian"), pk=pk)
    account = getattr(customer, "account", None)
    form = TopUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and account and form.is_valid():
        # The payment step (cash and change, or VietQR) is the till's.
        return redirect("top-up-pay", account.pk, form.cleaned_data["amount"])
    sessions = customer.sessions.select_related("station")[:20]
    context = {"customer": customer, "account": account, "form": form, "sessions": sessions}
    return render(request, "customers/detail.html", context)
