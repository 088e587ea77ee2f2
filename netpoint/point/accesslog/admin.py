from django.contrib import admin

from netpoint.point.accesslog.models import LogSource, UnattributedAccess


@admin.register(LogSource)
class LogSourceAdmin(admin.ModelAdmin):
    """What the gateway's logs gave, and what could not be read (a sample to look at)."""

    list_display = ["name", "kind", "lines", "unattributed", "unparsed", "updated_at"]
    readonly_fields = [
        "name",
        "kind",
        "inode",
        "offset",
        "lines",
        "unattributed",
        "unparsed",
        "sample",
        "updated_at",
    ]
    exclude = ["head"]

    def has_add_permission(self, request):
        return False


@admin.register(UnattributedAccess)
class UnattributedAccessAdmin(admin.ModelAdmin):
    """Lines from an address no session held: the evidence, read only."""

    list_display = ["minute", "address", "station", "destination", "port", "count"]
    list_filter = ["station"]
    date_hierarchy = "minute"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
