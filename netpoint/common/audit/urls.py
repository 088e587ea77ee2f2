from django.urls import path

from netpoint.common.audit import views

urlpatterns = [path("kiem-toan/", views.audit_log, name="audit-log")]
