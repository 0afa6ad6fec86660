"""The persistent outbox: nothing is sent inside the request, a mail server that is down loses
nothing, and the message goes out byte for byte once the server is back."""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from conftest import Mailbox, _free_port
from liaison.core import outbox
from liaison.core.models import OutboxMessage, ScheduledRun

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def dead_then_alive(settings):
    """A loopback port where the mail server is down; ``start()`` brings aiosmtpd up on it."""
    from aiosmtpd.controller import Controller

    port = _free_port()
    settings.EMAIL_BACKEND = "liaison.core.outbox.OutboxBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    mailbox, controllers = Mailbox(), []

    def start():
        controller = Controller(mailbox, hostname="127.0.0.1", port=port)
        controller.start()
        controllers.append(controller)
        return mailbox

    yield start
    for controller in controllers:
        controller.stop()


def rich_message():
    message = mail.EmailMultiAlternatives(
        "Réunion: ordre du jour", "Texte brut", "Secretariat <sec@example.org>", ["a@example.org"],
        cc=["b@example.org"], bcc=["hidden@example.org"], reply_to=["reply@example.org"],
        headers={"List-Unsubscribe": "<https://example.org/u/1>"},
    )
    message.attach_alternative("<p>HTML</p>", "text/html")
    message.attach("agenda.csv", "item,title\n1,Opening\n", "text/csv")
    return message


@pytest.mark.django_db(transaction=True)
def test_server_down_then_up_retried_by_the_worker_and_delivered_whole(settings, dead_then_alive):
    settings.TASKS = DB_TASKS
    rich_message().send()  # returns at once: stored and enqueued, no connection to the server
    row = OutboxMessage.objects.get()
    assert row.status == "queued" and row.attempts == 0 and sorted(row.recipients) == ["a@example.org", "b@example.org", "hidden@example.org"]

    call_command("worker", batch=True, verbosity=0)  # the server is down: kept, to be retried later
    row.refresh_from_db()
    assert row.status == "queued" and row.attempts == 1 and row.next_attempt_at > timezone.now()
    assert "Connection" in row.last_error

    mailbox = dead_then_alive()  # the mail server comes back
    OutboxMessage.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())  # its backoff has passed
    call_command("worker", batch=True, verbosity=0)  # the worker's sweep and task deliver it
    row.refresh_from_db()
    assert row.status == "sent" and row.attempts == 2 and row.sent_at
    [arrived] = mailbox.wait_for(1)
    assert sorted(arrived["to"]) == ["a@example.org", "b@example.org", "hidden@example.org"]
    received = arrived["message"]
    assert received["Subject"] == "Réunion: ordre du jour" and received["Reply-To"] == "reply@example.org"
    assert received["List-Unsubscribe"] == "<https://example.org/u/1>" and "Bcc" not in received
    assert received.get_body(preferencelist=("html",)).get_content().strip() == "<p>HTML</p>"
    [attachment] = list(received.iter_attachments())
    assert attachment.get_filename() == "agenda.csv" and "Opening" in attachment.get_content()

    call_command("worker", batch=True, verbosity=0)  # nothing is sent twice
    assert len(mailbox.messages) == 1


@pytest.mark.django_db
def test_backoff_doubles_and_the_last_attempt_marks_it_failed(settings, dead_then_alive):
    settings.OUTBOX_MAX_ATTEMPTS, settings.OUTBOX_RETRY_SECONDS = 3, 10
    mail.send_mail("Hello", "Body", None, ["x@example.org"])  # immediate tasks: first attempt now
    row = OutboxMessage.objects.get()
    delays = []
    for _ in range(2):
        row.refresh_from_db()
        delays.append(round((row.next_attempt_at - row.last_attempt_at).total_seconds()))
        OutboxMessage.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
        outbox.deliver(row.pk)
    row.refresh_from_db()
    assert delays == [10, 20]
    assert row.status == "failed" and row.attempts == 3 and row.next_attempt_at is None
    assert outbox.deliver(row.pk) == "not due"  # a failed message waits for a person to retry it


@pytest.mark.django_db
def test_the_secretariat_sees_failures_and_retries_them(settings, dead_then_alive, client_as, roles):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    mail.send_mail("Notice", "Body", None, ["x@example.org"])
    row = OutboxMessage.objects.get()
    assert row.status == "failed"
    for role in ("anonymous", "member", "chair"):
        assert client_as(roles[role]).get("/manage/outbox/").status_code in (302, 403)
    staff = client_as(roles["secretariat"])
    page = staff.get("/manage/outbox/?status=failed").content.decode()
    assert "Notice" in page and "x@example.org" in page and "Retry now" in page
    mailbox = dead_then_alive()
    response = staff.post(f"/manage/outbox/{row.pk}/retry/", follow=True)
    assert "queued to be sent again" in response.content.decode()
    row.refresh_from_db()
    assert row.status == "sent" and mailbox.wait_for(1)
    assert "already sent" in staff.post(f"/manage/outbox/{row.pk}/retry/", follow=True).content.decode()


@pytest.mark.django_db
def test_a_password_reset_is_queued_not_claimed_sent(settings, dead_then_alive, client, make_user):
    make_user("forgot@example.org")
    response = client.post("/accounts/password-reset/", {"email": "forgot@example.org"}, follow=True)
    assert response.status_code == 200 and "queued" in response.content.decode()
    row = OutboxMessage.objects.get(recipients=["forgot@example.org"])
    assert row.status == "queued" and row.last_error  # the server is down: kept for the next attempt


@pytest.mark.django_db
def test_stuck_sending_is_requeued_by_the_sweep(settings, smtp_server):
    row = outbox.store(mail.EmailMessage("Stuck", "Body", None, ["s@example.org"]))
    OutboxMessage.objects.filter(pk=row.pk).update(status="sending", last_attempt_at=timezone.now() - timedelta(hours=1))
    assert outbox.sweep() == 1
    row.refresh_from_db()
    assert row.status == "sent" and smtp_server.wait_for(1)


@pytest.mark.django_db
def test_daily_jobs_run_once_a_day_whatever_the_number_of_beats(settings, capsys):
    from liaison.core import schedule

    morning = timezone.now().replace(hour=8, minute=0)
    assert sorted(schedule.tick(morning)) == sorted(name for name, _c, _h in schedule.DAILY_JOBS)
    assert schedule.tick(morning) == [] and schedule.tick(morning + timedelta(hours=3)) == []
    assert ScheduledRun.objects.count() == len(schedule.DAILY_JOBS)
    assert "digest(s) sent" in ScheduledRun.objects.get(job="send-digests").output
    night = (morning + timedelta(days=1)).replace(hour=1)
    assert schedule.tick(night) == []  # before any job's hour
    assert schedule.tick(night.replace(hour=3)) == ["roster-expire"]
