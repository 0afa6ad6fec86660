import logging
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from liaison.core import schedule

logger = logging.getLogger("liaison.worker")


class Command(BaseCommand):
    help = (
        "Run the background worker: e-mail deliveries, long jobs, and the daily jobs (reminders, digests, "
        "roster expiry, overdue actions) on their schedule, so that no cron is needed. Run one or more "
        "per installation; each daily job runs once a day however many workers there are."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls of an empty queue (default 1)")
        parser.add_argument("--tick", type=float, default=60.0, help="seconds between beats of the schedule (default 60)")
        parser.add_argument("--batch", action="store_true", help="run the schedule once and every queued task, then exit")
        parser.add_argument("--no-schedule", action="store_true", help="run tasks only, not the daily jobs and the outbox sweep")
        parser.add_argument("--worker-id", default=None, help="unique id of this worker (default: random)")

    def handle(self, *args, interval=1.0, tick=60.0, batch=False, no_schedule=False, worker_id=None, verbosity=1, **options):
        if not no_schedule:
            if batch:
                self._beat()
            else:
                stop = threading.Event()
                threading.Thread(target=self._clock, args=(stop, tick), name="liaison-schedule", daemon=True).start()
        extra = {"worker_id": worker_id} if worker_id else {}
        call_command(
            "db_worker", interval=interval, batch=batch, reload=False, startup_delay=not batch,
            verbosity=verbosity, stdout=self.stdout, **extra,
        )

    def _beat(self):
        try:
            close_old_connections()
            claimed = schedule.tick()
            if claimed:
                logger.warning("Daily jobs enqueued: %s", ", ".join(claimed))
        except Exception:  # noqa: BLE001 - the clock keeps beating; the error is logged
            logger.exception("Schedule beat failed")
        finally:
            close_old_connections()

    def _clock(self, stop, tick):
        while not stop.is_set():
            self._beat()
            stop.wait(tick)
