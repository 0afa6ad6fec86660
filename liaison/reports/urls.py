"""Public report routes (global names: templates reverse them as such)."""

from django.urls import path

from . import views

urlpatterns = [
    path("groups/<slug:group_slug>/meetings/<slug:slug>/report/", views.report, name="meeting_report"),
    path("groups/<slug:group_slug>/meetings/<slug:slug>/report.docx", views.report_docx, name="meeting_report_docx"),
    path("groups/<slug:group_slug>/meetings/<slug:slug>/report.pdf", views.report_pdf, name="meeting_report_pdf"),
]
