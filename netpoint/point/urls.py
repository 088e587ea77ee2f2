"""The point's URLs: the pages (`urls` module) of every installed point app, in
INSTALLED_APPS order (netpoint.common.core.doors), and the stations' JSON API."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy

from netpoint.common.core.api import build_api
from netpoint.common.core.doors import opened
from netpoint.point.stations.api import router as station_router
from netpoint.point.stations.registration_api import router as registration_router

api = build_api(
    title="Netpoint point server",
    urls_namespace="point-api",
    unauthenticated=gettext_lazy("Thiếu hoặc sai mã xác thực của máy trạm."),
)
# The point's one JSON API is the stations' own, under its own prefix.
api.add_router("/station/", station_router)
api.add_router("/station/register", registration_router)

urlpatterns = [
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    *(path("", include(door)) for door in opened("urls", within="netpoint.point.")),
]

# Vietnamese, in the site's layout (403 and 404 are the templates of netpoint.common.core).
handler500 = "netpoint.common.core.views.server_error"
