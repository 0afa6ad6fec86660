from django.conf import settings
from django.core.management.base import BaseCommand

from liaison.demo.services import DEMO_ACCOUNTS, load_demo


class Command(BaseCommand):
    help = "Load the demo groups, meetings and accounts built from the seed documents (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--no-accounts", action="store_true", help="Do not create the demo login accounts.")

    def handle(self, *args, no_accounts=False, **options):
        groups = load_demo(accounts=not no_accounts)
        for group in groups:
            self.stdout.write(f"  {group.name}: {group.meetings.count()} meetings")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        if not no_accounts:
            self.stdout.write(f"Demo accounts (password {settings.DEMO_PASSWORD!r}):")
            for email, *_ in DEMO_ACCOUNTS:
                self.stdout.write(f"  {email}")
