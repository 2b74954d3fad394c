"""Newsletter benchmark: queue and send 10,000 mails to a local SMTP sink; prints mails per second and the
peak memory of the sending process. Then the site's response times while a send runs: the demo site under
gunicorn (2 workers, no page cache), one client requesting a few page types in turn, first without a send, then
while `run_scheduler` sends 10,000 mails (at the default throttle and unthrottled), then once more without;
median and p95 per page and the ratio to the time without a send.

    .venv/bin/python bench/newsletter.py [--count 10000] [--site-seconds 40] [--rates 20,0]

Uses a fresh SQLite file (or DATABASE_URL, e.g. a scratch PostgreSQL database) and aiosmtpd's discarding sink
in its own process, so the numbers are those of one scheduler talking SMTP.
"""

import argparse
import os
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
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
    parser.add_argument("--site-seconds", type=float, default=40, help="per condition; 0 skips the site part")
    parser.add_argument("--rates", default="20,0", help="mails/s of the scheduler while measuring (0: unthrottled)")
    parser.add_argument("--site-only", action="store_true", help="skip the throughput part")
    parser.add_argument("--nice", type=int, default=0, help="run the scheduler and the sink at this niceness")
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
        preexec_fn=lambda: os.nice(args.nice),
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
        if not args.site_only:
            started = time.perf_counter()
            outbox.queue_mailing(
                Page.get_first_root_node(), "issue", "Benchmark", html, text, outbox.recipients([], [])
            )
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
        if args.site_seconds:
            site_while_sending(args, [float(rate) for rate in args.rates.split(",")])
    finally:
        sink.terminate()
        sink.wait()


def timings(base, paths, seconds):
    """Milliseconds per page: one client requesting the pages in turn for `seconds`."""
    times = {name: [] for name in paths}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for name, path in paths.items():
            started = time.perf_counter()
            with urllib.request.urlopen(base + path, timeout=30) as response:
                response.read()
                assert response.status == 200, (path, response.status)
            times[name].append((time.perf_counter() - started) * 1000)
    return times


def median_p95(values):
    p95 = statistics.quantiles(values, n=20)[18] if len(values) > 1 else values[0]
    return statistics.median(values), p95


def site_while_sending(args, rates):
    from django.core.management import call_command
    from wagtail.models import Site

    from bench.run import VAR, gunicorn
    from news.models import NewsPage
    from newsletter import outbox
    from newsletter.mail import render_mailing
    from newsletter.models import Delivery

    call_command("load_demo_content", force=True, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    posts = list(NewsPage.objects.live().order_by("-date"))
    paths = {
        "Startseite": "/",
        "Aktuelles (Liste)": "/aktuelles/",
        "Meldung": posts[0].url,
        "Publikationen": "/publikationen/",
    }
    html, text = render_mailing("issue", {"subject": "Benchmark", "intro": "", "entries": [], "date": ""})
    VAR.mkdir(exist_ok=True)
    results, sent = [], {}
    load = [os.getloadavg()[0]]
    with gunicorn(0) as base:
        timings(base, paths, 3)  # warm up both workers
        results.append(("ohne Versand (vorher)", timings(base, paths, args.site_seconds)))
        for rate, post in zip(rates, posts[1:], strict=False):
            mailing = outbox.queue_mailing(post, "issue", "Benchmark", html, text, outbox.recipients([], []))
            env = {**os.environ, "NEWSLETTER_MAILS_PER_SECOND": str(rate), "NEWSLETTER_PASS_SECONDS": "100000"}
            scheduler = subprocess.Popen(
                [sys.executable, "manage.py", "run_scheduler"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                preexec_fn=lambda: os.nice(args.nice),
            )
            try:
                while not Delivery.objects.filter(mailing=mailing, status="sent").exists():
                    time.sleep(0.2)
                before = Delivery.objects.filter(mailing=mailing, status="sent").count()
                label = f"mit Versand ({rate:g} Mails/s)" if rate else "mit Versand (ungebremst)"
                results.append((label, timings(base, paths, args.site_seconds)))
                sent[label] = (Delivery.objects.filter(mailing=mailing, status="sent").count() - before) / (
                    args.site_seconds
                )
            finally:
                scheduler.send_signal(signal.SIGKILL)  # a pass ends only after its send; the rest is cancelled
                scheduler.wait()
            Delivery.objects.filter(mailing=mailing).exclude(status="sent").update(status="cancelled")
            load.append(os.getloadavg()[0])
        results.append(("ohne Versand (nachher)", timings(base, paths, args.site_seconds)))
    load.append(os.getloadavg()[0])
    baseline = {name: results[0][1][name] + results[-1][1][name] for name in paths}
    print(
        f"\nSite while sending: gunicorn 2 workers, no page cache, one client, {args.site_seconds:g} s per condition, "
        f"scheduler and sink at niceness {args.nice}, "
        f"load average {' / '.join(f'{value:.1f}' for value in load)}"
    )
    print("| Seite | Bedingung | Anfragen | Median ms | p95 ms | Median / ohne | p95 / ohne |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name in paths:
        base_median, base_p95 = median_p95(baseline[name])
        for label, times in results:
            median, p95 = median_p95(times[name])
            print(
                f"| {name} | {label} | {len(times[name])} | {median:.1f} | {p95:.1f} | "
                f"{median / base_median:.2f} | {p95 / base_p95:.2f} |"
            )
    for label, rate in sent.items():
        print(f"{label}: {rate:.0f} mails/s sent while measuring")


if __name__ == "__main__":
    main()
