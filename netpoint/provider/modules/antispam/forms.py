from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netpoint.provider.modules.antispam import recipients
from netpoint.provider.modules.antispam.conf import conf
from netpoint.provider.modules.antispam.models import (
    CHANNEL_CHOICES,
    AdMessage,
    Customer,
    PeriodFigures,
    SpamReport,
)

MAX_DNC_BYTES = 50 * 1024 * 1024


class CustomerForm(forms.ModelForm):
    class Meta:
        model = Customer
        fields = ["name", "kind", "management_code", "brandnames"]
        widgets = {"brandnames": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"brandnames": gettext_lazy("Mỗi dòng một tên định danh.")}


class AdMessageForm(forms.ModelForm):
    class Meta:
        model = AdMessage
        fields = ["channel", "title", "content"]


class TokenForm(forms.Form):
    label = forms.CharField(label=gettext_lazy("Ghi chú"), max_length=100, required=False)


class _AddressForm(forms.Form):
    channel = forms.ChoiceField(label=gettext_lazy("Kênh quảng cáo"), choices=CHANNEL_CHOICES)
    address = forms.CharField(
        label=gettext_lazy("Số điện thoại hoặc địa chỉ thư điện tử"), max_length=254
    )

    def clean(self):
        data = super().clean()
        if "channel" in data and "address" in data:
            try:
                data["address"] = recipients.normalise(data["channel"], data["address"])
            except recipients.InvalidRecipient:
                self.add_error(
                    "address",
                    _("Địa chỉ thư điện tử không hợp lệ.")
                    if data["channel"] == "email"
                    else _("Số điện thoại không hợp lệ."),
                )
        return data


class PublicOptOutForm(_AddressForm):
    pass


class PhoneOptOutForm(_AddressForm):
    """A request taken by phone and entered by staff."""

    address = forms.CharField(
        label=gettext_lazy("Số điện thoại hoặc địa chỉ thư điện tử"), max_length=254, required=False
    )
    customer = forms.ModelChoiceField(
        label=gettext_lazy("Chỉ từ chối khách hàng"),
        queryset=Customer.objects.all(),
        required=False,
        empty_label=gettext_lazy("Mọi khách hàng"),
    )
    force_majeure = forms.CharField(
        label=gettext_lazy("Không xử lý được do bất khả kháng, lý do"),
        max_length=300,
        required=False,
    )

    def clean(self):
        data = forms.Form.clean(self)
        address, reason = data.get("address", "").strip(), data.get("force_majeure", "").strip()
        if not address and not reason:
            self.add_error("address", _("Nhập người nhận, hoặc lý do không xử lý được yêu cầu."))
        elif address and not reason:
            return super().clean()
        return data


class DncImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp CSV số điện thoại"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_DNC_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 50 MB)."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("Tệp phải là văn bản UTF-8.")) from None


class SpamReportForm(forms.ModelForm):
    class Meta:
        model = SpamReport
        fields = ["source", "channel", "customer", "summary"]


class HandleForm(forms.Form):
    outcome = forms.CharField(label=gettext_lazy("Kết quả xử lý"), max_length=500)


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại báo cáo"),
        choices=[
            ("periodic", gettext_lazy("Báo cáo định kỳ (6 tháng)")),
            ("annual", gettext_lazy("Báo cáo năm")),
            ("adhoc", gettext_lazy("Báo cáo đột xuất (theo yêu cầu)")),
        ],
        initial="periodic",
    )
    form = forms.ChoiceField(
        label=gettext_lazy("Mẫu báo cáo"),
        choices=[
            ("1", gettext_lazy("Mẫu số 1 - quảng cáo bằng thư điện tử")),
            ("2", gettext_lazy("Mẫu số 2 - quảng cáo bằng tin nhắn")),
            ("3", gettext_lazy("Mẫu số 3 - tin nhắn qua mạng Internet")),
        ],
    )
    due = forms.DateField(
        label=gettext_lazy("Kỳ báo cáo, hạn nộp (báo cáo định kỳ và báo cáo năm)"),
        widget=forms.Select,
        input_formats=["%Y-%m-%d"],
        required=False,
    )
    start = forms.DateField(
        label=gettext_lazy("Từ ngày (báo cáo đột xuất)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=gettext_lazy("Đến ngày (báo cáo đột xuất)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    request = forms.CharField(
        label=gettext_lazy("Văn bản yêu cầu: số, ngày, cơ quan (báo cáo đột xuất)"),
        max_length=300,
        required=False,
    )
    file_format = forms.ChoiceField(
        label=gettext_lazy("Định dạng"), choices=[("docx", ".docx"), ("xlsx", ".xlsx")]
    )

    def __init__(self, *args, dues=(), annual_due=(11, 15), earliest=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due"].widget.choices = [(d.isoformat(), d.strftime("%d/%m/%Y")) for d in dues]
        self.dues, self.annual_due = set(dues), tuple(annual_due)
        self.earliest, self.today = earliest, today

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in ("periodic", "annual"):
            due = data.get("due")
            if due not in self.dues:
                self.add_error("due", _("Chọn một kỳ báo cáo trong danh sách."))
            elif kind == "annual" and (due.month, due.day) != self.annual_due:
                self.add_error(
                    "due",
                    _("Báo cáo năm nộp trước ngày %(day)02d/%(month)02d: chọn kỳ đó.")
                    % {"day": self.annual_due[1], "month": self.annual_due[0]},
                )
        elif kind == "adhoc":
            self._clean_range(data)
        return data

    def _clean_range(self, data):
        start, end = data.get("start"), data.get("end")
        for name in ("start", "end", "request"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("Báo cáo đột xuất cần trường này."))
        if not (start and end):
            return
        if start > end:
            self.add_error("end", _("Ngày kết thúc phải từ ngày bắt đầu trở đi."))
        elif self.today and end > self.today:
            self.add_error("end", _("Ngày kết thúc không được sau hôm nay."))
        elif self.earliest and start < self.earliest:
            # Opt-out requests older than this are deleted: the counts would be short.
            self.add_error(
                "start",
                _(
                    "Yêu cầu từ chối chỉ còn được lưu giữ từ ngày %(day)s: "
                    "chọn ngày bắt đầu từ ngày đó trở đi."
                )
                % {"day": self.earliest.strftime("%d/%m/%Y")},
            )


class FiguresForm(forms.ModelForm):
    class Meta:
        model = PeriodFigures
        fields = ["revenue", "accounts", "total_messages"]

    def clean(self):
        data = super().clean()
        for name in ("revenue", "accounts", "total_messages"):
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, _("Không được là số âm."))
        return data


class ReportDetailsForm(forms.Form):
    """What the form's header and last section ask: the enterprise's details start from the
    settings (NETPOINT_ANTISPAM["company"], ["addressee"]), so they are not typed again."""

    addressee = forms.CharField(label=gettext_lazy("Kính gửi"), max_length=200)
    organisation = forms.CharField(label=gettext_lazy("Tên doanh nghiệp"), max_length=200)
    address = forms.CharField(label=gettext_lazy("Địa chỉ liên lạc"), max_length=300)
    management_code = forms.CharField(label=gettext_lazy("Mã số quản lý"), max_length=50)
    issued_on = forms.DateField(label=gettext_lazy("Cấp ngày"), required=False)
    valid_until = forms.DateField(label=gettext_lazy("Có hiệu lực đến ngày"), required=False)
    number = forms.CharField(label=gettext_lazy("Số văn bản"), max_length=50, required=False)
    place = forms.CharField(label=gettext_lazy("Nơi lập"), max_length=50, initial="Hà Nội")
    recommendations = forms.CharField(
        label=gettext_lazy("Kiến nghị"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=3000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        settings = conf()
        for name, value in settings.company.items():
            if value and name in self.fields:
                self.fields[name].initial = value
        self.fields["addressee"].initial = settings.addressee_name


class RecordsForm(forms.Form):
    to = forms.EmailField(label=gettext_lazy("Gửi tới địa chỉ thư điện tử"), max_length=254)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].initial = conf().records_email or None
