from django.core.management.base import BaseCommand

from liaison.core.backups import backup


class Command(BaseCommand):
    help = "Write one archive (.tar.gz) with every database row and every uploaded file."

    def add_arguments(self, parser):
        parser.add_argument("path", help="where to write the archive, e.g. /backups/liaison-2026-11-23.tar.gz")

    def handle(self, path, **options):
        manifest = backup(path)
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"Wrote {path}: {rows} rows of {len(manifest['rows'])} tables, {len(manifest['files'])} files.")
