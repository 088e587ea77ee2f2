"""One JSON API per role; every error answers with a `message` a person can read."""

from typing import Annotated

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from pydantic import AfterValidator

from netpoint.common.core.jsonbody import loads


def _without_control_characters(value: str) -> str:
    # NUL and other control characters have no place in names, codes or passwords, and
    # PostgreSQL refuses NUL outright.
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise ValueError("must not contain control characters")
    return value


PlainText = Annotated[str, AfterValidator(_without_control_characters)]


class _DepthLimitedParser(Parser):
    def parse_body(self, request):
        return loads(request.body)


# django-ninja's own words for a body that is not JSON; we answer in the user's language.
UNPARSEABLE_BODY = "Cannot parse request body"


def _field(loc) -> str:
    return ".".join(str(part) for part in loc if part not in ("body", "data", "query"))


def build_api(*, title: str, urls_namespace: str, unauthenticated) -> NinjaAPI:
    """`unauthenticated`: what a caller without (valid) credentials is told, lazily
    translated."""
    api = NinjaAPI(
        title=title, version="1", urls_namespace=urls_namespace, parser=_DepthLimitedParser()
    )

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        errors = [
            {"field": _field(e.get("loc", ())), "error": e.get("msg", "")} for e in exc.errors
        ]
        fields = ", ".join(e["field"] for e in errors if e["field"])
        return api.create_response(
            request,
            {
                "message": _("Dữ liệu gửi lên không hợp lệ: %(fields)s.") % {"fields": fields},
                "errors": errors,
            },
            status=422,
        )

    # Not named `unauthenticated`: that name would hide the message above.
    @api.exception_handler(AuthenticationError)
    def no_credentials(request, exc):
        return api.create_response(request, {"message": str(unauthenticated)}, status=401)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        message = str(exc)
        if message.startswith(UNPARSEABLE_BODY):
            message = _("Nội dung gửi lên không phải JSON hợp lệ.")
        return api.create_response(request, {"message": message}, status=exc.status_code)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"message": _("Không tìm thấy.")}, status=404)

    return api
