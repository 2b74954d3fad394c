"""Benchmark: build a large site, then print per page type the SQL queries, median server time (cold and
cached), requests/s under gunicorn with 2 workers (wrk on loopback), requests/s through Varnish, a load test
without the page cache, Lighthouse scores and the page weight; at the end one Markdown table for the README.

    .venv/bin/python bench/run.py                # 10,000 news, 2,000 publications, 300 people, 2,000 events
    .venv/bin/python bench/run.py --scale 0.01 --only queries,wrk --wrk-seconds 2   # a quick look
    .venv/bin/python bench/run.py --only lighthouse --pages Startseite,Meldung
    DATABASE_URL=postgres://… .venv/bin/python bench/run.py   # on PostgreSQL

Stages (--only, comma-separated; all by default):
    queries     SQL queries, median server time cold and cached (in process), HTML size
    wrk         requests/s under gunicorn with 2 workers, without and with the page cache (16 connections)
    cpu         home, a post, the news index and the RSS feed under gunicorn with 2 and 4 workers, uncached and
                cached: requests/s and the workers' CPU time per request (from /proc)
    weight      page weight (HTML, CSS, JS, fonts) of the home page and a news post
    proxy       requests/s through Varnish (deploy/varnish.vcl) in front of gunicorn (64 connections)
    load        --load-seconds at 64 connections against gunicorn without the page cache: home page and
                all page types in turn (bench/mixed.lua); req/s, latency p50/p99 and every error
    lighthouse  Lighthouse mobile scores of every HTML page type, and the audits that fail

The site lives in bench/var/ (SQLite) and is reused on the next run. Needs `wrk` (apt-get install wrk),
`varnishd` (apt-get install varnish), Debian's `chromium` and Lighthouse (npm ci --prefix bench).
"""

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "bench" / "var"
STAGES = ("queries", "wrk", "cpu", "weight", "proxy", "load", "lighthouse")
CPU_PAGES = ("Startseite", "Meldung", "Aktuelles (Liste)", "RSS-Feed")
LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CHROME = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
TIMEOUT = 30  # seconds: gunicorn's worker timeout, and wrk's in the load test
CATEGORIES = {
    "performance": "Leistung",
    "accessibility": "Barrierefreiheit",
    "best-practices": "Best Practices",
    "seo": "SEO",
}


def setup_django():
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{VAR / 'bench.sqlite3'}")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "ikpe_site.settings.test",
            "VAR_DIR": str(VAR),
            "MEDIA_ROOT": str(VAR / "media"),
            "PAGE_CACHE_SECONDS": "0",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build(scale):
    from django.core.management import call_command

    from bench.generate import generate

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", force=True, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    started = time.time()
    made = generate(
        news=int(10_000 * scale), publications=int(2_000 * scale), people=int(300 * scale), events=int(2_000 * scale)
    )
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


def timed_requests(client, path, repeats, budget_seconds=10):
    """Milliseconds of `repeats` requests; fewer (at least one) for a page slower than the time budget."""
    times = []
    while len(times) < repeats and sum(times) < budget_seconds * 1000:
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    return times


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
        cold = timed_requests(client, path, repeats)
        with override_settings(PAGE_CACHE_SECONDS=300):
            cache.clear()
            client.get(path)
            cached = timed_requests(client, path, repeats)
        rows[name] = {
            "queries": len(queries),
            "cold_ms": statistics.median(cold),
            "cached_ms": statistics.median(cached),
            "html_kb": len(response.content) / 1024,
        }
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


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, process, seconds=120):
    """Poll `url` until it answers 200 (Varnish needs a few good probes before it calls the app healthy)."""
    deadline = time.time() + seconds
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} ended with {process.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.time() > deadline:
            raise RuntimeError(f"{url} did not answer 200 within {seconds} s")
        time.sleep(0.5)


class Server(str):
    """A running server's base URL; `pid` is gunicorn's master process."""

    pid = None


def workers_cpu_seconds(master_pid):
    """User and system CPU time of the master's worker processes so far."""
    total = 0
    for pid in Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split():
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime and stime, in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


@contextmanager
def gunicorn(cache_seconds, production=False, workers=2):
    """The app under gunicorn with 2 sync workers; its log goes to bench/var/gunicorn.log.

    `production`: the production settings (hashed, pre-compressed static files with far-future caching, as
    WhiteNoise serves them after `collectstatic`), over plain HTTP on loopback and with media served by Django.
    """
    port = free_port()
    env = {**os.environ, "PAGE_CACHE_SECONDS": str(cache_seconds)}
    if production:
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "ikpe_site.settings.production",
                "SECURE_SSL_REDIRECT": "0",
                "SECRET_KEY": "bench-only-" + "x" * 50,
                "ALLOWED_HOSTS": "localhost,127.0.0.1",
                "WAGTAILADMIN_BASE_URL": os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000"),
                "SERVE_MEDIA": "1",
            }
        )
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
    with open(VAR / "gunicorn.log", "a") as log:
        log.write(f"\n--- {datetime.now():%Y-%m-%d %H:%M:%S} port {port}, PAGE_CACHE_SECONDS={cache_seconds}\n")
        log.flush()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "ikpe_site.wsgi",
                "-w",
                str(workers),
                "--timeout",
                str(TIMEOUT),
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
                "--control-socket",
                str(VAR / f"gunicorn-{port}.ctl"),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
        )
        try:
            wait_until_up(f"http://127.0.0.1:{port}/robots.txt", server)
            url = Server(f"http://127.0.0.1:{port}")
            url.pid = server.pid
            yield url
        finally:
            server.terminate()  # workers finish their current request; what wrk left in the queue is dropped
            try:
                server.wait(TIMEOUT + 15)  # gunicorn kills a worker stuck in a query after its graceful timeout
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@contextmanager
def varnish(app_url):
    """Varnish with deploy/varnish.vcl, both of its backends pointed at the one app server."""
    tmp = Path(tempfile.mkdtemp(prefix="ikpe-bench-varnish-"))
    tmp.chmod(0o755)  # varnishd's worker runs as an unprivileged user and needs its working folder
    vcl = re.sub(
        r'\.port = "\d+"', f'.port = "{app_url.rsplit(":", 1)[1]}"', (ROOT / "deploy" / "varnish.vcl").read_text()
    )
    (tmp / "bench.vcl").write_text(vcl)
    port = free_port()
    with open(VAR / "varnish.log", "w") as log:
        proxy = subprocess.Popen(
            [
                varnishd(),
                "-F",
                "-f",
                str(tmp / "bench.vcl"),
                "-a",
                f"127.0.0.1:{port}",
                "-n",
                str(tmp / "varnish"),
                "-s",
                "malloc,64m",
            ],
            stdout=log,
            stderr=log,
        )
        try:
            wait_until_up(f"http://127.0.0.1:{port}/robots.txt", proxy)
            yield f"http://127.0.0.1:{port}"
        finally:
            proxy.terminate()
            proxy.wait(30)
            shutil.rmtree(tmp, ignore_errors=True)


def varnishd():
    return shutil.which("varnishd") or ("/usr/sbin/varnishd" if os.path.exists("/usr/sbin/varnishd") else None)


def wrk(url, seconds, connections, paths=None, timeout=2):
    """Run wrk (2 threads, Host: localhost); with `paths`, bench/mixed.lua cycles through them.

    wrk counts an answer slower than `timeout` seconds as a timeout error (and leaves it out of the latency).
    """
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        f"--timeout={timeout}s",
        "--latency",
        "-H",
        "Host: localhost",
    ]
    if paths:
        command += ["-s", str(ROOT / "bench" / "mixed.lua"), url, "--", *paths]
    else:
        command.append(url)
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    counts = {
        kind: int(sockets.group(number)) if sockets else 0
        for number, kind in enumerate(("connect", "read", "write", "timeout"), start=1)
    }
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    counts["Status ≥ 400"] = int(non_2xx.group(1)) if non_2xx else 0
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50": re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1),
        "p99": re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1),
        "errors": sum(counts.values()),
        "detail": ", ".join(f"{kind} {n}" for kind, n in counts.items()),
    }


def warm_up(url, connections):
    subprocess.run(["wrk", "-t2", f"-c{connections}", "-d1s", "-H", "Host: localhost", url], capture_output=True)


def requests_per_second(paths, seconds):
    """A fresh server for every page type, so a page that is too slow for wrk does not slow down the next one."""
    results = {}
    for cache_seconds, column in ((0, "cold"), (300, "cached")):
        for name, path in paths.items():
            with gunicorn(cache_seconds) as base:
                warm_up(base + path, 4)
                results.setdefault(name, {})[column] = wrk(base + path, seconds, 16)
    return results


def cpu_per_request(paths, seconds):
    """req/s and the workers' CPU ms per request, by worker count, page cache off and on (16 connections)."""
    results = {}
    for workers in (2, 4):
        for cache_seconds, column in ((0, "ungecacht"), (300, "gecacht")):
            with gunicorn(cache_seconds, workers=workers) as base:
                for name, path in paths.items():
                    if name not in CPU_PAGES:
                        continue
                    warm_up(base + path, 4)
                    before = workers_cpu_seconds(base.pid)
                    result = wrk(base + path, seconds, 16)
                    used = workers_cpu_seconds(base.pid) - before
                    result["cpu_ms"] = 1000 * used / max(result["requests"], 1)
                    results[(name, workers, column)] = result
    return results


def through_proxy(paths, seconds):
    """req/s through Varnish for the home page and a news post (the app behind it caches for 300 s)."""
    if not varnishd():
        print("varnishd fehlt (apt-get install varnish): Proxy nicht gemessen")
        return {}
    results = {}
    with gunicorn(300) as base, varnish(base) as proxy:
        for name in [name for name in ("Startseite", "Meldung") if name in paths]:
            request = urllib.request.Request(proxy + paths[name], headers={"Host": "localhost"})
            for _ in range(2):  # the first request fills the cache
                with urllib.request.urlopen(request, timeout=30) as response:
                    hit = response.headers.get("X-Front-Cache")
            if hit != "HIT":
                print(f"Warnung: Varnish cacht {paths[name]} nicht (X-Front-Cache: {hit})")
            warm_up(proxy + paths[name], 64)  # Varnish starts its worker threads
            results[name] = wrk(proxy + paths[name], seconds, 64)
    return results


def load_test(paths, seconds):
    """64 connections for `seconds` against gunicorn (2 workers) without the page cache.

    64 connections queue for 2 workers, so an answer waits for about 32 others: wrk's timeout is therefore
    TIMEOUT (gunicorn's worker timeout) instead of its default 2 s; the p99 latency shows the queue.
    """
    results = {}
    with gunicorn(0) as base:
        warm_up(base + "/", 2)
        results["Startseite"] = wrk(base + "/", seconds, 64, timeout=TIMEOUT)
        results[f"Gemischt ({len(paths)} Seitentypen im Wechsel)"] = wrk(
            base + "/", seconds, 64, paths=list(paths.values()), timeout=TIMEOUT
        )
    return results


def lighthouse(paths):
    """Lighthouse (mobile, simulated throttling) on every HTML page type: production settings, page cache on."""
    if not LIGHTHOUSE.exists():
        print("Lighthouse fehlt (npm ci --prefix bench): nicht gemessen")
        return {}
    from django.utils.text import slugify

    (VAR / "lighthouse").mkdir(exist_ok=True)
    env = {**os.environ, "CHROME_PATH": CHROME}
    results = {}
    with gunicorn(300, production=True) as base:
        for name, path in paths.items():
            try:
                with urllib.request.urlopen(base + path, timeout=TIMEOUT + 5) as response:
                    if response.headers.get_content_type() != "text/html":
                        continue
            except OSError as error:
                results[name] = {"scores": {}, "failing": {}, "error": f"Seite antwortet nicht ({error})"}
                continue
            report = VAR / "lighthouse" / f"{slugify(name)}.json"
            # localhost, the site's host name: the canonical link then points to the same domain
            done = subprocess.run(
                [
                    str(LIGHTHOUSE),
                    base.replace("127.0.0.1", "localhost") + path,
                    "--output=json",
                    f"--output-path={report}",
                    "--quiet",
                    f"--chrome-flags={CHROME_FLAGS}",
                    "--only-categories=" + ",".join(CATEGORIES),
                ],
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            if done.returncode:
                results[name] = {"scores": {}, "failing": {}, "error": f"Lighthouse: {done.stderr[-500:]}"}
                continue
            data = json.loads(report.read_text())
            scores = {key: round((category["score"] or 0) * 100) for key, category in data["categories"].items()}
            failing = {key: failing_audits(data, key) for key, score in scores.items() if score < 100}
            error = data.get("runtimeError")
            results[name] = {"scores": scores, "failing": failing, "error": error and error.get("message")}
    return results


def failing_audits(data, category):
    """Ids of the audits of a Lighthouse category that did not pass (diagnostics that cost points included)."""
    audits = [data["audits"][ref["id"]] for ref in data["categories"][category]["auditRefs"]]
    return [
        audit["id"]
        for audit in audits
        if audit["score"] is not None
        and audit["score"] < 1
        and audit["scoreDisplayMode"] not in ("informative", "manual")
    ]


def site_size():
    from events.models import EventPage
    from news.models import NewsPage
    from people.models import PersonPage
    from publications.models import PublicationPage

    counts = [
        (NewsPage, "Meldungen"),
        (PublicationPage, "Publikationen"),
        (PersonPage, "Personen"),
        (EventPage, "Termine"),
    ]
    return ", ".join(f"{model.objects.live().count():,} {label}".replace(",", ".") for model, label in counts)


def version(command):
    """The first version number a tool prints, e.g. 7.1.1 for `varnishd -V`."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except OSError:
        return "fehlt"
    found = re.search(r"\d+\.\d+(\.\d+)*", done.stdout + done.stderr)
    return found.group(0) if found else "?"


def database_version():
    from django.db import connection

    if connection.vendor == "postgresql":
        return f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"
    return f"SQLite {connection.Database.sqlite_version}"


def machine(load_at_start):
    import django
    import wagtail

    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    tools = [
        f"Python {platform.python_version()}",
        f"Django {django.get_version()}",
        f"Wagtail {wagtail.__version__}",
        database_version(),
        f"gunicorn {version([sys.executable, '-m', 'gunicorn', '--version'])}",
        f"wrk {version(['wrk', '-v'])}",
        f"Varnish {version([varnishd() or 'varnishd', '-V'])}",
        f"Chromium {version([CHROME, '--version'])}",
        f"Lighthouse {version([str(LIGHTHOUSE), '--version'])}",
    ]
    return (
        f"{os.cpu_count()} Kerne ({cpu.group(1) if cpu else platform.machine()}), "
        f"Last beim Start {' / '.join(f'{x:.2f}' for x in load_at_start)}, am Ende "
        f"{' / '.join(f'{x:.2f}' for x in os.getloadavg())} (1/5/15 min); " + ", ".join(tools)
    )


def with_errors(result):
    if not result:
        return "–"
    if not result["requests"]:
        return "0 (keine Antwort)"
    return f"{result['rps']:.0f}" + (f" ({result['errors']} Fehler)" if result["errors"] else "")


def report_cpu(cpu, seconds):
    print(
        f"\nCPU je Anfrage: gunicorn-Worker (Summe user+system aus /proc), wrk {seconds} s, 16 Verbindungen, "
        "wrk auf demselben Rechner\n"
    )
    print("| Seite | Worker | req/s ungecacht | CPU ms/Anfrage ungecacht | req/s gecacht | CPU ms/Anfrage gecacht |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, workers in dict.fromkeys((name, workers) for name, workers, _column in cpu):
        cold, cached = cpu[(name, workers, "ungecacht")], cpu[(name, workers, "gecacht")]
        print(
            f"| {name} | {workers} | {with_errors(cold)} | {cold['cpu_ms']:.2f} | {with_errors(cached)} | "
            f"{cached['cpu_ms']:.2f} |"
        )


def report(args, stages, paths, rows, rps, proxy, load, scores, load_at_start, cpu=None):
    print(f"\n## Benchmark {datetime.now():%Y-%m-%d %H:%M}\n")
    print(f"Befehl: `.venv/bin/python bench/run.py {shlex.join(sys.argv[1:])}`")
    print(f"\nRechner: {machine(load_at_start)}")
    print(
        f"\nDatenbank: {database_version()}, Umfang {args.scale:g} × (10.000 Meldungen, 2.000 Publikationen, "
        f"300 Personen, 2.000 Termine); in der Datenbank: {site_size()}. Server: gunicorn, 2 Sync-Worker, "
        f"--timeout {TIMEOUT}; wrk auf Loopback, 2 Threads. Lighthouse: mobil (Standard), simulierte "
        "Drosselung, Produktionseinstellungen (komprimierte statische Dateien), Seiten-Cache an (300 s).\n"
    )
    columns = [("Seite", lambda name: name)]
    if "queries" in stages:
        columns += [
            ("SQL-Abfragen", lambda name: str(rows[name]["queries"])),
            ("Median ungecacht (ms)", lambda name: f"{rows[name]['cold_ms']:.1f}"),
            ("Median gecacht (ms)", lambda name: f"{rows[name]['cached_ms']:.2f}"),
        ]
    if "wrk" in stages:
        columns += [
            (
                f"req/s ungecacht ({args.wrk_seconds} s, 16 Verb.)",
                lambda name: with_errors(rps.get(name, {}).get("cold")),
            ),
            ("req/s gecacht", lambda name: with_errors(rps.get(name, {}).get("cached"))),
        ]
    if "proxy" in stages:
        columns.append(
            (f"req/s über Varnish ({args.wrk_seconds} s, 64 Verb.)", lambda name: with_errors(proxy.get(name)))
        )
    if "queries" in stages:
        columns.append(("HTML (KB)", lambda name: f"{rows[name]['html_kb']:.1f}"))
    if "lighthouse" in stages:
        for key, label in CATEGORIES.items():
            columns.append(
                (f"Lighthouse {label}", lambda name, key=key: str(scores.get(name, {}).get("scores", {}).get(key, "–")))
            )
    if len(columns) > 1:
        print("| " + " | ".join(header for header, _ in columns) + " |")
        print("|---|" + "---:|" * (len(columns) - 1))
        for name in paths:
            print("| " + " | ".join(cell(name) for _, cell in columns) + " |")

    if cpu:
        report_cpu(cpu, args.wrk_seconds)
    if load:
        print(
            f"\nLasttest: {args.load_seconds} s, 64 Verbindungen, gunicorn mit 2 Workern ohne Seiten-Cache "
            f"(PAGE_CACHE_SECONDS=0); als Fehler zählen Verbindungsfehler, Antworten mit Status ≥ 400 und "
            f"Antworten nach mehr als {TIMEOUT} s (wrk --timeout {TIMEOUT}s)\n"
        )
        print("| Lasttest | Antworten | req/s | Latenz p50 | Latenz p99 | Fehler | davon |")
        print("|---|---:|---:|---:|---:|---:|---|")
        for name, result in load.items():
            print(
                f"| {name} | {result['requests']} | {result['rps']:.0f} | {result['p50']} | {result['p99']} | "
                f"{result['errors']} | {result['detail']} |"
            )
    if proxy:
        for name, result in proxy.items():
            print(
                f"\nVarnish, {name}: {result['rps']:.0f} req/s, p50 {result['p50']}, p99 {result['p99']}, "
                f"Fehler {result['errors']} ({result['detail']})"
            )
    if "weight" in stages:
        for name in ("Startseite", "Meldung"):
            if name in paths:
                sizes = page_weight(paths[name])
                total = sum(sizes.values()) / 1024
                parts = ", ".join(f"{kind} {size / 1024:.1f} KB" for kind, size in sorted(sizes.items()))
                print(f"\nSeitengewicht {name} (ohne Bilder, unkomprimiert): {total:.1f} KB ({parts})")
    if scores:
        print("\nLighthouse, nicht bestandene Audits der Kategorien unter 100 (Berichte in bench/var/lighthouse/):\n")
        for name, result in scores.items():
            problems = [f"Fehler: {result['error']}"] if result["error"] else []
            problems += [f"{CATEGORIES[key]}: {', '.join(ids)}" for key, ids in result["failing"].items() if ids]
            print(f"- {name}: {'; '.join(problems) or 'keine'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--wrk-seconds", type=int, default=5, help="Duration of each wrk run (stages wrk, proxy).")
    parser.add_argument("--load-seconds", type=int, default=60, help="Duration of each load test run.")
    parser.add_argument("--only", default=",".join(STAGES), help=f"Stages to run, comma-separated: {','.join(STAGES)}")
    parser.add_argument("--pages", help="Only these page types, comma-separated (e.g. Startseite,Meldung).")
    parser.add_argument("--rebuild", action="store_true", help="Start from an empty database.")
    args = parser.parse_args()
    stages = args.only.split(",")
    unknown = set(stages) - set(STAGES)
    if unknown:
        parser.error(f"unknown stages: {', '.join(sorted(unknown))}")
    if {"wrk", "cpu", "proxy", "load"} & set(stages) and not shutil.which("wrk"):
        parser.error("wrk fehlt (apt-get install wrk)")
    load_at_start = os.getloadavg()
    VAR.mkdir(parents=True, exist_ok=True)
    if args.rebuild and (VAR / "bench.sqlite3").exists():
        (VAR / "bench.sqlite3").unlink()
    setup_django()
    build(args.scale)
    paths = urls()
    if args.pages:
        paths = {name: path for name, path in paths.items() if name in args.pages.split(",")}
    rows = measure_in_process(paths, args.repeats) if "queries" in stages else {}
    rps = requests_per_second(paths, args.wrk_seconds) if "wrk" in stages else {}
    cpu = cpu_per_request(paths, args.wrk_seconds) if "cpu" in stages else {}
    proxy = through_proxy(paths, args.wrk_seconds) if "proxy" in stages else {}
    load = load_test(paths, args.load_seconds) if "load" in stages else {}
    scores = lighthouse(paths) if "lighthouse" in stages else {}
    report(args, stages, paths, rows, rps, proxy, load, scores, load_at_start, cpu)


if __name__ == "__main__":
    main()
