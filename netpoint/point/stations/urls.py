from django.urls import path

from netpoint.point.stations import registration_views, views

urlpatterns = [
    path("", views.grid, name="station-grid"),
    path("stations/grid/", views.grid_fragment, name="station-grid-fragment"),
    path("stations/<int:pk>/lock/", views.lock, name="station-lock"),
    path("stations/<int:pk>/unlock/", views.unlock, name="station-unlock"),
    path("stations/<int:pk>/resume/", views.resume, name="station-resume"),
    path("stations/<int:pk>/message/", views.send_message, name="station-message"),
    path("stations/<int:pk>/pairing-code/", views.pairing_code, name="station-pairing-code"),
    path(
        "stations/registrations/<int:pk>/approve/",
        registration_views.approve,
        name="station-registration-approve",
    ),
]
