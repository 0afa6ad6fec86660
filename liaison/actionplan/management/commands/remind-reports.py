from datetime import date

from django.core.management.base import BaseCommand, CommandError

from liaison.actionplan.reporting import REMINDER_DAYS, send_reminders


class Command(BaseCommand):
    help = (
        f"E-mail the focal points of Parties that have not submitted their report in an open cycle, "
        f"{', '.join(map(str, REMINDER_DAYS))} days before its deadline. Run daily; each reminder is sent "
        "once, however often the command runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="the date to act as of (YYYY-MM-DD); default today")

    def handle(self, *args, today=None, **options):
        try:
            when = date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError(f"--today must be a date as YYYY-MM-DD, not {today!r}") from None
        sent = send_reminders(when)
        self.stdout.write(f"{sent} reminder e-mail(s) sent.")
