import logging
import signal
import threading

from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections, connection, transaction
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction
from wagtail import hooks

logger = logging.getLogger(__name__)
LOCK_ID = 4_711_2026  # any constant shared by all schedulers of this site

# Wagtail hook: callables without arguments, run after publish_scheduled in every scheduler pass that holds the lock.
SCHEDULER_PASS_HOOK = "scheduler_pass"
# Wagtail hook: callables without arguments, run in every pass after the mail queue, without the lock.
SCHEDULER_SEND_HOOK = "scheduler_send"


class Command(BaseCommand):
    help = (
        "Run Wagtail's publish_scheduled and the due tasks of the queue (outgoing mail) every minute until "
        "stopped (SIGINT/SIGTERM)."
    )

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
            self.run_tasks()
            self.run_senders()
            if once or stop.wait(interval):
                break

    def run_once(self):
        """One pass; a database outage is logged and retried on the next pass instead of ending the runner.

        Several app servers may each run a scheduler: a lock lets only one of them publish at a time, so
        nothing is published twice. PostgreSQL: a transaction-level advisory lock; otherwise a lock in
        the shared cache (Redis or the database).
        """
        self.refresh_connection()
        try:
            with transaction.atomic():
                if not self.acquire_lock():
                    return False
                call_command("publish_scheduled", verbosity=0)
                # Apps add their own steps (e.g. editorial's "ist jetzt online" mails), run under the same lock.
                for step in hooks.get_hooks(SCHEDULER_PASS_HOOK):
                    step()
            return True
        except DatabaseError:
            logger.exception("publish_scheduled failed; retrying at the next interval")
            return False
        finally:
            self.refresh_connection()

    def run_tasks(self):
        """Run every task of the outbox queue that is due (mail, retries whose time has come), then return.

        Each task is claimed in a locked transaction (django-tasks' own `get_locked()` and `claim()`), so several
        schedulers (or a separate `manage.py db_worker`) never run one task twice; the worker's `run_task()` runs
        it and records the result. This is the loop of `Worker.run()` in batch mode, with our
        `refresh_connection()` between tasks instead of its unconditional `close_old_connections()`, which would
        close a caller's transaction (tests run in one).
        """
        worker = Worker(
            queue_names=["*"],
            excluded_queue_names=[],
            interval=0,
            batch=True,
            backend_name="outbox",
            startup_delay=False,
            max_tasks=None,
            worker_id=get_random_string(32),
        )
        ready = DBTaskResult.objects.ready().filter(backend_name="outbox")
        try:
            while True:
                self.refresh_connection()
                with exclusive_transaction(ready.db):
                    task = ready.get_locked()
                    if task is not None:
                        task.claim(worker.worker_id)
                if task is None:
                    break
                worker.run_task(task)
        except DatabaseError:
            logger.exception("The task queue could not be read; retrying at the next interval")
        finally:
            self.refresh_connection()

    def run_senders(self):
        """Apps' own sending steps (the newsletter outbox), after the queue, without the lock: each claims its
        own work, so several schedulers may run them at once."""
        for step in hooks.get_hooks(SCHEDULER_SEND_HOOK):
            self.refresh_connection()
            try:
                step()
            except DatabaseError:
                logger.exception("%s could not read the database; retrying at the next interval", step.__name__)
            finally:
                self.refresh_connection()

    @staticmethod
    def refresh_connection():
        """Drop a broken or old connection between passes (the database may have restarted meanwhile)."""
        if not connection.in_atomic_block:  # never inside a caller's transaction (tests run in one)
            close_old_connections()

    @staticmethod
    def acquire_lock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK_ID])
                return cursor.fetchone()[0]
        try:
            return caches["shared"].add("ikpe:scheduler-lock", True, timeout=50)
        except Exception:  # no cache: a single node, run anyway
            return True
