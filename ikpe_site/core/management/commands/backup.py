from datetime import datetime

from django.conf import settings
from django.core.management.base import BaseCommand

from ikpe_site.core.backup import create_backup


class Command(BaseCommand):
    help = "Write database and media into one tar.gz (default: var/backups/ikpe-<time>.tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Path of the archive to write.")

    def handle(self, *args, output=None, **options):
        if not output:
            folder = settings.VAR_DIR / "backups"
            folder.mkdir(parents=True, exist_ok=True)
            folder.chmod(0o700)  # the archives hold password hashes, sessions and form submissions
            output = folder / f"ikpe-{datetime.now():%Y-%m-%d-%H%M%S}.tar.gz"
        path = create_backup(output)
        self.stdout.write(self.style.SUCCESS(f"Sicherung geschrieben: {path}"))
