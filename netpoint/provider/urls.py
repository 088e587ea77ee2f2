"""The provider's URLs: the pages (`urls` module) and JSON routes (`router` of the `api`
module) of every installed provider app, in INSTALLED_APPS order. A module left out of
NETPOINT_MODULES has none, and this file names no app (netpoint.common.core.doors)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy

from netpoint.common.core.api import build_api
from netpoint.common.core.doors import opened

PROVIDER = "netpoint.provider."

api = build_api(
    title="Netpoint provider server",
    urls_namespace="provider-api",
    unauthenticated=gettext_lazy("Hãy đăng nhập bằng tài khoản được cấp."),
)
for door in opened("api", within=PROVIDER):
    api.add_router("/v1/", door.router)

urlpatterns = [
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    # The audit log is shared (netpoint.common); only the provider shows it.
    path("", include("netpoint.common.audit.urls")),
    *(path("", include(door)) for door in opened("urls", within=PROVIDER)),
]

# Vietnamese, in the site's layout (403 and 404 are the templates of netpoint.common.core).
handler500 = "netpoint.common.core.views.server_error"
