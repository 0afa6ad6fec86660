"""Public report routes (global names: templates reverse them as such)."""

from django.urls import path

from . import review_views, views

urlpatterns = [
    path("groups/<slug:group_slug>/meetings/<slug:slug>/report/", views.report, name="meeting_report"),
    path("groups/<slug:group_slug>/meetings/<slug:slug>/report.docx", views.report_docx, name="meeting_report_docx"),
    path("groups/<slug:group_slug>/meetings/<slug:slug>/report.pdf", views.report_pdf, name="meeting_report_pdf"),
    path("groups/<slug:group_slug>/meetings/<slug:slug>/report/review/", review_views.review_signed_in, name="meeting_report_review"),
    path("report-review/<str:token>/", review_views.review_by_link, name="report_review_link"),
]
