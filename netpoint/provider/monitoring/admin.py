from django.contrib import admin

from netpoint.provider.monitoring.models import ReleasedSoftware


@admin.register(ReleasedSoftware)
class ReleasedSoftwareAdmin(admin.ModelAdmin):
    list_display = ["version", "released_on", "software_hash"]
