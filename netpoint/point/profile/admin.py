from django.contrib import admin

from netpoint.point.profile.models import PointProfile


@admin.register(PointProfile)
class PointProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "point_type", "province_code"]
