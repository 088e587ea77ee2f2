from django.contrib import admin

from netpoint.provider.monitoring.models import Notice, ReleasedSoftware


@admin.register(ReleasedSoftware)
class ReleasedSoftwareAdmin(admin.ModelAdmin):
    list_display = ["version", "released_on", "software_hash"]


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    """What the violations job sent or still has to send: to be read, not changed."""

    list_display = ["pk", "subject", "created_at", "attempts", "next_try_at", "sent_at"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
