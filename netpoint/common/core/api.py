"""One JSON API per role; every error answers with a `message` a person can read."""

from typing import Annotated

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from pydantic import AfterValidator, BaseModel, ConfigDict

from netpoint.common.core.jsonbody import loads


def _without_control_characters(value: str) -> str:
    # NUL and other control characters have no place in names, codes or passwords, and
    # PostgreSQL refuses NUL outright.
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise ValueError("must not contain control characters")
    return value


PlainText = Annotated[str, AfterValidator(_without_control_characters)]


class Input(BaseModel):
    """A JSON body's model. A field it does not know is refused with a 422 naming it: a
    mistyped name dropped silently would be answered as if the field had been left out.
    A plain pydantic model rather than ninja's Schema: bodies are dicts, not Django objects,
    and ninja's hook for those costs on batches of thousands."""

    model_config = ConfigDict(extra="forbid")


class _DepthLimitedParser(Parser):
    def parse_body(self, request):
        return loads(request.body)


# django-ninja's own words for a body that is not JSON; we answer in the user's language.
UNPARSEABLE_BODY = "Cannot parse request body"


# pydantic's error type for a field the model does not declare.
EXTRA_FORBIDDEN = "extra_forbidden"


def _field(loc) -> str:
    return ".".join(str(part) for part in loc if part not in ("body", "data", "query"))


def _invalid_answer(raw_errors) -> dict:
    """The 422's body: a message naming the fields a person must look at, the unknown ones
    apart (a typo in a field's name is not a bad value), and each field's error."""
    errors, unknown, invalid = [], [], []
    for error in raw_errors:
        field = _field(error.get("loc", ()))
        if error.get("type") == EXTRA_FORBIDDEN:
            errors.append({"field": field, "error": _("trường không được hỗ trợ")})
            unknown.append(field)
        else:
            errors.append({"field": field, "error": error.get("msg", "")})
            if field:
                invalid.append(field)
    parts = []
    if unknown:
        parts.append(
            _("Dữ liệu gửi lên có trường không được hỗ trợ: %(fields)s.")
            % {"fields": ", ".join(unknown)}
        )
    if invalid or not unknown:
        parts.append(
            _("Dữ liệu gửi lên không hợp lệ: %(fields)s.") % {"fields": ", ".join(invalid)}
        )
    return {"message": " ".join(parts), "errors": errors}


def build_api(*, title: str, urls_namespace: str, unauthenticated) -> NinjaAPI:
    """`unauthenticated`: what a caller without (valid) credentials is told, lazily
    translated."""
    api = NinjaAPI(
        title=title, version="1", urls_namespace=urls_namespace, parser=_DepthLimitedParser()
    )

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        return api.create_response(request, _invalid_answer(exc.errors), status=422)

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
