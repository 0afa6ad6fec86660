"""The secretariat's pages, under /manage/."""

from django.urls import path

from liaison.core import manage_views as core
from liaison.groups import manage_views as groups
from liaison.meetings import manage_views as meetings

app_name = "manage"
urlpatterns = [
    path("", core.dashboard, name="dashboard"),
    path("people/new/", core.person_create, name="person_create"),
    path("organizations/new/", core.organization_create, name="organization_create"),
    path("groups/new/", groups.group_create, name="group_create"),
    path("groups/<slug:slug>/edit/", groups.group_edit, name="group_edit"),
    path("groups/<slug:slug>/members/", groups.memberships, name="memberships"),
    path("groups/<slug:slug>/members/<int:pk>/delete/", groups.membership_delete, name="membership_delete"),
    path("groups/<slug:group_slug>/meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/<slug:name>/", meetings.meeting_part, name="meeting_part"),
    path("meetings/<int:pk>/<slug:name>/<int:item>/delete/", meetings.meeting_part_delete, name="meeting_part_delete"),
]
