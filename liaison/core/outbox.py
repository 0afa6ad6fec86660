"""The persistent e-mail outbox.

``EMAIL_BACKEND = "liaison.core.outbox.OutboxBackend"``: every ``send_mail``/``EmailMessage.send()``
of the project stores the message as it will go on the wire (MIME bytes with every header,
alternative and attachment, and the envelope) in :class:`OutboxMessage` and enqueues a background
task; no request talks to the mail server. The task sends through ``OUTBOX_DELIVERY_BACKEND`` (the real
SMTP backend in production) and, when the server refuses or is down, tries again with exponential
backoff (``OUTBOX_RETRY_SECONDS`` × 2^attempt, at most ``OUTBOX_MAX_ATTEMPTS`` attempts) before
marking the message failed. The secretariat sees queued, sent and failed messages at
/manage/outbox/ and can retry failed ones.
"""

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

# A message left "sending" this long (a worker killed mid-send) is queued again.
STALE_SENDING = timedelta(minutes=10)


def max_attempts() -> int:
    return int(getattr(settings, "OUTBOX_MAX_ATTEMPTS", 8))


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff after the ``attempts``-th failure: base, 2×base, 4×base … capped at a day."""
    base = float(getattr(settings, "OUTBOX_RETRY_SECONDS", 60))
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 86400))


class OutboxBackend(BaseEmailBackend):
    """Stores each message and enqueues its delivery; never opens a connection to a mail server."""

    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            stored = store(message)
            enqueue_delivery(stored.pk)
            count += 1
        return count


def store(message: EmailMessage) -> OutboxMessage:
    mime = message.message()  # validates headers and fixes Date and Message-ID once, for every retry
    return OutboxMessage.objects.create(
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        recipients=list(message.recipients()),
        subject=str(message.subject)[:400],
        mime=mime.as_bytes(linesep="\n"),
        next_attempt_at=timezone.now(),
    )


def enqueue_delivery(pk: int, at=None) -> None:
    """Enqueue the delivery task (deferred to ``at`` when the task backend can defer; otherwise the
    worker's minute sweep picks the message up when it is due)."""
    from django_tasks import task_backends

    from .tasks import deliver_mail

    if at is None:
        deliver_mail.enqueue(pk)
    elif task_backends[deliver_mail.backend].supports_defer:
        deliver_mail.using(run_after=at).enqueue(pk)


class _Wire:
    """The stored MIME bytes, shaped like the message object Django's backends write out."""

    def __init__(self, raw: bytes):
        self.raw = raw

    def as_bytes(self, unixfrom=False, linesep="\n"):
        return re.sub(rb"\r?\n", linesep.encode(), self.raw)

    def get_charset(self):
        return None


class StoredEmail(EmailMessage):
    """An e-mail already rendered to MIME: Django's backends send it byte for byte."""

    def __init__(self, row: OutboxMessage):
        super().__init__(subject=row.subject, from_email=row.from_email, to=row.recipients)
        self._raw = bytes(row.mime)

    def message(self, *args, **kwargs):
        return _Wire(self._raw)

    def recipients(self):
        return list(self.to)


def deliver(pk: int) -> str:
    """Send one message if it is due; returns what happened (for the task's result)."""
    now = timezone.now()
    claimed = OutboxMessage.objects.filter(pk=pk, status=OutboxStatus.QUEUED).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    ).update(status=OutboxStatus.SENDING, attempts=F("attempts") + 1, last_attempt_at=now)
    if not claimed:
        return "not due"  # sent, failed, being sent, or waiting for its next attempt
    row = OutboxMessage.objects.get(pk=pk)
    backend = getattr(settings, "OUTBOX_DELIVERY_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    try:
        with get_connection(backend, fail_silently=False) as connection:
            connection.send_messages([StoredEmail(row)])
    except Exception as error:  # noqa: BLE001 - any failure of the mail server is retried, never lost
        row.last_error = f"{type(error).__name__}: {error}"[:2000]
        if row.attempts >= max_attempts():
            row.status = OutboxStatus.FAILED
            row.next_attempt_at = None
        else:
            row.status = OutboxStatus.QUEUED
            row.next_attempt_at = now + retry_delay(row.attempts)
        row.save(update_fields=["status", "next_attempt_at", "last_error"])
        logger.warning("E-mail %s to %s not sent (attempt %s): %s", row.pk, row.recipients, row.attempts, row.last_error)
        if row.status == OutboxStatus.QUEUED:
            transaction.on_commit(lambda: enqueue_delivery(row.pk, at=row.next_attempt_at))
        return row.status
    row.status, row.sent_at, row.next_attempt_at = OutboxStatus.SENT, timezone.now(), None
    row.save(update_fields=["status", "sent_at", "next_attempt_at"])
    return row.status


def retry(pk: int) -> bool:
    """Queue a failed (or waiting) message for an attempt now; returns whether there was one to retry."""
    updated = OutboxMessage.objects.filter(pk=pk, status__in=[OutboxStatus.FAILED, OutboxStatus.QUEUED]).update(
        status=OutboxStatus.QUEUED, next_attempt_at=timezone.now()
    )
    if updated:
        enqueue_delivery(pk)
    return bool(updated)


def sweep(now=None) -> int:
    """Run by the worker every minute: re-queue messages stuck in "sending" and deliver those due.
    Returns how many deliveries were attempted."""
    now = now or timezone.now()
    OutboxMessage.objects.filter(status=OutboxStatus.SENDING, last_attempt_at__lt=now - STALE_SENDING).update(
        status=OutboxStatus.QUEUED, next_attempt_at=now
    )
    due = list(
        OutboxMessage.objects.filter(status=OutboxStatus.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at").values_list("pk", flat=True)[:500]
    )
    for pk in due:
        deliver(pk)
    return len(due)


def counts() -> dict[str, int]:
    from django.db.models import Count

    rows = OutboxMessage.objects.values("status").annotate(n=Count("pk")).order_by()
    return {status: 0 for status in OutboxStatus.values} | {row["status"]: row["n"] for row in rows}
