import logging
import signal
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run Wagtail's publish_scheduled every minute until stopped (SIGINT/SIGTERM)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds between runs (default 60).")
        parser.add_argument("--once", action="store_true", help="Run a single time and exit (cron, systemd timer).")

    def handle(self, *args, interval=60.0, once=False, **options):
        stop = threading.Event()
        if not once:
            for sig in (signal.SIGINT, signal.SIGTERM):
                signal.signal(sig, lambda *_: stop.set())
            self.stdout.write(f"Zeitgesteuertes Veröffentlichen läuft (alle {interval:g} s). Beenden mit Strg+C.")
        while True:
            self.run_once()
            if once or stop.wait(interval):
                break

    def run_once(self):
        """One pass; a database outage is logged and retried on the next pass instead of ending the runner."""
        close_old_connections()
        try:
            call_command("publish_scheduled", verbosity=0)
        except DatabaseError:
            logger.exception("publish_scheduled failed; retrying at the next interval")
        finally:
            close_old_connections()
