"""Exactly once: 1,000 addresses, a scheduler killed in the middle of the send, then two schedulers (real
processes) at the same time. Every address receives the issue once; temporary failures are retried, a
refused address is reported as failed."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from email import message_from_bytes, policy
from pathlib import Path

import psycopg
import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

from .newsletter_utils import free_port

ROOT = Path(__file__).resolve().parents[1]
COUNT = 1000
KILL_AT = 300
FLAKY = {f"leser{n:04d}@example.org" for n in (10, 500, 900)}  # "451 try later" the first time
REFUSED = "leser0700@example.org"  # "550 no such user": reported, not retried


class CrashingSink:
    """A real SMTP server. At the KILL_AT-th message it kills the sending scheduler (SIGKILL) before saying
    "250": by SMTP's rules that message was not delivered, so the sink does not keep it."""

    def __init__(self):
        self.received = []
        self.kill_pid = None
        self.refused_once = set()
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())
        self.controller.start()
        self.port = self.controller.port

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == REFUSED:
            return "550 5.1.1 No such user"
        if address in FLAKY and address not in self.refused_once:
            self.refused_once.add(address)
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.kill_pid and len(self.received) + 1 == KILL_AT:
            os.kill(self.kill_pid, signal.SIGKILL)
            self.kill_pid = None
            return "421 4.3.0 Connection lost"
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.received.append((tuple(envelope.rcpt_tos), str(message["Subject"])))
        return "250 OK"

    def close(self):
        self.controller.stop()


SEED = f"""
from datetime import timedelta
from django.utils import timezone
from ikpe_site.core.models import HomePage
from newsletter.models import NewsletterIssuePage, NewsletterPage, Subscriber
now = timezone.now()
page = HomePage.objects.get().add_child(instance=NewsletterPage(title="Newsletter", slug="newsletter-abo"))
issue = page.add_child(instance=NewsletterIssuePage(title="Ausgabe Dezember", slug="ausgabe-dezember",
                                                    send_at=now - timedelta(minutes=1)))
issue.save_revision().publish()
Subscriber.objects.bulk_create([Subscriber(email=f"leser{{n:04d}}@example.org", confirmed_at=now,
                                           consent_version="test", consent_text="test", consented_at=now)
                                for n in range({COUNT})])
"""


def scheduler(env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_scheduler", "--once"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.fixture
def scratch_database(django_db_setup, django_db_blocker, tmp_path):
    """A copy of the test database (demo content) for the processes; the test's own database stays untouched."""
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":  # the in-memory test database, copied into a file
            path = tmp_path / "db.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(path)
            connection.connection.backup(target)
            target.close()
            yield f"sqlite:///{path}", lambda sql: sqlite3.connect(path).execute(sql).fetchall()
            return
        db = settings.DATABASES["default"]
        base = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}"
        name = f"{db['NAME']}_newsletter"
        connection.close()  # a template database must have no other sessions
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{db["NAME"]}"')

        def query(sql):
            with psycopg.connect(f"{base}/{name}") as conn:
                return conn.execute(sql).fetchall()

        try:
            yield f"{base}/{name}", query
        finally:
            with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_every_address_once_despite_crash_and_two_schedulers(scratch_database, tmp_path):
    database_url, query = scratch_database
    sink = CrashingSink()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ikpe_site.settings.test",
        "DATABASE_URL": database_url,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "NEWSLETTER_MAILS_PER_SECOND": "0",
        "NEWSLETTER_LEASE_SECONDS": "3",
        "NEWSLETTER_RETRY_SCALE": "0",
        "NEWSLETTER_PASS_SECONDS": "600",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    subprocess.run([sys.executable, "manage.py", "shell", "-v0", "-c", SEED], cwd=ROOT, env=env, check=True)
    try:
        first = scheduler(env)
        sink.kill_pid = first.pid
        first.wait(timeout=120)
        assert first.returncode == -signal.SIGKILL, first.stderr.read().decode()[-2000:]
        assert len(sink.received) == KILL_AT - 1
        time.sleep(3.5)  # the killed scheduler's lease runs out
        both = [scheduler(env), scheduler(env)]
        for process in both:
            process.wait(timeout=120)
            assert process.returncode == 0, process.stderr.read().decode()[-2000:]
    finally:
        sink.close()

    per_address = Counter(
        address for recipients, subject in sink.received for address in recipients if subject == "Ausgabe Dezember"
    )
    expected = {f"leser{n:04d}@example.org" for n in range(COUNT)} - {REFUSED}
    assert set(per_address) == expected
    assert max(per_address.values()) == 1  # nobody twice
    assert sink.refused_once == FLAKY  # these were refused once and delivered on the retry
    assert query("SELECT COUNT(*) FROM newsletter_mailing") == [(1,)]
    statuses = dict(query("SELECT status, COUNT(*) FROM newsletter_delivery GROUP BY status"))
    assert statuses == {"sent": COUNT - 1, "failed": 1}
    [(error,)] = query("SELECT last_error FROM newsletter_delivery WHERE status = 'failed'")
    assert "550" in error
