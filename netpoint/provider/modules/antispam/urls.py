from django.urls import path

from netpoint.provider.modules.antispam import views

urlpatterns = [
    path("chong-spam/khach-hang/", views.customers, name="antispam-customers"),
    path("chong-spam/khach-hang/moi/", views.customer_new, name="antispam-customer-new"),
    path("chong-spam/khach-hang/<int:pk>/", views.customer_detail, name="antispam-customer"),
    path("chong-spam/khach-hang/<int:pk>/ma-truy-cap/", views.token_new, name="antispam-token-new"),
    path(
        "chong-spam/khach-hang/<int:pk>/ma-truy-cap/<int:token_pk>/thu-hoi/",
        views.token_revoke,
        name="antispam-token-revoke",
    ),
    path("chong-spam/khach-hang/<int:pk>/ban-tin/", views.message_new, name="antispam-message-new"),
    path("chong-spam/tu-choi/", views.optouts, name="antispam-optouts"),
    path("chong-spam/tu-choi/moi/", views.optout_new, name="antispam-optout-new"),
    path("chong-spam/dnc/", views.dnc, name="antispam-dnc"),
    path("chong-spam/tin-rac/", views.spam_reports, name="antispam-spam-reports"),
    path(
        "chong-spam/tin-rac/<int:pk>/xu-ly/",
        views.spam_report_handle,
        name="antispam-spam-report-handle",
    ),
    path("chong-spam/bao-cao/", views.report_page, name="antispam-reports"),
    path("chong-spam/bao-cao/so-lieu/", views.figures_save, name="antispam-figures"),
    path("chong-spam/bao-cao/thong-tin-luu-giu/", views.records_send, name="antispam-records-send"),
    path("chong-spam/bao-cao/da-lap/", views.archive, name="antispam-archive"),
    path(
        "chong-spam/bao-cao/da-lap/<int:pk>/", views.archive_download, name="antispam-archive-file"
    ),
    # Public: where recipients refuse advertising.
    path("tu-choi-quang-cao/", views.optout_form, name="antispam-optout-form"),
    path("tu-choi-quang-cao/<str:token>/", views.unsubscribe_link, name="antispam-unsubscribe"),
]
