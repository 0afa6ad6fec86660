"""Review, usage, the composition planner and the lottery under /manage/ (namespace "manage")."""

from django.urls import path

from . import manage_views, views

urlpatterns = [
    path("roster/<slug:group_slug>/review/", views.review, name="roster_review"),
    path("roster/<slug:group_slug>/usage/", views.usage, name="roster_usage"),
    path("meetings/<int:pk>/panel/", manage_views.panel, name="panel"),
    path("meetings/<int:pk>/lottery/", manage_views.lottery_page, name="lottery"),
]
