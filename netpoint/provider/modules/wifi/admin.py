from django.contrib import admin

from netpoint.common.audit.services import record
from netpoint.provider.modules.wifi import services
from netpoint.provider.modules.wifi.forms import NasForm
from netpoint.provider.modules.wifi.models import GatewayEvent, Nas, RadAcct


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
        data = form.cleaned_data
        services.save_nas(
            obj,
            form.changed_data,
            request.user,
            secret=data.get("secret"),
            portal_key=data.get("portal_key"),
            event_key=data.get("event_key"),
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
