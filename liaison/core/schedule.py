"""The daily jobs, run by the worker (``liaison worker``) so that no cron is needed.

Each job is an existing management command. The worker's clock ticks every minute; a job whose hour
has come is claimed for the day by inserting a :class:`ScheduledRun` row (unique per job and day), so
it runs once a day however many workers are running and however often they restart. The commands
are themselves idempotent (a reminder is not sent twice the same day).
"""

import io
import logging
from datetime import date

from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ScheduledRun

logger = logging.getLogger(__name__)

# (name, management command, local hour from which it runs)
DAILY_JOBS = [
    ("roster-expire", "roster-expire", 2),
    ("prune", "prune", 4),
    ("send-reminders", "send-reminders", 6),
    ("remind-actions", "remind-actions", 6),
    ("remind-reports", "remind-reports", 6),
    ("send-digests", "send-digests", 7),
]


def jobs():
    return getattr(settings, "LIAISON_DAILY_JOBS", DAILY_JOBS)


def due(now=None) -> list[str]:
    """Claim the jobs whose hour has come today and that no worker has claimed yet."""
    now = timezone.localtime(now or timezone.now())
    claimed = []
    for name, _command, hour in jobs():
        if now.hour < hour:
            continue
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(job=name, day=now.date())
        except IntegrityError:
            continue
        claimed.append(name)
    return claimed


def run(name: str, day: str) -> str:
    command = {job: command for job, command, _hour in jobs()}[name]
    out = io.StringIO()
    call_command(command, stdout=out)
    ScheduledRun.objects.filter(job=name, day=date.fromisoformat(day)).update(output=out.getvalue()[:5000])
    return out.getvalue()


# Apps add work for every beat (e.g. the roster warms its search indexes) and for the start of a
# server (e.g. importing scikit-learn before the first request) from their AppConfig.ready().
EVERY_BEAT: list = []
AT_SERVER_START: list = []


def server_start() -> None:
    for function in AT_SERVER_START:
        function()


def tick(now=None) -> list[str]:
    """One beat of the worker's clock: the outbox sweep, the apps' beat work, then today's due
    jobs, each as a task."""
    from . import outbox
    from .tasks import run_daily

    outbox.sweep(now)
    for function in EVERY_BEAT:
        try:
            function()
        except Exception:  # noqa: BLE001 - one app's failure does not stop the clock
            logger.exception("Beat work %s failed", function)
    today = timezone.localtime(now or timezone.now()).date().isoformat()
    names = due(now)
    for name in names:
        run_daily.enqueue(name, today)
    return names
