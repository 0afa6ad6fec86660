from datetime import timedelta

from django.core.management.base import BaseCommand

from liaison.meetings import invitations


class Command(BaseCommand):
    help = "Remind invitees who have not answered an open invitation for a week (run daily by `liaison worker`)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="days since the last e-mail (default 7)")

    def handle(self, *args, days=7, **options):
        due = invitations.due_for_reminder(every=timedelta(days=days))
        meetings = {i.meeting for i in due.select_related("meeting")}
        total = sum(invitations.remind(meeting, among=due) for meeting in meetings)
        self.stdout.write(f"{total} reminder(s) sent for {len(meetings)} meeting(s).")
