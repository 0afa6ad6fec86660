from django.urls import path

from . import views

app_name = "groups"
urlpatterns = [
    path("<slug:slug>/", views.group_detail, name="detail"),
    path("<slug:slug>/meetings.csv", views.meetings_csv, name="meetings_csv"),
]
