"""The secretariat's meeting pages under /manage/ (namespace "manage", assembled in liaison/manage_urls.py).
The parts editor's catch-all routes come last."""

from django.urls import path

from . import agenda_views, election_views, invitation_views
from . import manage_views as views

urlpatterns = [
    path("groups/<slug:group_slug>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/invitations/", invitation_views.invitations_page, name="invitations"),
    path("meetings/<int:pk>/invitations/candidates/", invitation_views.invitation_candidates, name="invitation_candidates"),
    path("meetings/<int:pk>/invitations/remind/", invitation_views.send_reminders, name="send_reminders"),
    path("meetings/<int:pk>/invitations/<int:invitation_pk>/letter.pdf", invitation_views.letter, name="invitation_letter"),
    path("meetings/<int:pk>/check-in/", views.check_in, name="check_in"),
    path("meetings/<int:pk>/elections/", election_views.manage, name="elections"),
    path("meetings/<int:pk>/agenda/", agenda_views.editor, name="agenda_editor"),
    path("meetings/<int:pk>/agenda/reorder/", agenda_views.reorder, name="agenda_reorder"),
    path("meetings/<int:pk>/agenda/<int:item>/edit/", agenda_views.edit, name="agenda_item_edit"),
    path("meetings/<int:pk>/agenda/<int:item>/move/", agenda_views.move, name="agenda_item_move"),
    path("meetings/<int:pk>/agenda/<int:item>/delete/", agenda_views.delete, name="agenda_item_delete"),
    path("meetings/<int:pk>/agenda/<slug:action>/", views.agenda_action, name="agenda_action"),
]

parts_urlpatterns = [
    path("meetings/<int:key>/<slug:name>/", views.parts.view, name="meeting_part"),
    path("meetings/<int:key>/<slug:name>/<int:item>/delete/", views.parts.delete, name="meeting_part_delete"),
]
