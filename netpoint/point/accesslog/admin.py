from django.contrib import admin

from netpoint.point.accesslog.models import LogSource


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
