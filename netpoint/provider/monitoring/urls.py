from django.urls import path

from netpoint.provider.monitoring import views

urlpatterns = [
    path("giam-sat/", views.dashboard, name="monitoring-dashboard"),
    path("giam-sat/so-lieu/", views.dashboard_figures, name="monitoring-dashboard-figures"),
    path("giam-sat/diem/", views.point_list, name="monitoring-points"),
    path("giam-sat/diem/<int:pk>/", views.point_detail, name="monitoring-point"),
    path("giam-sat/vi-pham/", views.violation_list, name="monitoring-violations"),
    path("giam-sat/vi-pham/tai-xlsx/", views.violation_export, name="monitoring-violations-xlsx"),
    path("giam-sat/vi-pham/<int:pk>/", views.violation_detail, name="monitoring-violation"),
    path("giam-sat/vi-pham/<int:pk>/phieu/", views.violation_record, name="monitoring-record"),
    path(
        "giam-sat/vi-pham/<int:pk>/phieu.docx",
        views.violation_record,
        {"fmt": "docx"},
        name="monitoring-record-docx",
    ),
    path(
        "giam-sat/vi-pham/<int:pk>/trang-thai/",
        views.violation_state,
        name="monitoring-violation-state",
    ),
]
