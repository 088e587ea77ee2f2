from django.urls import path

from netpoint.point.uplink import views

urlpatterns = [path("uplink/enroll/", views.enroll, name="uplink-enroll")]
