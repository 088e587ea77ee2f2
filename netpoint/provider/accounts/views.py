"""Logging in with a password and, for users who turned it on, a code from their
authenticator app; and the page where a user turns it on or off."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netpoint.common.audit import services as audit
from netpoint.common.audit.backends import client_address, locked
from netpoint.common.core import clock, nav
from netpoint.provider.accounts import services
from netpoint.provider.accounts.forms import CodeForm

PENDING = "netpoint_totp_pending"  # the user who gave the right password, waiting for a code
NEW_SECRET = "netpoint_totp_new"
CODE_WAIT = timedelta(minutes=5)


class PasswordLoginView(LoginView):
    # The provider's menu: the default one is the cashier's, whose pages the provider lacks.
    extra_context = {"heading": gettext_lazy("Đăng nhập"), "base": "registry/base.html"}

    def form_valid(self, form):
        user = form.get_user()
        if not services.has_totp(user):
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "since": clock.now().timestamp(),
        }
        target = self.get_redirect_url()
        query = f"?{urlencode({'next': target})}" if target else ""
        return redirect(reverse("login-code") + query)


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next", "")
    allowed = {request.get_host()}
    if url_has_allowed_host_and_scheme(target, allowed, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def login_code(request):
    pending = request.session.get(PENDING)
    if not pending or clock.now().timestamp() - pending["since"] > CODE_WAIT.total_seconds():
        request.session.pop(PENDING, None)
        return redirect("login")
    user = get_user_model().objects.get(pk=pending["user"])
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if locked(user.get_username(), client_address(request)):
            form.add_error(None, _("Tài khoản tạm khoá vì nhập sai nhiều lần; hãy thử lại sau."))
        elif services.verify(user, form.cleaned_data["code"]):
            del request.session[PENDING]
            auth_login(request, user, backend=pending["backend"])
            return redirect(_next(request))
        else:
            audit.record(
                "login_failed",
                actor=user.get_username(),
                detail={"step": "code", "from": client_address(request)},
            )
            form.add_error("code", _("Mã xác thực không đúng hoặc đã được dùng."))
    context = {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")}
    return render(request, "accounts/login_code.html", context, status=422 if form.errors else 200)


@login_required
def home(request):
    """`/`: each user to the page of their daily work (the homes of the nav door, by the
    rank docs/ARCHITECTURE.md states), never to a page they may not open."""
    url = nav.home(request.user)
    if url is not None:
        return redirect(url)
    return render(request, "accounts/home.html")


@login_required
def second_factor(request):
    """Turn the authenticator on (scan, then prove with a code) or off (with a code)."""
    user, form, status = request.user, CodeForm(), 200
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action == "start" and not services.has_totp(user):
        request.session[NEW_SECRET] = services.new_secret()
    elif action in ("confirm", "disable"):
        form, status = CodeForm(request.POST), 422
        if form.is_valid():
            code = form.cleaned_data["code"]
            if action == "confirm":
                done = services.enable(user, request.session.get(NEW_SECRET, ""), code)
            else:
                done = services.disable(user, code)
            if done:
                request.session.pop(NEW_SECRET, None)
                messages.success(request, _("Đã lưu thiết lập xác thực hai bước."))
                return redirect("account-second-factor")
            form.add_error("code", _("Mã xác thực không đúng hoặc đã được dùng."))
    enabled = services.has_totp(user)
    secret = "" if enabled else request.session.get(NEW_SECRET, "")
    context = {
        "enabled": enabled,
        "secret": secret,
        "qr": services.setup_qr_svg(user, secret) if secret else "",
        "form": form,
    }
    return render(request, "accounts/second_factor.html", context, status=status)
