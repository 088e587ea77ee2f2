from django.urls import path

from netpoint.provider.monitoring import views

urlpatterns = [
    path("giam-sat/", views.dashboard, name="monitoring-dashboard"),
    path("giam-sat/so-lieu/", views.dashboard_figures, name="monitoring-dashboard-figures"),
    path("giam-sat/diem/", views.point_list, name="monitoring-points"),
    path("giam-sat/diem/<int:pk>/", views.point_detail, name="monitoring-point"),
    path("giam-sat/vi-pham/", views.violation_list, name="monitoring-violations"),
    path("giam-sat/vi-pham/<int:pk>/", views.violation_detail, name="monitoring-violation"),
    path(
        "giam-sat/vi-pham/<int:pk>/trang-thai/",
        views.violation_state,
        name="monitoring-violation-state",
    ),
]
