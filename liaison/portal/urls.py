from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/profile/", views.profile, name="profile"),
    path("my/", views.my_liaison, name="mine"),
    path("groups/<slug:slug>/", views.group_detail, name="group"),
    path("groups/<slug:slug>/meetings.csv", views.meetings_csv, name="meetings_csv"),
    path("groups/<slug:group_slug>/meetings/<slug:slug>/", views.meeting_detail, name="meeting"),
]
