from django.urls import path

from netpoint.point.billing import views

urlpatterns = [
    path("shift/", views.shift_report, name="shift-report"),
    path("shift/<int:pk>/", views.shift_closed, name="shift-closed"),
]
