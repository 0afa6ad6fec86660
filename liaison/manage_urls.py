"""The secretariat's pages, under /manage/."""

from django.urls import path

from liaison.core import manage_views as core
from liaison.groups import manage_views as groups
from liaison.meetings import manage_views as meetings
from liaison.reports import manage_views as reports
from liaison.roster import manage_views as roster
from liaison.roster import views as roster_views

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
    path("meetings/<int:pk>/invitations/", meetings.invitations_page, name="invitations"),
    path("meetings/<int:pk>/invitations/remind/", meetings.send_reminders, name="send_reminders"),
    path("meetings/<int:pk>/invitations/<int:invitation_pk>/letter.pdf", meetings.letter, name="invitation_letter"),
    path("meetings/<int:pk>/check-in/", meetings.check_in, name="check_in"),
    path("meetings/<int:pk>/agenda/<slug:action>/", meetings.agenda_action, name="agenda_action"),
    path("import/", reports.import_report, name="import_report"),
    path("roster/<slug:group_slug>/review/", roster_views.review, name="roster_review"),
    path("roster/<slug:group_slug>/usage/", roster_views.usage, name="roster_usage"),
    path("meetings/<int:pk>/panel/", roster.panel, name="panel"),
    path("meetings/<int:pk>/lottery/", roster.lottery_page, name="lottery"),
    path("meetings/<int:pk>/report/", reports.editor, name="report"),
    path("meetings/<int:pk>/report/draft/", reports.draft_introduction, name="report_draft"),
    path("meetings/<int:pk>/report/paragraphs/", reports.paragraph_add, name="paragraph_add"),
    path("meetings/<int:pk>/report/paragraphs/<int:paragraph_pk>/", reports.paragraph_edit, name="paragraph_edit"),
    path("meetings/<int:pk>/report/paragraphs/<int:paragraph_pk>/<slug:action>/", reports.paragraph_action, name="paragraph_action"),
    path("meetings/<int:pk>/report/annexes/", reports.annex_add, name="annex_add"),
    path("meetings/<int:pk>/report/<slug:action>/", reports.transition, name="report_transition"),
    path("meetings/<int:key>/<slug:name>/", meetings.parts.view, name="meeting_part"),
    path("meetings/<int:key>/<slug:name>/<int:item>/delete/", meetings.parts.delete, name="meeting_part_delete"),
]
