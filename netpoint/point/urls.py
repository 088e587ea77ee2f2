from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy

from netpoint.common.core.api import build_api
from netpoint.point.stations.api import router as station_router

api = build_api(
    title="Netpoint point server",
    urls_namespace="point-api",
    unauthenticated=gettext_lazy("Thiếu hoặc sai mã xác thực của máy trạm."),
)
api.add_router("/station/", station_router)

urlpatterns = [
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", include("netpoint.point.stations.urls")),
    path("", include("netpoint.point.customers.urls")),
    path("", include("netpoint.point.sessions.urls")),
    path("", include("netpoint.point.billing.urls")),
]
