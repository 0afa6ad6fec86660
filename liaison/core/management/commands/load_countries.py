from django.core.management.base import BaseCommand

from liaison.core.services import load_countries


class Command(BaseCommand):
    help = "Create or update the ISO 3166 countries with their UN regional groups and M49 regions."

    def handle(self, *args, **options):
        count = load_countries()
        self.stdout.write(self.style.SUCCESS(f"{count} countries loaded."))
