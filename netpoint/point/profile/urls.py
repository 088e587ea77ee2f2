from django.urls import path

from netpoint.point.profile import views

urlpatterns = [
    path("chu-quan/thong-tin-diem/", views.profile_page, name="profile-page"),
]
