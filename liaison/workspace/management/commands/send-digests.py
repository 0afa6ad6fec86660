from django.core.management.base import BaseCommand

from liaison.workspace import notify


class Command(BaseCommand):
    help = "Send each digest subscriber the workspace posts since their last digest (run daily)."

    def handle(self, *args, **options):
        self.stdout.write(f"{notify.send_digests()} digest(s) sent.")
