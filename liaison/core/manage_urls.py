"""The registry of people and organizations under /manage/ (namespace "manage")."""

from django.urls import path

from . import manage_views as views

urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_edit, name="person_edit"),
    path("organizations/", views.organizations, name="organizations"),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path("organizations/<int:pk>/", views.organization_edit, name="organization_edit"),
]
