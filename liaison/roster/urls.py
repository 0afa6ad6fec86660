"""The public roster of a group (global names: templates reverse them as such)."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("roster/<slug:group_slug>/", views.roster, name="roster"),
    path("roster/<slug:group_slug>/nominate/", views.nominate, name="roster_nominate"),
    path("roster/<slug:group_slug>/upload/", views.upload, name="roster_upload"),
    re_path(r"^roster/(?P<group_slug>[-\w]+)/upload/(?P<part>template|areas)\.(?P<fmt>csv|xlsx)$", views.upload_template, name="roster_upload_template"),
    path("roster/<slug:group_slug>/<int:pk>/", views.expert, name="roster_expert"),
    path("roster/<slug:group_slug>/<int:pk>/edit/", views.edit, name="roster_edit"),
    path("roster/<slug:group_slug>/<int:pk>/submit/", views.submit, name="roster_submit"),
]
