from django.contrib import admin

from netpoint.point.stations.models import Station, Zone, ZoneRate


class ZoneRateInline(admin.TabularInline):
    model = ZoneRate
    extra = 1


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    inlines = [ZoneRateInline]


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ["name", "zone", "ip", "mac", "last_seen_at", "client_version"]
    list_filter = ["zone"]
    readonly_fields = ["paired_at", "last_seen_at", "client_version"]
