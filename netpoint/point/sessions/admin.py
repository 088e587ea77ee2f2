from django.contrib import admin

from netpoint.point.sessions.models import Session


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["station", "customer", "kind", "started_at", "ended_at", "charge"]
    list_filter = ["kind", "end_reason", "station"]
    date_hierarchy = "started_at"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
