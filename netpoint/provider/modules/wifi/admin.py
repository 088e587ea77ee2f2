from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from netpoint.common.audit.services import record
from netpoint.common.sealing.crypto import seal
from netpoint.common.sealing.indexes import key_ring
from netpoint.provider.modules.wifi.models import (
    UAMSECRET_NEEDED,
    Controller,
    GatewayEvent,
    Nas,
    RadAcct,
)
from netpoint.provider.modules.wifi.portal import EVENT_KEY_COLUMN, PORTAL_KEY_COLUMN
from netpoint.provider.modules.wifi.services import SECRET_COLUMN


class NasForm(forms.ModelForm):
    """The shared secret is typed in, sealed, and never shown again; left empty on a change it
    stays as it was."""

    secret = forms.CharField(
        label=_("khoá bí mật dùng chung"),
        widget=forms.PasswordInput,
        min_length=16,
        required=False,
    )
    portal_key = forms.CharField(
        label=_("faskey (openNDS) hoặc uamsecret (CoovaChilli)"),
        widget=forms.PasswordInput,
        max_length=32,
        required=False,
    )
    event_key = forms.CharField(
        label=_("khoá báo sự kiện BinAuth"),
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
            "nat_addresses",
            "require_message_authenticator",
            "coa_port",
            "active",
            "controller",
            "fas_level",
            "uam_chap",
        ]

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk and not cleaned.get("secret"):
            self.add_error("secret", _("Hãy nhập khoá bí mật dùng chung cho thiết bị mới."))
        has_key = cleaned.get("portal_key") or self.instance.portal_key_sealed
        if cleaned.get("controller") == Controller.OPENNDS and not has_key:
            self.add_error("portal_key", _("openNDS cần faskey."))
        if cleaned.get("controller") == Controller.CHILLI and not has_key:
            self.add_error("portal_key", UAMSECRET_NEEDED)
        return cleaned


@admin.register(Nas)
class NasAdmin(admin.ModelAdmin):
    form = NasForm
    # refused_claims: packets this NAS signed that named another NAS's address (dropped).
    list_display = [
        "name",
        "ip_address",
        "point",
        "controller",
        "active",
        "refused_claims",
        "last_refused_claim_at",
    ]
    readonly_fields = ["refused_claims", "last_refused_claim_at"]
    list_filter = ["active"]
    search_fields = ["name", "ip_address", "point__code"]

    def save_model(self, request, obj, form, change):
        secret = form.cleaned_data.get("secret")
        if secret:
            obj.secret_sealed = seal(secret, SECRET_COLUMN, key_ring())
        # Portal keys left empty on a change stay as they were, like the RADIUS secret.
        portal_key = form.cleaned_data.get("portal_key")
        if portal_key:
            obj.portal_key_sealed = seal(portal_key, PORTAL_KEY_COLUMN, key_ring())
        event_key = form.cleaned_data.get("event_key")
        if event_key:
            obj.event_key_sealed = seal(event_key, EVENT_KEY_COLUMN, key_ring())
        super().save_model(request, obj, form, change)
        record(
            "nas_saved",
            user=request.user,
            target=f"nas:{obj.pk}",
            detail={
                "fields": sorted(f for f in form.changed_data if not f.endswith("_key")),
                "secret_changed": bool(secret),
                "portal_key_changed": bool(portal_key),
                "event_key_changed": bool(event_key),
            },
        )


class AuditedRecordsAdmin(admin.ModelAdmin):
    """Records of what devices did, tied to people by their MACs: read only, and every look at
    the list is in the audit log (as `viewed`, with the filters used)."""

    viewed = ""

    def changelist_view(self, request, extra_context=None):
        record(self.viewed, user=request.user, detail={"query": request.GET.dict()})
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RadAcct)
class RadAcctAdmin(AuditedRecordsAdmin):
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

    viewed = "wifi_sessions_viewed"


@admin.register(GatewayEvent)
class GatewayEventAdmin(AuditedRecordsAdmin):
    """What hotspots' BinAuth scripts reported: read only, each look audited (MACs)."""

    list_display = ["received_at", "nas", "event", "mac", "ip_address", "login"]
    list_filter = ["event"]
    search_fields = ["mac", "login"]

    viewed = "wifi_gateway_events_viewed"
