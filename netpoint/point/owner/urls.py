from django.urls import path

from netpoint.point.owner import views

urlpatterns = [
    path("chu-quan/", views.dashboard, name="owner-dashboard"),
    path("chu-quan/bao-cao.xlsx", views.export, name="owner-export"),
    path("chu-quan/khach-hang/", views.customers_page, name="owner-customers"),
    path("chu-quan/khach-hang/<int:pk>/", views.customer, name="owner-customer"),
    path("chu-quan/khach-hang/<int:pk>/hoi-vien/", views.make_member, name="owner-make-member"),
    path(
        "chu-quan/khach-hang/<int:pk>/dat-lai-mat-khau/",
        views.reset_password,
        name="owner-reset-password",
    ),
    path("chu-quan/phien/", views.sessions, name="owner-sessions"),
    path("chu-quan/phien/<int:pk>/chuyen-may/", views.move, name="owner-move"),
    path("chu-quan/bang-gia/", views.prices, name="owner-prices"),
    path("chu-quan/bang-gia/gia/<int:pk>/", views.set_rate, name="owner-rate"),
    path("chu-quan/bang-gia/khu-vuc/<int:pk>/them/", views.add_rate, name="owner-add-rate"),
]
