from django.urls import path

from netpoint.provider.authority import views

urlpatterns = [
    path("van-ban/", views.request_list, name="authority-requests"),
    path("van-ban/moi/", views.request_new, name="authority-request-new"),
    path("van-ban/<int:pk>/", views.request_detail, name="authority-request"),
    path("van-ban/<int:pk>/quyet-dinh/", views.request_decide, name="authority-request-decide"),
    path("van-ban/<int:pk>/pham-vi/", views.request_scope, name="authority-request-scope"),
    path("van-ban/<int:pk>/ban-quet/", views.request_scan, name="authority-request-scan"),
    path("van-ban/<int:pk>/tim/", views.request_search, name="authority-request-search"),
    path(
        "van-ban/<int:pk>/xuat/<int:approval>/duyet/",
        views.export_approve,
        name="authority-export-approve",
    ),
]
