"""Browser tests: Debian's Chromium driven by Playwright against gunicorn serving a fresh demo database."""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg
import pytest

from tests.servers import wait_for_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
USERS = {"redaktion": "Redaktion", "kommunikation": "Kommunikation"}
# One page of every page type (plus the search and a 404). Detail pages whose slugs the demo content does not fix
# are found through their listing (DETAIL_PAGES); `page_type_paths` returns both. A new page type joins here,
# and with it every check that walks the list (axe, privacy); test_browser_trust checks the list is complete.
PAGE_TYPES = {
    "Startseite": "/",
    "Standardseite": "/verein/",
    "Themenübersicht": "/themen/",
    "Thema": "/themen/armutspraevention/",
    "Aktuelles": "/aktuelles/",
    "Meldung": "/aktuelles/filmbeitraege-integrierte-sozialplanung/",  # has a video
    "Projekte": "/projekte/",
    "Team": "/team/",
    "Person": "/team/stefan-huber/",
    "Kontakt": "/kontakt/",
    "Rückmeldeformular": "/barrierefreiheit/rueckmeldung/",
    "Publikationen": "/publikationen/",
    "Termine": "/termine/",
    "Termin": "/termine/arbeitskreis-sozialplanung-2020/",  # the demo has past events only (the seeds' own)
    "Mein Landkreis": "/mein-landkreis/",
    "Suche": "/suche/?q=Armutspr%C3%A4vention",
    "404": "/gibt-es-nicht/",
}
DETAIL_PAGES = {
    "Projekt": ("/projekte/", r"^/projekte/[a-z0-9-]+/$"),
    "Publikation": ("/publikationen/", r"^/publikationen/[a-z0-9-]+/$"),
    "Landkreis": ("/mein-landkreis/", r"^/mein-landkreis/[a-z0-9-]+/$"),
}
PASSWORD = "browser-test-passwort-1"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(tmp):
    """A database of its own for the server: a SQLite file, or a new database on the PostgreSQL server in use."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp}/browser.sqlite3", lambda: None
    base, _, _name = url.rpartition("/")
    name = f"ikpe_browser_{os.getpid()}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{base}/{name}", drop


@pytest.fixture(scope="session")
def live_site():
    """Base URL of a gunicorn server with the demo content and two editorial users."""
    tmp = Path(tempfile.mkdtemp(prefix="ikpe-browser-"))
    database_url, drop_database = _database_url(tmp)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ikpe_site.settings.test",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(tmp / "media"),
        "VAR_DIR": str(tmp),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "load_demo_content", "--force"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    port = _free_port()
    script = (
        "from django.contrib.auth import get_user_model; from django.contrib.auth.models import Group;"
        "from wagtail.models import Site; U = get_user_model();"
        f"Site.objects.filter(is_default_site=True).update(hostname='127.0.0.1', port={port});"
        # A video for the two-click tests (the seeds name films but give no addresses): test data, not demo.
        "from news.models import NewsPage; p = NewsPage.objects.get(slug='filmbeitraege-integrierte-sozialplanung');"
        "p.body.append(('video', {'url': 'https://www.youtube.com/watch?v=abcdefghijk', 'title': 'Testvideo',"
        " 'description': '', 'poster': None})); p.save_revision().publish();"
        + "".join(
            f"u = U.objects.create_user('{name}', password='{PASSWORD}');"
            f"u.groups.add(Group.objects.get(name='{group}'));"
            for name, group in USERS.items()
        )
    )
    subprocess.run([*manage, "shell", "-v0", "-c", script], env=env, check=True, cwd=ROOT)
    log = open(tmp / "server.log", "w")  # noqa: SIM115 - stays open while the server runs
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "ikpe_site.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--access-logfile",
            "-",
            "--error-logfile",
            "-",
            "--control-socket",
            str(tmp / "gunicorn.ctl"),
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_for_port(port, server, log=tmp / "server.log")
    except Exception:
        server.terminate()
        raise
    yield {"url": base_url, "env": env, "manage": manage, "tmp": tmp}
    server.terminate()
    server.wait(10)
    log.close()
    drop_database()
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium fehlt: `apt-get install chromium` (oder `make test SKIP_BROWSER=1`).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_site):
    context = browser.new_context(base_url=live_site["url"], locale="de-DE", timezone_id="Europe/Berlin")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def _first_link(page, index_path, pattern):
    page.goto(index_path)
    hrefs = page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))")
    return next(href for href in hrefs if re.match(pattern, href))


def page_type_paths(page):
    """{name: path} for every page type: PAGE_TYPES, and the first detail page linked from each listing."""
    paths = dict(PAGE_TYPES)
    for name, (index_path, pattern) in DETAIL_PAGES.items():
        paths[name] = _first_link(page, index_path, pattern)
    return paths


def axe_violations(page):
    """Run axe-core with the WCAG 2.1 A/AA rules; return a readable list of violations."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    results = Axe().run(page, options=options)
    return [
        f"{v['id']}: {v['help']} → {[node['target'] for node in v['nodes']][:5]}"
        for v in results.response["violations"]
    ]
