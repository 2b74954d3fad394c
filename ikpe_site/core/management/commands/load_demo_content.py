from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ikpe_site.core import demo_loader


class Command(BaseCommand):
    help = "Load the IKPE demo content from ikpe_site/core/demo_data/*.yaml. Idempotent: a second run changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off (tests, staging).")

    def handle(self, *args, force=False, **options):
        if not (settings.DEBUG or force):
            raise CommandError("Demo content is for development only (DEBUG is off). Use --force to insist.")
        with transaction.atomic():
            demo_loader.load_all()
        self.stdout.write(self.style.SUCCESS("Demo-Inhalte sind geladen."))
