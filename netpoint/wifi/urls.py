from django.urls import path

from netpoint.wifi import views

urlpatterns = [
    path("wifi/phien/", views.session_list, name="wifi-sessions"),
    path("wifi/phien/<int:pk>/ngat/", views.session_disconnect, name="wifi-session-disconnect"),
    path("wifi/thong-ke/", views.statistics, name="wifi-statistics"),
]
