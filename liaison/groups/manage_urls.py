"""Groups, their terms of reference and their parts under /manage/ (namespace "manage")."""

from django.urls import path

from . import manage_views as views

urlpatterns = [
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<slug:slug>/edit/", views.group_edit, name="group_edit"),
    path("groups/<slug:slug>/terms/", views.terms, name="terms"),
    path("groups/<slug:key>/parts/<slug:name>/", views.group_parts.view, name="group_part"),
    path("groups/<slug:key>/parts/<slug:name>/<int:item>/delete/", views.group_parts.delete, name="group_part_delete"),
    path("terms/<int:key>/<slug:name>/", views.terms_parts.view, name="terms_part"),
    path("terms/<int:key>/<slug:name>/<int:item>/delete/", views.terms_parts.delete, name="terms_part_delete"),
]
