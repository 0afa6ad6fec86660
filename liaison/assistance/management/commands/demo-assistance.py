"""Clearly synthetic requests, offers and initiatives for trying the coordination mechanism."""

from django.core.management.base import BaseCommand, CommandError

from liaison.core.models import Organization
from liaison.groups.models import Group


class Command(BaseCommand):
    help = ("Add synthetic assistance requests, offers and initiatives (\"Synthetic request 001\" …) to the demo; "
            "the mechanisms come from seed 004. Idempotent.")

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1540)

    def handle(self, *args, seed, **options):
        if not Group.objects.filter(slug="gpwg").exists() or not Organization.objects.filter(name="1540 Committee").exists():
            raise CommandError("Run `liaison demo` first: the mechanisms build on the GPWG and the 1540 Committee of seed 004.")
        from liaison.assistance.demo import load

        counts = load(seed)
        self.stdout.write(", ".join(f"{n} {name}" for name, n in counts.items()) + " (synthetic, marked as such).")
