from django.urls import path

from netpoint.provider.modules.games import views

urlpatterns = [
    path("tro-choi/", views.game_list, name="games-list"),
    path("tro-choi/moi/", views.game_new, name="games-new"),
    path("tro-choi/<int:pk>/", views.game_detail, name="games-detail"),
    path("tro-choi/<int:pk>/sua/", views.game_edit, name="games-edit"),
    path("tro-choi/<int:pk>/may-chu/", views.server_new, name="games-server-new"),
    path("tro-choi/<int:pk>/ma-truy-cap/", views.server_token, name="games-server-token"),
    path("tro-choi/ma-truy-cap/<int:pk>/thu-hoi/", views.token_revoke, name="games-token-revoke"),
    path("tro-choi/tai-khoan/", views.accounts, name="games-accounts"),
    path("tro-choi/tai-khoan/ma-truy-cap/", views.accounts_token, name="games-accounts-token"),
    path("tro-choi/bao-cao/", views.report_list, name="games-reports"),
    path("tro-choi/bao-cao/moi/", views.report_new, name="games-report-new"),
    path("tro-choi/bao-cao/<int:pk>/sua/", views.report_edit, name="games-report-edit"),
    path(
        "tro-choi/bao-cao/<int:pk>/docx/",
        views.report_file,
        {"kind": "docx"},
        name="games-report-docx",
    ),
    path(
        "tro-choi/bao-cao/<int:pk>/xlsx/",
        views.report_file,
        {"kind": "xlsx"},
        name="games-report-xlsx",
    ),
]
