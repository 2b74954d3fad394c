"""The quick start shows the real site, and absolute addresses name the address that actually answers.

`make run` serves the production settings (ikpe_site/settings/local.py) under gunicorn: German error pages
without debug output, no server version, links on the served address. In production one configured base URL
(WAGTAILADMIN_BASE_URL, written into the site record by `migrate`) is in every link, whatever the Host header.
"""

import datetime
import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import feedparser
import pytest
from django.core.management import call_command

from tests.servers import free_port, wait_for_port

ROOT = Path(__file__).resolve().parents[1]
DEBUG_MARKERS = ("Traceback", "URLconf", "DEBUG = True", "django-admin/", "vorschau/", "Page not found")
BASE = "https://www.ikpe-erfurt.de"


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def _links(html):
    """{rel: [href, …]} of the page's <link> elements (and og:url as "og:url")."""
    links = {}
    for rel, href in re.findall(r'<link rel="([^"]+)"[^>]*?href="([^"]+)"', html):
        links.setdefault(rel, []).append(href)
    links["og:url"] = re.findall(r'<meta property="og:url" content="([^"]+)"', html)
    return links


@pytest.fixture(scope="module")
def make_run(tmp_path_factory):
    """`make run` on a free port, with its database, media and var/ in a temporary folder."""
    tmp = tmp_path_factory.mktemp("make-run")
    port = free_port()
    env = {
        **os.environ,
        "VAR_DIR": str(tmp),
        "MEDIA_ROOT": str(tmp / "media"),
        "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
    }
    for name in ("DJANGO_SETTINGS_MODULE", "WAGTAILADMIN_BASE_URL", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(name, None)  # as typed in a fresh shell, not inherited from `make test`
    log = tmp / "make-run.log"
    with open(log, "w") as out:
        # -o: never reinstall the virtualenv from a test, whatever the file times say
        process = subprocess.Popen(
            ["make", "--no-print-directory", "-o", ".venv/.installed", "run", f"PORT={port}", f"PY={sys.executable}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for_port(port, process, timeout=600, log=log)  # migrate and the demo content come first
        yield {"url": f"http://127.0.0.1:{port}", "log": log}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(60)


@pytest.mark.parametrize("path", ["/gibt-es-nicht/", "/static/nicht-da.css", "/media/nicht-da.jpg", "/%ff/"])
def test_make_run_answers_a_wrong_address_with_the_german_404(make_run, path):
    status, headers, body = _get(make_run["url"] + path)
    assert status == 404
    assert "Seite nicht gefunden" in body and '<html lang="de"' in body
    assert not [marker for marker in DEBUG_MARKERS if marker in body]
    assert not re.search(r"\d", headers.get("Server", "")), headers.get("Server")


def test_make_run_links_to_the_address_it_serves(make_run):
    base = make_run["url"]
    status, headers, html = _get(base + "/aktuelles/")
    assert status == 200
    assert not re.search(r"\d", headers.get("Server", "")), headers.get("Server")
    links = _links(html)
    assert links["canonical"] == [f"{base}/aktuelles/"]
    assert links["og:url"] == [f"{base}/aktuelles/"]
    feeds = links["alternate"]
    assert f"{base}/aktuelles/feed/rss/" in feeds and f"{base}/termine/kalender.ics" in feeds
    for url in feeds:  # every advertised feed answers where it says it is
        assert url.startswith(base + "/") and _get(url)[0] == 200, url
    feed = feedparser.parse(_get(f"{base}/aktuelles/feed/rss/")[2])
    assert feed.entries and all(entry.link.startswith(base + "/") for entry in feed.entries)
    # production static files: hashed names from the manifest, served by WhiteNoise
    stylesheet = next(href for href in links["stylesheet"] if href.startswith("/static/"))
    assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet), stylesheet
    assert _get(base + stylesheet)[0] == 200


def test_production_links_use_the_configured_base_url_never_the_host_header(client, demo_site, settings, freeze_clock):
    # The calendar feed carries the last year: travel to where the demo's events (2019/2020) are in it.
    freeze_clock(datetime.datetime(2020, 6, 1, 12, tzinfo=datetime.UTC))
    settings.WAGTAILADMIN_BASE_URL = BASE
    settings.ALLOWED_HOSTS = ["www.ikpe-erfurt.de", "ikpe-erfurt.de"]
    call_command("migrate", verbosity=0)  # as every deployment does: writes the base URL into the site record
    spoofed = {"HTTP_HOST": "ikpe-erfurt.de", "secure": True}

    html = client.get("/aktuelles/", **spoofed).content.decode()
    links = _links(html)
    assert links["canonical"] == [f"{BASE}/aktuelles/"] and links["og:url"] == [f"{BASE}/aktuelles/"]
    assert f"{BASE}/aktuelles/feed/rss/" in links["alternate"]
    assert all(url.startswith(BASE + "/") for url in links["alternate"])

    feed = feedparser.parse(client.get("/aktuelles/feed/atom/", **spoofed).content)
    assert feed.entries
    assert {link.href for link in feed.feed.links} == {f"{BASE}/aktuelles/", f"{BASE}/aktuelles/feed/atom/"}
    assert all(entry.link.startswith(f"{BASE}/aktuelles/") for entry in feed.entries)

    sitemap = client.get("/sitemap.xml", **spoofed).content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert f"{BASE}/" in locations and all(url.startswith(BASE + "/") for url in locations)
    robots = client.get("/robots.txt", **spoofed).content.decode()
    assert f"Sitemap: {BASE}/sitemap.xml" in robots
    calendar = client.get("/termine/kalender.ics", **spoofed).content.decode()
    event_urls = re.findall(r"^URL[^:]*:(.+?)\r?$", calendar, re.MULTILINE)
    assert event_urls and all(url.startswith(f"{BASE}/termine/") for url in event_urls)
    for body in (html, sitemap, robots, calendar):
        assert "://ikpe-erfurt.de" not in body and "testserver" not in body


def test_the_default_site_keeps_the_base_url_whoever_saves_it(home, settings):
    from wagtail.models import Site

    settings.WAGTAILADMIN_BASE_URL = BASE
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", 80  # what a demo loader or an edit in the admin might write
    site.save()
    site.refresh_from_db()
    assert (site.hostname, site.port, site.root_url) == ("www.ikpe-erfurt.de", 443, BASE)
    assert home.get_full_url() == f"{BASE}/"


def test_production_settings_require_the_base_url(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ikpe_site.settings.production",
        "VAR_DIR": str(tmp_path),
        "SECRET_KEY": "k" * 20 + "9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5",
        "WAGTAILADMIN_BASE_URL": "",
    }
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "WAGTAILADMIN_BASE_URL" in result.stderr
