from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from liaison.api import api
from liaison.meetings import views as meeting_views
from liaison.reports import views as report_views
from liaison.roster import views as roster_views
from liaison.workspace import views as workspace_views

urlpatterns = [
    path("", include("liaison.core.urls")),
    path("groups/<slug:slug>/workspace/", include("liaison.workspace.urls")),
    path("groups/", include("liaison.groups.urls")),
    path("groups/<slug:group_slug>/meetings.ics", meeting_views.group_ics, name="group_ics"),
    path("groups/<slug:group_slug>/meetings/<slug:slug>/", meeting_views.meeting_detail, name="meeting_detail"),
    path("groups/<slug:group_slug>/meetings/<slug:slug>.ics", meeting_views.meeting_ics, name="meeting_ics"),
    path("groups/<slug:group_slug>/meetings/<slug:slug>/agenda/", meeting_views.agenda, name="meeting_agenda"),
    path("groups/<slug:group_slug>/meetings/<slug:slug>/agenda.docx", meeting_views.agenda_docx, name="meeting_agenda_docx"),
    path("groups/<slug:group_slug>/meetings/<slug:slug>/report/", report_views.report, name="meeting_report"),
    path("groups/<slug:group_slug>/meetings/<slug:slug>/report.docx", report_views.report_docx, name="meeting_report_docx"),
    path("groups/<slug:group_slug>/meetings/<slug:slug>/report.pdf", report_views.report_pdf, name="meeting_report_pdf"),
    path("roster/<slug:group_slug>/", roster_views.roster, name="roster"),
    path("roster/<slug:group_slug>/nominate/", roster_views.nominate, name="roster_nominate"),
    path("roster/<slug:group_slug>/upload/", roster_views.upload, name="roster_upload"),
    path("roster/<slug:group_slug>/<int:pk>/", roster_views.expert, name="roster_expert"),
    path("roster/<slug:group_slug>/<int:pk>/edit/", roster_views.edit, name="roster_edit"),
    path("roster/<slug:group_slug>/<int:pk>/submit/", roster_views.submit, name="roster_submit"),
    path("unsubscribe/<str:token>/", workspace_views.unsubscribe, name="unsubscribe"),
    path("invitations/<str:token>/", meeting_views.invitation, name="invitation"),
    path("invitations/<str:token>/letter.pdf", meeting_views.invitation_letter, name="invitation_letter"),
    path("documents/<int:pk>/", meeting_views.document, name="meeting_document"),
    path("manage/", include("liaison.manage_urls")),
    path("accounts/", include("liaison.accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

admin.site.site_header = settings.SITE_NAME
