from django.urls import path

from netpoint.provider.modules.wifi import portal_views, views

urlpatterns = [
    path("wifi/thiet-bi/", views.nas_list, name="wifi-nas-list"),
    path("wifi/thiet-bi/moi/", views.nas_new, name="wifi-nas-new"),
    path("wifi/thiet-bi/<int:pk>/", views.nas_edit, name="wifi-nas-edit"),
    path("wifi/phien/", views.session_list, name="wifi-sessions"),
    path("wifi/phien/<int:pk>/ngat/", views.session_disconnect, name="wifi-session-disconnect"),
    # The captive portal: anonymous, reached through the hotspots' controllers.
    path("wifi/cong/<int:nas_id>/", portal_views.entry, name="wifi-portal"),
    path("wifi/cong/<int:nas_id>/dien-thoai/", portal_views.phone, name="wifi-portal-phone"),
    path("wifi/cong/<int:nas_id>/binauth/", portal_views.binauth, name="wifi-portal-binauth"),
    path("wifi/cong/ma/<str:token>/", portal_views.code, name="wifi-portal-code"),
    path("wifi/cong/ma/<str:token>/gui-lai/", portal_views.resend, name="wifi-portal-resend"),
    path("wifi/cong/ma/<str:token>/doi-so/", portal_views.change_number, name="wifi-portal-change"),
    path("wifi/cong/xong/<str:token>/", portal_views.done, name="wifi-portal-done"),
    path("wifi/thong-ke/", views.statistics, name="wifi-statistics"),
]
