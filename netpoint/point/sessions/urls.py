from django.urls import path

from netpoint.point.sessions import views

urlpatterns = [
    path("stations/<int:station_pk>/check-in/", views.check_in, name="session-check-in"),
    path("sessions/today/", views.today, name="sessions-today"),
    path("sessions/<int:pk>/", views.detail, name="session-detail"),
    path("sessions/<int:pk>/check-out/", views.check_out, name="session-check-out"),
    path("sessions/<int:pk>/settle/", views.settle, name="session-settle"),
    path("sessions/<int:pk>/pay/", views.pay, name="session-pay"),
]
