from django.core.management.base import BaseCommand

from liaison.roster import services


class Command(BaseCommand):
    help = "Take records past their re-confirmation date off the roster and ask their experts to re-confirm (run daily)."

    def handle(self, *args, **options):
        self.stdout.write(f"{services.expire_due()} record(s) expired; their experts were asked to re-confirm.")
