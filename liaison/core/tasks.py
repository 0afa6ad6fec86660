"""Background tasks of the platform, on the Django tasks framework (the ``django-tasks`` backport of
Django 6's ``django.tasks``: the same ``@task``/``.enqueue()`` code moves to Django 6 by changing the
import). Production uses the database backend (``django_tasks_db``) and ``liaison worker``."""

from django_tasks import task


@task()
def deliver_mail(pk: int) -> str:
    from . import outbox

    return outbox.deliver(pk)


@task()
def run_daily(job: str, day: str) -> str:
    from . import schedule

    return schedule.run(job, day)


@task()
def run_job(pk: str) -> str:
    from . import jobs

    return jobs.run(pk)
