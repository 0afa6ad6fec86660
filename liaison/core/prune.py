"""Pruning of operational rows, run once a day by the worker (``liaison prune``, see core/schedule.py).

The outbox, the task queue (django-tasks-db's result rows), long jobs and the schedule's own record
grow with every e-mail, task and day. What is finished and old goes:

- e-mails **sent** more than ``PRUNE_DAYS`` days ago, **failed** ones after ``PRUNE_FAILED_DAYS``;
- task results **successful** more than ``PRUNE_DAYS`` days ago, **failed** after ``PRUNE_FAILED_DAYS``;
- **finished** jobs (done or failed) older than ``PRUNE_DAYS``, with their result file in storage;
- the schedule's daily records older than ``PRUNE_DAYS``.

Queued, sending, ready and running rows are never touched, whatever their age.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import Job, JobStatus, OutboxMessage, OutboxStatus, ScheduledRun

BATCH = 500


def days() -> int:
    return int(getattr(settings, "PRUNE_DAYS", 30))


def failed_days() -> int:
    return int(getattr(settings, "PRUNE_FAILED_DAYS", 90))


def _delete_in_batches(queryset) -> int:
    """Delete in batches of primary keys, so that a large backlog never loads at once (the audit
    trail's post_delete receiver makes Django fetch each row; these tables are skipped by it)."""
    deleted = 0
    model = queryset.model
    while True:
        pks = list(queryset.order_by().values_list("pk", flat=True)[:BATCH])
        if not pks:
            return deleted
        rows = model.objects.filter(pk__in=pks)
        if model is OutboxMessage:
            rows = rows.defer("mime")
        deleted += rows.delete()[1].get(model._meta.label, 0)


def prune(now=None) -> dict[str, int]:
    """Delete finished operational rows past their age; returns how many of each kind went."""
    from django_tasks_db.models import DBTaskResult
    from django_tasks.base import TaskResultStatus

    now = now or timezone.now()
    old, old_failed = now - timedelta(days=days()), now - timedelta(days=failed_days())
    counts = {}
    counts["e-mails"] = _delete_in_batches(OutboxMessage.objects.filter(
        Q(status=OutboxStatus.SENT, sent_at__lt=old)
        | Q(status=OutboxStatus.FAILED, last_attempt_at__lt=old_failed)
    ))
    counts["task results"] = _delete_in_batches(DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.SUCCESSFUL, finished_at__lt=old)
        | Q(status=TaskResultStatus.FAILED, finished_at__lt=old_failed)
    ))
    finished = Job.objects.filter(status__in=[JobStatus.DONE, JobStatus.FAILED], updated_at__lt=old)
    jobs = 0
    while True:
        batch = list(finished.order_by()[:BATCH])
        if not batch:
            break
        for job in batch:
            if job.file:
                job.file.delete(save=False)  # through the storage API: local disk or S3
        jobs += Job.objects.filter(pk__in=[job.pk for job in batch]).delete()[1].get(Job._meta.label, 0)
    counts["jobs"] = jobs
    counts["daily runs"] = _delete_in_batches(ScheduledRun.objects.filter(day__lt=old.date()))
    return counts
