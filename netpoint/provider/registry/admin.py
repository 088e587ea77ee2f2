from django.contrib import admin

from netpoint.provider.registry.models import Enterprise, Point, PointKey


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ["name", "tax_code"]
    search_fields = ["name", "tax_code"]


@admin.register(Point)
class PointAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "point_type", "province_code", "licence_expires_on", "active"]
    list_filter = ["point_type", "active"]
    search_fields = ["code", "name"]


@admin.register(PointKey)
class PointKeyAdmin(admin.ModelAdmin):
    """Keys are made by enrollment; staff may only look, or revoke one."""

    list_display = ["point", "software_version", "created_at", "revoked_at"]
    fields = ["point", "software_version", "created_at", "revoked_at"]
    readonly_fields = ["point", "software_version", "created_at"]

    def has_add_permission(self, request):
        return False
