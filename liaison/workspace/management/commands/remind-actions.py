from django.core.management.base import BaseCommand

from liaison.workspace.notify import remind_overdue_actions


class Command(BaseCommand):
    help = "E-mail the owners of overdue follow-up actions (at most once a day per action)."

    def handle(self, *args, **options):
        self.stdout.write(f"{remind_overdue_actions()} reminder(s) sent.")
