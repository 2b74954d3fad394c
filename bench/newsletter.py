"""Newsletter benchmark: queue and send 10,000 mails to a local SMTP sink; prints mails per second and the
peak memory of the sending process.

    .venv/bin/python bench/newsletter.py [--count 10000]

Uses a fresh SQLite file (or DATABASE_URL, e.g. a scratch PostgreSQL database) and aiosmtpd's discarding sink
in its own process, so the numbers are those of one scheduler talking SMTP, without any throttle.
"""

import argparse
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ikpe-bench-newsletter-"))
    port = free_port()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'db.sqlite3'}")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "ikpe_site.settings.test",
            "MEDIA_ROOT": str(tmp / "media"),
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(port),
            "NEWSLETTER_MAILS_PER_SECOND": "0",
        }
    )
    sink = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink"],
        stderr=subprocess.DEVNULL,
    )
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.utils import timezone
        from wagtail.models import Page

        from newsletter import outbox
        from newsletter.mail import render_mailing
        from newsletter.models import Delivery, Subscriber

        call_command("migrate", verbosity=0)
        now = timezone.now()
        Subscriber.objects.bulk_create(
            [
                Subscriber(
                    email=f"leser{n:05d}@example.org",
                    confirmed_at=now,
                    consent_version="bench",
                    consent_text="bench",
                    consented_at=now,
                )
                for n in range(args.count)
            ],
            batch_size=1000,
        )
        entries = [
            {
                "title": f"Beitrag {n}",
                "url": f"http://127.0.0.1:8000/aktuelles/beitrag-{n}/",
                "meta": "03.12.2026 · Pressemitteilung",
                "teaser": "Kurzer Anreißer. " * 10,
            }
            for n in range(8)
        ]
        html, text = render_mailing(
            "issue", {"subject": "Benchmark", "intro": "", "entries": entries, "date": "3. Dezember 2026"}
        )
        started = time.perf_counter()
        outbox.queue_mailing(Page.get_first_root_node(), "issue", "Benchmark", html, text, outbox.recipients([], []))
        queued = time.perf_counter() - started
        started = time.perf_counter()
        sent = outbox.send_due()
        seconds = time.perf_counter() - started
        assert sent == args.count == Delivery.objects.filter(status="sent").count()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"database: {django.db.connection.vendor}")
        print(f"queued {args.count} deliveries in {queued:.2f} s")
        print(f"sent {sent} mails in {seconds:.1f} s: {sent / seconds:.0f} mails/s")
        print(f"peak memory (RSS) of the sending process: {peak:.0f} MB")
    finally:
        sink.terminate()
        sink.wait()


if __name__ == "__main__":
    main()
