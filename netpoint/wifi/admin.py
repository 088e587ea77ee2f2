from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from netpoint.audit.services import record
from netpoint.records.people import key_ring
from netpoint.sealing.crypto import seal
from netpoint.wifi.models import Nas, RadAcct
from netpoint.wifi.services import SECRET_COLUMN


class NasForm(forms.ModelForm):
    """The shared secret is typed in, sealed, and never shown again; left empty on a change it
    stays as it was."""

    secret = forms.CharField(
        label=_("khoá bí mật dùng chung"),
        widget=forms.PasswordInput,
        min_length=16,
        required=False,
    )

    class Meta:
        model = Nas
        fields = [
            "point",
            "name",
            "ip_address",
            "require_message_authenticator",
            "coa_port",
            "active",
        ]

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk and not cleaned.get("secret"):
            self.add_error("secret", _("Hãy nhập khoá bí mật dùng chung cho thiết bị mới."))
        return cleaned


@admin.register(Nas)
class NasAdmin(admin.ModelAdmin):
    form = NasForm
    list_display = ["name", "ip_address", "point", "require_message_authenticator", "active"]
    list_filter = ["active"]
    search_fields = ["name", "ip_address", "point__code"]

    def save_model(self, request, obj, form, change):
        secret = form.cleaned_data.get("secret")
        if secret:
            obj.secret_sealed = seal(secret, SECRET_COLUMN, key_ring())
        super().save_model(request, obj, form, change)
        record(
            "nas_saved",
            user=request.user,
            target=f"nas:{obj.pk}",
            detail={"fields": sorted(form.changed_data), "secret_changed": bool(secret)},
        )


@admin.register(RadAcct)
class RadAcctAdmin(admin.ModelAdmin):
    """Sessions as the NAS reported them: read only. Devices' MAC addresses are about people,
    so each look is in the audit log."""

    list_display = [
        "acctsessionid",
        "username",
        "nasipaddress",
        "callingstationid",
        "framedipaddress",
        "acctstarttime",
        "acctstoptime",
        "acctterminatecause",
    ]
    list_filter = ["acctterminatecause"]
    search_fields = ["acctsessionid", "username", "callingstationid"]

    def changelist_view(self, request, extra_context=None):
        record("wifi_sessions_viewed", user=request.user, detail={"query": request.GET.dict()})
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
