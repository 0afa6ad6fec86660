"""The daily prune: finished operational rows past their age go (sent e-mails, task results, finished
jobs with their files, old daily runs); what is queued or running stays, whatever its age."""

import uuid
from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from liaison.core import schedule
from liaison.core.models import Job, OutboxMessage, ScheduledRun


def email(status, age_days, **fields):
    when = timezone.now() - timedelta(days=age_days)
    row = OutboxMessage.objects.create(from_email="a@example.org", recipients=["b@example.org"], subject=f"{status} {age_days}",
                                       mime=b"Subject: x\n\nbody", status=status, **fields)
    OutboxMessage.objects.filter(pk=row.pk).update(created_at=when, sent_at=when if status == "sent" else None,
                                                   last_attempt_at=when if status != "queued" else None)
    return row.pk


def task_result(status, age_days):
    when = timezone.now() - timedelta(days=age_days)
    return DBTaskResult.objects.create(
        status=status, args_kwargs={"args": [], "kwargs": {}}, task_path="liaison.core.tasks.run_job", backend_name="default",
        run_after=when, finished_at=when if status in ("SUCCESSFUL", "FAILED") else None,
    ).pk


def job(owner, status, age_days, with_file=False):
    row = Job.objects.create(id=uuid.uuid4(), kind="x", owner=owner, title=f"{status} {age_days}", status=status)
    if with_file:
        row.file.save("result.pdf", ContentFile(b"%PDF-1.7 result"), save=True)
    Job.objects.filter(pk=row.pk).update(updated_at=timezone.now() - timedelta(days=age_days))
    row.refresh_from_db()
    return row


@pytest.mark.django_db
def test_prune_deletes_only_finished_rows_past_their_age(settings, make_user):
    settings.PRUNE_DAYS, settings.PRUNE_FAILED_DAYS = 30, 90
    user = make_user("owner@example.org")
    kept_emails = [email("sent", 5), email("failed", 60), email("queued", 400), email("sending", 400)]
    gone_emails = [email("sent", 31), email("failed", 91)]
    kept_tasks = [task_result("SUCCESSFUL", 5), task_result("FAILED", 60), task_result("READY", 400), task_result("RUNNING", 400)]
    gone_tasks = [task_result("SUCCESSFUL", 31), task_result("FAILED", 91)]
    old_done = job(user, "done", 31, with_file=True)
    stored = old_done.file.name
    assert default_storage.exists(stored)
    kept_jobs = [job(user, "done", 5, with_file=True).pk, job(user, "running", 400).pk, job(user, "queued", 400).pk]
    gone_jobs = [old_done.pk, job(user, "failed", 31).pk]
    ScheduledRun.objects.create(job="send-digests", day=date.today() - timedelta(days=40))
    ScheduledRun.objects.create(job="send-digests", day=date.today())

    call_command("prune", stdout=(out := __import__("io").StringIO()))
    assert "Pruned 2 e-mails, 2 task results, 2 jobs, 1 daily runs." in out.getvalue()
    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == set(kept_emails)
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == set(kept_tasks)
    assert set(Job.objects.values_list("pk", flat=True)) == set(kept_jobs) and not set(gone_jobs) & set(kept_jobs)
    assert not default_storage.exists(stored)  # the result file went with its job
    assert list(ScheduledRun.objects.values_list("day", flat=True)) == [date.today()]
    assert not set(gone_emails) & set(kept_emails) and not set(gone_tasks) & set(kept_tasks)
    # nothing about operational rows enters the audit trail
    from liaison.audit.models import Deletion

    assert not Deletion.objects.filter(model__in=["core.outboxmessage", "core.job", "django_tasks_db.dbtaskresult"]).exists()


@pytest.mark.django_db
def test_the_worker_schedules_the_prune_once_a_day(settings, make_user):
    settings.PRUNE_DAYS = 30
    gone = email("sent", 45)
    early = timezone.now().replace(hour=4, minute=30)
    assert "prune" in schedule.tick(early)
    assert not OutboxMessage.objects.filter(pk=gone).exists()
    assert "Pruned 1 e-mails" in ScheduledRun.objects.get(job="prune", day=timezone.localdate(early)).output
    assert "prune" not in schedule.tick(early + timedelta(hours=2))
