from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from liaison.api import api
from liaison.meetings import views as meeting_views

urlpatterns = [
    path("", include("liaison.core.urls")),
    path("groups/", include("liaison.groups.urls")),
    path("groups/<slug:group_slug>/meetings/<slug:slug>/", meeting_views.meeting_detail, name="meeting_detail"),
    path("manage/", include("liaison.manage_urls")),
    path("accounts/", include("liaison.accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

admin.site.site_header = settings.SITE_NAME
