from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netpoint.common.identity.phones import normalize_mobile
from netpoint.common.identity.validators import IdentityError, validate_cccd
from netpoint.provider.authority.addresses import AddressError, parse_address
from netpoint.provider.registry.models import Point

LINES = {"widget": forms.Textarea(attrs={"rows": 3}), "required": False, "max_length": 4000}
MOMENT = {"widget": forms.DateTimeInput(attrs={"type": "datetime-local"})}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class RequestForm(forms.Form):
    document_number = forms.CharField(label=gettext_lazy("Số văn bản"), max_length=60)
    document_date = forms.DateField(
        label=gettext_lazy("Ngày văn bản"), widget=forms.DateInput(attrs={"type": "date"})
    )
    issuing_body = forms.CharField(label=gettext_lazy("Cơ quan ban hành"), max_length=200)
    signer = forms.CharField(label=gettext_lazy("Người ký"), max_length=200)
    subject = forms.CharField(label=gettext_lazy("Trích yếu"), max_length=500)
    legal_basis = forms.CharField(label=gettext_lazy("Căn cứ pháp lý"), max_length=500)
    id_numbers = forms.CharField(
        label=gettext_lazy("Số CCCD trong phạm vi (mỗi dòng một số)"), **LINES
    )
    phones = forms.CharField(label=gettext_lazy("Số điện thoại (mỗi dòng một số)"), **LINES)
    names = forms.CharField(label=gettext_lazy("Họ và tên (mỗi dòng một người)"), **LINES)
    point_codes = forms.CharField(label=gettext_lazy("Mã điểm (mỗi dòng một mã)"), **LINES)
    time_from = forms.DateTimeField(label=gettext_lazy("Từ thời điểm"), **MOMENT)
    time_to = forms.DateTimeField(label=gettext_lazy("Đến thời điểm"), **MOMENT)
    valid_until = forms.DateTimeField(label=gettext_lazy("Hiệu lực đến"), **MOMENT)
    scan = forms.FileField(label=gettext_lazy("Bản quét văn bản"), required=False)

    def clean_id_numbers(self) -> list[tuple[str, str]]:
        numbers = []
        for number, line in enumerate(_lines(self.cleaned_data["id_numbers"]), 1):
            try:
                numbers.append(("cccd", validate_cccd(line)))
            except IdentityError:
                raise forms.ValidationError(
                    _("Dòng %(line)s không phải số CCCD hợp lệ.") % {"line": number}
                ) from None
        return numbers

    def clean_phones(self) -> list[str]:
        try:
            return [normalize_mobile(line) for line in _lines(self.cleaned_data["phones"])]
        except IdentityError as problem:
            raise forms.ValidationError(str(problem)) from None

    def clean_names(self) -> list[str]:
        return _lines(self.cleaned_data["names"])

    def clean_point_codes(self) -> list[str]:
        codes = _lines(self.cleaned_data["point_codes"])
        unknown = set(codes) - set(
            Point.objects.filter(code__in=codes).values_list("code", flat=True)
        )
        if unknown:
            raise forms.ValidationError(
                _("Không có điểm mã %(codes)s.") % {"codes": ", ".join(sorted(unknown))}
            )
        return codes

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("time_from"), cleaned.get("time_to")
        if start and end and start > end:
            self.add_error("time_to", _("Thời điểm kết thúc phải sau thời điểm bắt đầu."))
        scope = ("id_numbers", "phones", "names", "point_codes")
        if not any(cleaned.get(field) for field in scope):
            raise forms.ValidationError(
                _(
                    "Văn bản phải nêu ít nhất một người (số giấy tờ, số điện thoại, họ tên) "
                    "hoặc một điểm."
                )
            )
        return cleaned


class DecisionForm(forms.Form):
    """The officer chooses, with nothing chosen beforehand; the view shows the choice again
    to be confirmed before it is written."""

    approve = forms.TypedChoiceField(
        label=gettext_lazy("Quyết định"),
        choices=[("1", gettext_lazy("Phê duyệt văn bản")), ("0", gettext_lazy("Từ chối văn bản"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Hãy chọn phê duyệt hoặc từ chối.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Lý do (bắt buộc khi từ chối)"), max_length=500, required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("approve") is False and not cleaned.get("reason"):
            self.add_error("reason", _("Hãy ghi lý do từ chối."))
        return cleaned


class SearchForm(forms.Form):
    KINDS = [
        ("id_number", gettext_lazy("Số CCCD")),
        ("phone", gettext_lazy("Số điện thoại")),
        ("name", gettext_lazy("Họ và tên")),
        ("station", gettext_lazy("Điểm và máy tại một thời điểm")),
        ("ip", gettext_lazy("Địa chỉ IP công cộng tại một thời điểm")),
        ("ip_port", gettext_lazy("Địa chỉ IP công cộng và cổng tại một thời điểm (nhật ký NAT)")),
    ]
    kind = forms.ChoiceField(label=gettext_lazy("Tìm theo"), choices=KINDS)
    value = forms.CharField(
        label=gettext_lazy(
            "Giá trị (số, họ tên, mã điểm/máy như HN-0001/M01, IP, hoặc IP:cổng như "
            "203.0.113.7:40123)"
        ),
        max_length=200,
    )
    at = forms.DateTimeField(
        label=gettext_lazy("Thời điểm (cho điểm/máy, IP và IP:cổng)"), required=False, **MOMENT
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") in ("station", "ip", "ip_port") and not cleaned.get("at"):
            self.add_error("at", _("Hãy chọn thời điểm."))
        if cleaned.get("kind") == "ip_port" and cleaned.get("value"):
            try:
                parse_address(cleaned["value"])
            except AddressError as error:
                self.add_error("value", str(error))
        if cleaned.get("kind") == "station" and "/" not in cleaned.get("value", ""):
            self.add_error("value", _("Ghi mã điểm và tên máy, ví dụ HN-0001/M01."))
        return cleaned
