"""The report editor and the import of past reports under /manage/ (namespace "manage")."""

from django.urls import path

from . import manage_views as views
from . import import_views, review_views

urlpatterns = [
    path("import/", views.import_report, name="import_report"),
    path("import/<uuid:pk>/", import_views.import_preview, name="import_preview"),
    path("meetings/<int:pk>/report/", views.editor, name="report"),
    path("meetings/<int:pk>/report/draft/", views.draft_introduction, name="report_draft"),
    path("meetings/<int:pk>/report/paragraphs/", views.paragraph_add, name="paragraph_add"),
    path("meetings/<int:pk>/report/paragraphs/<int:paragraph_pk>/", views.paragraph_edit, name="paragraph_edit"),
    path("meetings/<int:pk>/report/paragraphs/<int:paragraph_pk>/<slug:action>/", views.paragraph_action, name="paragraph_action"),
    path("meetings/<int:pk>/report/comments.xlsx", review_views.compilation, name="report_comments_xlsx"),
    path("meetings/<int:pk>/report/comments/<int:comment_pk>/", review_views.answer, name="report_comment_answer"),
    path("meetings/<int:pk>/report/annexes/", views.annex_add, name="annex_add"),
    path("meetings/<int:pk>/report/<slug:action>/", views.transition, name="report_transition"),
]
