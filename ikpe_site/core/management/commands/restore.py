import sqlite3
import subprocess

from django.core.management.base import BaseCommand, CommandError

from ikpe_site.core.backup import restore_backup


class Command(BaseCommand):
    help = "Replace database and media with the contents of a backup archive made by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        try:
            restore_backup(archive)
        except (OSError, ValueError, sqlite3.DatabaseError, subprocess.CalledProcessError) as error:
            raise CommandError(f"Wiederherstellung fehlgeschlagen: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Wiederhergestellt aus {archive}"))
