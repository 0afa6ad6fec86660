from django.urls import path

from . import ops_views

urlpatterns = [
    path("manage/outbox/", ops_views.outbox_page, name="outbox"),
    path("manage/outbox/retry-failed/", ops_views.outbox_retry_failed, name="outbox_retry_failed"),
    path("manage/outbox/<int:pk>/retry/", ops_views.outbox_retry, name="outbox_retry"),
    path("jobs/", ops_views.my_jobs, name="jobs"),
    path("jobs/<uuid:pk>/", ops_views.job_page, name="job"),
    path("jobs/<uuid:pk>/file/", ops_views.job_file, name="job_file"),
]
