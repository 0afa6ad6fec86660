"""The secretariat's pages, under /manage/."""

from django.urls import path

from liaison.core import manage_views as core
from liaison.groups import manage_views as groups
from liaison.meetings import manage_views as meetings

app_name = "manage"
urlpatterns = [
    path("", core.dashboard, name="dashboard"),
    path("people/", core.people, name="people"),
    path("people/new/", core.person_create, name="person_create"),
    path("people/<int:pk>/", core.person_edit, name="person_edit"),
    path("organizations/", core.organizations, name="organizations"),
    path("organizations/new/", core.organization_create, name="organization_create"),
    path("organizations/<int:pk>/", core.organization_edit, name="organization_edit"),
    path("groups/new/", groups.group_create, name="group_create"),
    path("groups/<slug:slug>/edit/", groups.group_edit, name="group_edit"),
    path("groups/<slug:slug>/terms/", groups.terms, name="terms"),
    path("groups/<slug:key>/parts/<slug:name>/", groups.group_parts.view, name="group_part"),
    path("groups/<slug:key>/parts/<slug:name>/<int:item>/delete/", groups.group_parts.delete, name="group_part_delete"),
    path("terms/<int:key>/<slug:name>/", groups.terms_parts.view, name="terms_part"),
    path("terms/<int:key>/<slug:name>/<int:item>/delete/", groups.terms_parts.delete, name="terms_part_delete"),
    path("groups/<slug:group_slug>/meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:key>/<slug:name>/", meetings.parts.view, name="meeting_part"),
    path("meetings/<int:key>/<slug:name>/<int:item>/delete/", meetings.parts.delete, name="meeting_part_delete"),
]
