from django.core.management.base import BaseCommand

from liaison.core import prune


class Command(BaseCommand):
    help = (
        "Delete finished operational rows past their age: e-mails sent and successful task results older than "
        "LIAISON_PRUNE_DAYS (default 30), failed ones older than LIAISON_PRUNE_FAILED_DAYS (default 90), finished "
        "jobs with their files, old daily-run records. The worker runs it once a day."
    )

    def handle(self, *args, **options):
        counts = prune.prune()
        self.stdout.write("Pruned " + ", ".join(f"{n} {kind}" for kind, n in counts.items()) + ".")
