from django.urls import path

from netpoint.provider.reports import households, law, views

urlpatterns = [
    path("bao-cao/", views.report_list, name="reports-list"),
    path("bao-cao/lap/", views.report_generate, name="reports-generate"),
    path("bao-cao/lich/", views.report_calendar, name="reports-calendar"),
    path("bao-cao/<int:pk>/", views.report_detail, name="reports-report"),
    path("bao-cao/<int:pk>/tai/<str:fmt>/", views.report_download, name="reports-download"),
    path("so-lieu-phap-luat/", law.law_numbers, name="reports-law"),
    path(
        "bao-cao/yeu-cau-chi-thi-66/",
        households.household_requests,
        name="reports-household-requests",
    ),
]
