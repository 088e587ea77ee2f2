from django.contrib import admin

from netpoint.common.audit.services import record
from netpoint.provider.modules.nat.models import NatDevice


@admin.register(NatDevice)
class NatDeviceAdmin(admin.ModelAdmin):
    """The gateways whose NAT logs are kept; bindings themselves are seen only through an
    authority search (they lead to people)."""

    list_display = ["name", "ip_address", "point", "active"]
    list_filter = ["active"]
    search_fields = ["name", "ip_address", "point__code"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record(
            "nat_device_saved",
            user=request.user,
            target=f"nat_device:{obj.pk}",
            detail={"fields": sorted(form.changed_data)},
        )
