"""The captive portal's pages (anonymous, Vietnamese, for phones) and the endpoints the
hotspot's controller itself calls: openNDS's authmon and BinAuth reports."""

import hmac
import ipaddress
import math
from datetime import UTC, datetime

from django.core import signing
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netpoint.common.core import clock, jsonbody
from netpoint.provider.modules.wifi import portal
from netpoint.provider.modules.wifi.forms import CodeForm, PhoneForm
from netpoint.provider.modules.wifi.models import Controller, Nas, PortalAttempt

SIGNING_SALT = "netpoint.provider.modules.wifi.portal"
# The portal's forms are exempt from CSRF checks: openNDS levels 1 and 2 serve the FAS over
# plain http, where the provider's Secure CSRF cookie never arrives, and there is nothing a
# forged form could do with someone's browser that a direct request could not (no session,
# no login; the signed client field, the codes and the hourly limits guard the forms).
# The phone form must be sent within this long after the controller sent the client here.
CLIENT_MAX_AGE = 3600


def _problem(request, message, status: int):
    return render(request, "wifi/portal/problem.html", {"message": message}, status=status)


def _hotspot(nas_id: int) -> Nas | None:
    """An active NAS with a portal controller; a CoovaChilli one only with its uamsecret, as
    without it chilli's signature proves nothing (anyone could compute `md`)."""
    return (
        Nas.objects.filter(pk=nas_id, active=True)
        .exclude(controller="")
        .exclude(controller=Controller.CHILLI, portal_key_sealed="")
        .first()
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def entry(request, nas_id: int):
    """Where the controller sends the client (GET with its parameters) and where openNDS's
    authmon polls (POST with auth_get), as it does with the FAS scripts openNDS ships."""
    nas = _hotspot(nas_id)
    if nas is None:
        return _problem(request, _("Không tìm thấy điểm Wi-Fi này."), 404)
    if request.method == "POST":
        return _authmon(request, nas)
    if nas.controller == Controller.CHILLI and request.GET.get("res", "notyet") != "notyet":
        return _uam_result(request)
    if request.GET.get("status") == "authenticated":
        return render(request, "wifi/portal/connected.html", {"already": True})
    try:
        came = portal.arrival(nas, request.GET, request.build_absolute_uri())
    except portal.PortalError as error:
        return _problem(request, error.message, error.status)
    return _phone_page(request, nas, came)


def _phone_page(request, nas: Nas, came: portal.Arrival, status: int = 200, **extra):
    """The phone form, its client signed with the notice's version shown beside it."""
    shown = portal.notice(nas)
    client = signing.dumps(
        {"n": nas.pk, "m": came.mac, "c": came.client, "v": shown.version}, salt=SIGNING_SALT
    )
    form = PhoneForm(initial={"client": client})
    return _render_phone(request, nas, form, shown, status, **extra)


def _render_phone(request, nas: Nas, form, shown=None, status: int = 200, **extra):
    shown = shown or portal.notice(nas)
    context = {"form": form, "nas": nas, "notice": mark_safe(shown.html), **extra}  # noqa: S308 - our template's output
    return render(request, "wifi/portal/phone.html", context, status=status)


def _authmon(request, nas: Nas):
    # Only the gateway itself may collect its grants: it polls from the address it sends
    # RADIUS from, the NAS's.
    if request.META.get("REMOTE_ADDR") != nas.ip_address:
        return _plain(_("Chỉ thiết bị phát Wi-Fi của điểm này mới được hỏi danh sách."), 403)
    action, gateway_hash = request.POST.get("auth_get", ""), request.POST.get("gatewayhash", "")
    try:
        answer = portal.authmon(nas, action, gateway_hash)
    except portal.PortalError as error:
        return _plain(str(error.message), error.status)
    return _plain(answer, 200)


def _plain(text: str, status: int):
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


def _uam_result(request):
    res = request.GET.get("res")
    if res in {"success", "already"}:
        return render(request, "wifi/portal/connected.html", {"already": res == "already"})
    if res == "logoff":
        return render(request, "wifi/portal/logged_off.html")
    if res == "failed":
        return _problem(
            request, _("Thiết bị phát Wi-Fi từ chối đăng nhập. Hãy thử xác thực lại."), 403
        )
    return _problem(request, portal.BAD_REQUEST, 400)


def _client_address(request) -> str | None:
    """The address the form came from (the middleware has taken nginx's X-Real-IP), or None
    when the server gives none that is an address (a Unix socket)."""
    try:
        return str(ipaddress.ip_address(request.META.get("REMOTE_ADDR") or ""))
    except ValueError:
        return None


@csrf_exempt
@never_cache
@require_POST
def phone(request, nas_id: int):
    nas = _hotspot(nas_id)
    if nas is None:
        return _problem(request, _("Không tìm thấy điểm Wi-Fi này."), 404)
    form = PhoneForm(request.POST)
    if not form.is_valid():
        status = 400 if "client" in form.errors else 422
        return _render_phone(request, nas, form, status=status)
    try:
        signed = signing.loads(
            form.cleaned_data["client"], salt=SIGNING_SALT, max_age=CLIENT_MAX_AGE
        )
    except signing.BadSignature:
        return _problem(request, portal.BAD_REQUEST, 400)
    if signed["n"] != nas.pk:
        return _problem(request, portal.BAD_REQUEST, 400)
    came = portal.Arrival(signed["m"], signed["c"])
    shown = portal.notice(nas)
    if signed.get("v") != shown.version:
        # The words changed since the page was drawn: consent is to what was read, so the
        # person reads the new text and ticks again.
        return _phone_page(request, nas, came, 409, changed=True)
    try:
        attempt = portal.request_code(
            nas,
            form.cleaned_data["phone"],
            came,
            _client_address(request),
            consent_version=shown.version,
        )
    except portal.PortalError as error:
        form.add_error("phone", error.message)
        return _render_phone(request, nas, form, shown, status=error.status)
    return redirect("wifi-portal-code", attempt.token)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def code(request, token: str):
    try:
        shown = portal.waiting(token)
    except portal.PortalError as error:
        # Used, or never was: the code's own answer says which (check_code).
        if request.method != "POST":
            return _problem(request, error.message, error.status)
        shown = None
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            verified = portal.check_code(token, form.cleaned_data["code"])
        except portal.PortalError as error:
            form.add_error("code", error.message)
            return _code_page(request, form, shown, status=error.status)
        return redirect(portal.handover(verified, request))
    return _code_page(request, form, shown, status=422 if form.errors else 200)


def _code_page(request, form, shown, status: int, resend_error: str = ""):
    context = {"form": form, "shown": shown, "resend_error": resend_error}
    if shown is not None:
        now = clock.now()
        context |= {
            "expired": now >= shown.expires_at,
            "seconds_left": max(0, int((shown.expires_at - now).total_seconds())),
            "expires_at": portal.local_time(shown.expires_at),
            "resend_ready": now >= shown.resend_at,
            # Rounded up: a button the browser enables early is refused by the server.
            "resend_in": max(0, math.ceil((shown.resend_at - now).total_seconds())),
            "resend_at": portal.local_time(shown.resend_at),
            "nas": shown.attempt.nas,
        }
    return render(request, "wifi/portal/code.html", context, status=status)


@csrf_exempt
@never_cache
@require_POST
def resend(request, token: str):
    """ "Gửi lại mã": a new code to the same number, then its own code page."""
    try:
        attempt = portal.resend(token, _client_address(request))
    except portal.PortalError as error:
        try:
            shown = portal.waiting(token)
        except portal.PortalError:
            return _problem(request, error.message, error.status)
        return _code_page(request, CodeForm(), shown, error.status, resend_error=error.message)
    return redirect("wifi-portal-code", attempt.token)


@never_cache
@require_GET
def change_number(request, token: str):
    """ "Đổi số": the phone form again for the same device, without going back through the
    hotspot's controller."""
    try:
        shown = portal.waiting(token)
    except portal.PortalError as error:
        return _problem(request, error.message, error.status)
    attempt = shown.attempt
    if not attempt.nas.active:
        return _problem(request, _("Không tìm thấy điểm Wi-Fi này."), 404)
    return _phone_page(request, attempt.nas, portal.Arrival(attempt.mac, attempt.client))


@never_cache
@require_GET
def done(request, token: str):
    """After the code: connected, or (openNDS level 3) waiting for authmon to collect the
    grant; the page reloads itself until it has."""
    attempt = PortalAttempt.objects.filter(token=token, verified_at__isnull=False).first()
    if attempt is None:
        return _problem(request, _("Không tìm thấy yêu cầu xác thực này. Hãy bắt đầu lại."), 404)
    grant = getattr(attempt, "grant", None)
    waiting = grant is not None and grant.collected_at is None
    return render(request, "wifi/portal/connected.html", {"waiting": waiting})


def _json(message: str, status: int):
    return JsonResponse({"message": message}, status=status)


def _moment(value):
    if value in (None, "", 0):
        return None
    if not isinstance(value, int) or not 0 < value < 2**33:
        raise ValueError
    return datetime.fromtimestamp(value, UTC)


@csrf_exempt
@require_POST
def binauth(request, nas_id: int):
    """A hotspot's BinAuth script reports an event as JSON, proving itself with the hotspot's
    event key (Authorization: Bearer ...)."""
    nas = _hotspot(nas_id)
    key = portal.event_key(nas) if nas is not None else ""
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not key or not hmac.compare_digest(given.encode(), key.encode()):
        return _json(_("Khoá báo sự kiện không đúng."), 401)
    try:
        body = jsonbody.loads(request.body)
        portal.record_event(
            nas,
            kind=body["event"],
            mac=body.get("mac", ""),
            ip=body.get("ip") or None,
            login=body.get("custom", ""),
            session_start=_moment(body.get("session_start")),
            session_end=_moment(body.get("session_end")),
            bytes_in=body.get("bytes_in"),
            bytes_out=body.get("bytes_out"),
        )
    except portal.PortalError as error:
        return _json(str(error.message), error.status)
    except (ValueError, KeyError, TypeError, AttributeError):
        return _json(_("Sự kiện không đọc được: cần JSON với event, mac và thời điểm hợp lệ."), 400)
    return _json(_("Đã ghi sự kiện."), 201)
