"""Benchmark: build a large site, then print per page type the SQL queries, median server time (cold and
cached), requests/s under gunicorn with 2 workers (wrk on loopback) and the page weight.

    .venv/bin/python bench/run.py                # 10,000 news, 2,000 publications, 300 people, 2,000 events
    .venv/bin/python bench/run.py --scale 0.1    # a tenth of that, for a quick look
    DATABASE_URL=postgres://… .venv/bin/python bench/run.py   # on PostgreSQL

The site lives in bench/var/ (SQLite) and is reused on the next run. Needs `wrk` (apt-get install wrk).
"""

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "bench" / "var"


def setup_django():
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{VAR / 'bench.sqlite3'}")
    os.environ.update({"DJANGO_SETTINGS_MODULE": "ikpe_site.settings.test", "VAR_DIR": str(VAR),
                       "MEDIA_ROOT": str(VAR / "media"), "PAGE_CACHE_SECONDS": "0"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build(scale):
    from django.core.management import call_command

    from bench.generate import generate

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", force=True, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    started = time.time()
    made = generate(news=int(10_000 * scale), publications=int(2_000 * scale), people=int(300 * scale),
                    events=int(2_000 * scale))
    print(f"Erzeugt: {made} in {time.time() - started:.0f} s")


def urls():
    from wagtail.models import Site

    from events.models import EventPage
    from news.models import NewsPage
    from people.models import PersonPage
    from projects.models import District, ProjectPage
    from publications.models import PublicationPage

    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    district = District.objects.order_by("name").first()
    return {
        "Startseite": "/",
        "Aktuelles (Liste)": "/aktuelles/",
        "Aktuelles (Jahr)": "/aktuelles/2023/",
        "Meldung": NewsPage.objects.live().order_by("-date").first().url,
        "RSS-Feed": "/aktuelles/feed/rss/",
        "Projekte": "/projekte/",
        "Projekt": ProjectPage.objects.live().get(slug__in=["arm", "armutspraevention"]).url
        if ProjectPage.objects.filter(slug__in=["arm", "armutspraevention"]).exists()
        else ProjectPage.objects.live().first().url,
        "Thema": "/themen/armutspraevention/",
        "Mein Landkreis": f"/mein-landkreis/{district.slug}/",
        "Team": "/team/",
        "Person": PersonPage.objects.live().get(slug="stefan-huber").url,
        "Kontakt": "/kontakt/",
        "Publikationen": "/publikationen/",
        "Publikation": PublicationPage.objects.live().order_by("-year").first().url,
        "Termine": "/termine/",
        "Termin": EventPage.objects.live().order_by("start").first().url,
        "Kalender (ics)": "/termine/kalender/",
        "Suche": "/suche/?q=Armutspr%C3%A4vention",
        "Standardseite": "/verein/",
        "sitemap.xml": "/sitemap.xml",
    }


def measure_in_process(paths, repeats):
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client, override_settings

    client = Client(HTTP_HOST="localhost")
    rows = {}
    for name, path in paths.items():
        client.get(path)  # warm the process (templates, site root)
        queries = []

        def record(execute, sql, *args, log=queries):
            log.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(record):
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        cold = []
        for _ in range(repeats):
            started = time.perf_counter()
            client.get(path)
            cold.append((time.perf_counter() - started) * 1000)
        with override_settings(PAGE_CACHE_SECONDS=300):
            cache.clear()
            client.get(path)
            cached = []
            for _ in range(repeats):
                started = time.perf_counter()
                client.get(path)
                cached.append((time.perf_counter() - started) * 1000)
        rows[name] = {"queries": len(queries), "cold_ms": statistics.median(cold),
                      "cached_ms": statistics.median(cached), "html_kb": len(response.content) / 1024}
    return rows


def page_weight(path):
    from django.contrib.staticfiles import finders
    from django.test import Client

    html = Client(HTTP_HOST="localhost").get(path).content.decode()
    assets = re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js|woff2?))"', html)
    sizes = {"html": len(html.encode())}
    for asset in set(assets):
        kind = asset.rsplit(".", 1)[1].replace("woff2", "font").replace("woff", "font")
        sizes[kind] = sizes.get(kind, 0) + os.path.getsize(finders.find(asset))
    return sizes


def requests_per_second(paths, seconds):
    wrk = shutil.which("wrk")
    if not wrk:
        print("wrk fehlt (apt-get install wrk): Durchsatz nicht gemessen")
        return {}
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    results = {}
    for cache_seconds in ("0", "300"):
        env = {**os.environ, "PAGE_CACHE_SECONDS": cache_seconds}
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "ikpe_site.wsgi", "-w", "2", "-b",
                                   f"127.0.0.1:{port}", "--log-level", "error", "--control-socket",
                                   str(VAR / "gunicorn.ctl")], cwd=ROOT, env=env)
        time.sleep(3)
        try:
            for name, path in paths.items():
                url = f"http://127.0.0.1:{port}{path}"
                subprocess.run([wrk, "-t1", "-c4", "-d1s", url], capture_output=True)
                out = subprocess.run([wrk, "-t2", "-c16", f"-d{seconds}s", "-H", "Host: localhost", url],
                                     capture_output=True, text=True).stdout
                rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
                errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
                results.setdefault(name, {})["cached" if cache_seconds != "0" else "cold"] = (
                    rps, int(errors.group(1)) if errors else 0)
        finally:
            server.terminate()
            server.wait(10)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--wrk-seconds", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="Start from an empty database.")
    args = parser.parse_args()
    VAR.mkdir(parents=True, exist_ok=True)
    if args.rebuild and (VAR / "bench.sqlite3").exists():
        (VAR / "bench.sqlite3").unlink()
    setup_django()
    build(args.scale)
    paths = urls()
    rows = measure_in_process(paths, args.repeats)
    rps = requests_per_second(paths, args.wrk_seconds)
    from django.db import connection

    print(f"\nDatenbank: {connection.vendor}, Umfang: {args.scale:g} × (10.000 Meldungen, 2.000 Publikationen, "
          f"300 Personen, 2.000 Termine)\n")
    print("| Seite | SQL-Abfragen | Median ungecacht (ms) | Median gecacht (ms) | req/s ungecacht | req/s gecacht |"
          " HTML (KB) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, row in rows.items():
        cold, cached = rps.get(name, {}).get("cold", ("–", 0)), rps.get(name, {}).get("cached", ("–", 0))
        fmt = lambda v: f"{v[0]:.0f}" + (f" ({v[1]} Fehler)" if v[1] else "") if v[0] != "–" else "–"  # noqa: E731
        print(f"| {name} | {row['queries']} | {row['cold_ms']:.1f} | {row['cached_ms']:.2f} | {fmt(cold)} | "
              f"{fmt(cached)} | {row['html_kb']:.1f} |")
    for name in ("Startseite", "Meldung"):
        sizes = page_weight(paths[name])
        total = sum(sizes.values()) / 1024
        parts = ", ".join(f"{kind} {size / 1024:.1f} KB" for kind, size in sorted(sizes.items()))
        print(f"\nSeitengewicht {name} (ohne Bilder, unkomprimiert): {total:.1f} KB ({parts})")


if __name__ == "__main__":
    main()
