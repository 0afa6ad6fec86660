from django.core.management.base import BaseCommand, CommandError

from liaison.core.backups import BackupError, restore


class Command(BaseCommand):
    help = "Rebuild an empty, migrated installation from an archive written by `liaison backup`."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the archive written by `liaison backup`")

    def handle(self, path, **options):
        try:
            manifest = restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"Restored {rows} rows and {len(manifest['files'])} files from the backup of {manifest['created']}.")
