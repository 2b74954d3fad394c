from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from ikpe_site.core import demo


class Command(BaseCommand):
    help = "Load the IKPE demo content built from the seeds. Idempotent: a second run changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off (tests, staging).")

    def handle(self, *args, force=False, **options):
        if not (settings.DEBUG or force):
            raise CommandError("Demo content is for development only (DEBUG is off). Use --force to insist.")
        with transaction.atomic():
            ctx = demo.load({})
            # INSTALLED_APPS order follows the dependencies: people, projects, publications, news, events, …
            for config in apps.get_app_configs():
                if config.label != "core" and module_has_submodule(config.module, "demo"):
                    __import__(f"{config.name}.demo", fromlist=["load"]).load(ctx)
            demo.order_menu(ctx)
        self.stdout.write(self.style.SUCCESS("Demo-Inhalte sind geladen."))
