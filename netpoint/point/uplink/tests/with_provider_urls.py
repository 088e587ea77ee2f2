"""The point's pages with a provider's JSON API under /provider/ on the same test server: the
owner's enrollment page then talks to a real provider over HTTP."""

from django.urls import path

from netpoint.point.urls import urlpatterns as point_urlpatterns
from netpoint.provider.urls import api as provider_api

PROVIDER_PREFIX = "/provider"

urlpatterns = [*point_urlpatterns, path("provider/api/", provider_api.urls)]
