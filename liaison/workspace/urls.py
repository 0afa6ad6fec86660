from django.urls import include, path

from . import followup_views, views

app_name = "workspace"

# Under /groups/<slug>/workspace/
group_urlpatterns = [
    path("", views.home, name="home"),
    path("discussions/new/", views.discussion_new, name="discussion_new"),
    path("discussions/<int:pk>/", views.discussion, name="discussion"),
    path("discussions/<int:pk>/posts/<int:post_pk>/edit/", views.post_edit, name="post_edit"),
    path("discussions/<int:pk>/<slug:action>/", views.moderate, name="moderate"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("consultations/new/", views.poll_new, name="poll_new"),
    path("consultations/<int:pk>/", views.poll, name="poll"),
    path("documents/<int:pk>/", followup_views.review, name="review"),
    path("documents/<int:pk>/comments.<slug:fmt>", followup_views.review_export, name="review_export"),
    path("actions/", followup_views.actions, name="actions"),
    path("teleconferences/", followup_views.teleconferences, name="teleconferences"),
    path("teleconferences/<int:pk>.ics", followup_views.teleconference_ics, name="teleconference_ics"),
    path("preferences/", views.preferences, name="preferences"),
]

urlpatterns = [
    path("groups/<slug:slug>/workspace/", include(group_urlpatterns)),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
