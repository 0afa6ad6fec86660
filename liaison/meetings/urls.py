"""Public meeting routes: calendars, agenda, invitations answered without login, documents.

Names are global (no namespace) because templates and e-mails reverse them as such."""

from django.urls import path

from . import election_views, views

urlpatterns = [
    path("groups/<slug:group_slug>/meetings.ics", views.group_ics, name="group_ics"),
    path("groups/<slug:group_slug>/meetings/<slug:slug>.ics", views.meeting_ics, name="meeting_ics"),
    path("groups/<slug:group_slug>/meetings/<slug:slug>/agenda/", views.agenda, name="meeting_agenda"),
    path("groups/<slug:group_slug>/meetings/<slug:slug>/agenda.docx", views.agenda_docx, name="meeting_agenda_docx"),
    path("groups/<slug:group_slug>/meetings/<slug:slug>/elections/", election_views.participate, name="meeting_elections"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("invitations/<str:token>/letter.pdf", views.invitation_letter, name="invitation_letter"),
    path("documents/<int:pk>/", views.document, name="meeting_document"),
]
