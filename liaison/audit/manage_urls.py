"""The audit trail's pages under /manage/ (the "manage" namespace is assembled in liaison/manage_urls.py)."""

from django.urls import path

from . import views, views_privacy

urlpatterns = [
    path("audit/", views.audit_trail, name="audit_trail"),
    path("audit.csv", views.audit_trail, {"export": True}, name="audit_trail_csv"),
    path("people/<int:pk>/anonymise/", views_privacy.anonymise, name="person_anonymise"),
]
