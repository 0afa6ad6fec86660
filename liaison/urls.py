"""Every app owns its routes; this file only mounts them."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from liaison.api import api

urlpatterns = [
    path("", include("liaison.portal.urls")),
    path("", include("liaison.meetings.urls")),
    path("", include("liaison.reports.urls")),
    path("", include("liaison.roster.urls")),
    path("", include("liaison.workspace.urls")),
    path("assistance/", include("liaison.assistance.urls")),
    path("plans/", include("liaison.actionplan.urls")),
    path("manage/", include("liaison.manage_urls")),
    path("accounts/", include("liaison.accounts.urls")),
    path("privacy/", include("liaison.audit.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("liaison.core.ops_urls")),
]

admin.site.site_header = settings.SITE_NAME

handler500 = "liaison.core.errors.server_error"
