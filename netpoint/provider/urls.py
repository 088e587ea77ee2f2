from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy

from netpoint.common.core.api import build_api
from netpoint.provider.authority.api import router as authority_router
from netpoint.provider.modules.antispam.api import router as antispam_router
from netpoint.provider.modules.games.api import router as games_router
from netpoint.provider.modules.wifi.api import router as wifi_router
from netpoint.provider.monitoring.api import router as monitoring_router
from netpoint.provider.records.api import router as records_router
from netpoint.provider.registry.api import router as registry_router

api = build_api(
    title="Netpoint provider server",
    urls_namespace="provider-api",
    unauthenticated=gettext_lazy("Hãy đăng nhập bằng tài khoản được cấp."),
)
api.add_router("/v1/", registry_router)
api.add_router("/v1/", records_router)
api.add_router("/v1/", authority_router)
api.add_router("/v1/", monitoring_router)
api.add_router("/v1/", antispam_router)
api.add_router("/v1/", games_router)
api.add_router("/v1/", wifi_router)

urlpatterns = [
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", include("netpoint.provider.accounts.urls")),
    path("", include("netpoint.provider.registry.urls")),
    path("", include("netpoint.common.audit.urls")),
    path("", include("netpoint.provider.authority.urls")),
    path("", include("netpoint.provider.monitoring.urls")),
    path("", include("netpoint.provider.reports.urls")),
    path("", include("netpoint.provider.modules.antispam.urls")),
    path("", include("netpoint.provider.modules.games.urls")),
    path("", include("netpoint.provider.modules.wifi.urls")),
]
