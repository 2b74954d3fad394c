"""One truth for every process: the production recipe (gunicorn, 3 workers, production settings) agrees on
what is public the moment another process changes it — on SQLite without Redis, and on PostgreSQL with
Redis. Each worker's page cache is warmed first, so a worker that kept a stale copy would show it.
"""

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
import requests
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
SECRET = "process-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
WORKERS = 3


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_serving(url, process, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn ended with exit code {process.returncode}")
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer 200 within {timeout} s")


def _databases():
    yield "sqlite"
    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        yield "postgres+redis"


@pytest.fixture(scope="module", params=list(_databases()))
def production(request):
    tmp = Path(tempfile.mkdtemp(prefix="ikpe-processes-"))
    tmp.chmod(0o755)
    processes, cleanup = [], []
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ikpe_site.settings.production",
        "SECRET_KEY": SECRET,
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "VAR_DIR": str(tmp),
        "MEDIA_ROOT": str(tmp / "media"),
        "STATIC_ROOT": str(tmp / "static"),
        "PAGE_CACHE_SECONDS": "300",
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "LOG_LEVEL": "WARNING",
    }
    port = _free_port()
    env["WAGTAILADMIN_BASE_URL"] = f"http://127.0.0.1:{port}"
    env.pop("REDIS_URL", None)
    if request.param == "postgres+redis":
        db = settings.DATABASES["default"]
        base = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}"
        name = f"ikpe_processes_{os.getpid()}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = f"{base}/{name}"

        def drop():
            with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        cleanup.append(drop)
        redis_server = shutil.which("redis-server") or pytest.fail("redis-server fehlt: apt-get install redis-server")
        redis_port = _free_port()
        processes.append(
            subprocess.Popen(
                [redis_server, "--port", str(redis_port), "--save", "", "--appendonly", "no", "--bind", "127.0.0.1"],
                stdout=subprocess.DEVNULL,
            )
        )
        env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    manage = [sys.executable, "manage.py"]
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["load_demo_content", "--force"],
    ):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "ikpe_site.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(WORKERS),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    processes.append(server)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(f"{base_url}/robots.txt", server)
        yield {"url": base_url, "env": env, "manage": manage, "tmp": tmp}
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(30)
        for step in cleanup:
            step()
        shutil.rmtree(tmp, ignore_errors=True)


def _shell(production, code):
    """Run `code` in another process, as an editor's worker, a shell or the scheduler would; its output."""
    return subprocess.run(
        [*production["manage"], "shell", "-v0", "-c", code],
        cwd=ROOT,
        env=production["env"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def _first_paragraph(html):
    main = html.split("<main", 1)[1]
    return main.split("<p>", 1)[1].split("</p>", 1)[0]


def _warm(url, requests_per_worker=12):
    """Enough parallel requests that every worker has served (and cached) the page."""
    with ThreadPoolExecutor(max_workers=WORKERS * 2) as pool:
        responses = list(pool.map(lambda _: requests.get(url, timeout=60), range(WORKERS * requests_per_worker)))
    assert {response.status_code for response in responses} == {200}
    assert "HIT" in {response.headers.get("X-Cache") for response in responses}
    return responses[0].text


def _all_show(url, check, deadline_seconds=3):
    """After at most `deadline_seconds`, 12 consecutive anonymous requests all pass `check`."""
    deadline = time.monotonic() + deadline_seconds
    while True:
        results = [requests.get(url, timeout=60) for _ in range(12)]
        if all(check(response) for response in results):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)


def test_every_worker_agrees_at_once_on_changes_made_by_other_processes(production):
    base = production["url"]
    # A post the scheduler is to publish: approved in the past, not yet live.
    _shell(
        production,
        (
            "from datetime import timedelta; from django.utils import timezone; from news.models import NewsPage, "
            "NewsIndexPage; index = NewsIndexPage.objects.get(); post = NewsPage(title='Prozesstest geplant', "
            "slug='prozesstest-geplant', live=False); index.add_child(instance=post); "
            "post.save_revision(approved_go_live_at=timezone.now() - timedelta(seconds=1))"
        ),
    )
    post_path = _shell(
        production, "from news.models import NewsPage; print(NewsPage.objects.live().order_by('-date').first().url)"
    )
    listing = _warm(f"{base}/aktuelles/")
    assert post_path.startswith("/aktuelles/") and f'href="{post_path}"' in listing
    _warm(f"{base}{post_path}")
    verein_text = _first_paragraph(_warm(f"{base}/verein/"))
    assert len(verein_text) > 20 and 'type="password"' not in _warm(f"{base}/verein/")
    assert "Prozesstest geplant" not in listing and "Prozess-Straße 1" not in _warm(f"{base}/")

    # Unpublish a post, restrict a page with a password, change the site settings shown on every page.
    _shell(
        production,
        (
            f"from wagtail.models import Page, PageViewRestriction; from ikpe_site.core.models import SiteSettings; "
            f"Page.objects.get(url_path__endswith='{post_path}').specific.unpublish(); "
            f"PageViewRestriction.objects.create(page=Page.objects.get(url_path__endswith='/verein/'), "
            f"restriction_type='password', password='geheim-123'); "
            f"settings = SiteSettings.objects.get(); settings.street = 'Prozess-Straße 1'; settings.save()"
        ),
    )
    # The scheduler, as its own process, publishes the scheduled post.
    subprocess.run([*production["manage"], "run_scheduler", "--once"], cwd=ROOT, env=production["env"], check=True)

    assert _all_show(f"{base}{post_path}", lambda response: response.status_code == 404)
    assert _all_show(
        f"{base}/aktuelles/",
        lambda response: f'href="{post_path}"' not in response.text and "Prozesstest geplant" in response.text,
    )
    assert _all_show(
        f"{base}/verein/", lambda response: verein_text not in response.text and 'type="password"' in response.text
    )
    assert _all_show(f"{base}/", lambda response: "Prozess-Straße 1" in response.text)


@pytest.mark.parametrize("production", ["sqlite"], indirect=True)  # the lock below is SQLite's
def test_cached_pages_are_served_while_the_database_is_locked(production):
    base = production["url"]
    _warm(f"{base}/impressum/")
    locker = sqlite3.connect(production["env"]["DATABASE_URL"].removeprefix("sqlite:///"), timeout=1)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        response = requests.get(f"{base}/impressum/", timeout=30)
        elapsed = time.monotonic() - started
    finally:
        locker.rollback()
        locker.close()
    assert response.status_code == 200 and response.headers["X-Cache"] == "HIT"
    assert elapsed < 2


def test_the_feedback_rate_limit_holds_across_workers(production):
    """5 messages per hour and address: 12 parallel posts reach several workers, which share one count."""
    base = production["url"]
    tokens = _shell(
        production,
        "import time; from ikpe_site.core.security.spam import issue_token; "
        "print(' '.join(issue_token(time.time() - 10) for _ in range(12)))",
    ).split()
    assert len(tokens) == 12

    def post(token):
        return requests.post(
            f"{base}/barrierefreiheit/rueckmeldung/",
            headers={"Origin": base},
            timeout=60,
            data={
                "ihr_name": "Erika Muster",
                "ihre_e_mail_adresse": "erika@example.org",
                "auf_welcher_seite": "Projekte",
                "was_hat_nicht_funktioniert": "Die Tabelle ist nicht bedienbar.",
                "company_website": "",
                "form_started": token,
            },
        )

    with ThreadPoolExecutor(max_workers=WORKERS * 2) as pool:
        answers = list(pool.map(post, tokens))
    thanked = [answer for answer in answers if answer.status_code == 200 and "Vielen Dank!" in answer.text]
    refused = [
        answer
        for answer in answers
        if answer.status_code == 429 and "schon mehrere Nachrichten gesendet" in answer.text
    ]
    assert (len(thanked), len(refused)) == (5, 7)
    assert (
        _shell(
            production, "from wagtail.contrib.forms.models import FormSubmission; print(FormSubmission.objects.count())"
        )
        == "5"
    )


def test_a_restore_never_serves_what_it_removed(production):
    """`make restore` while the site runs: a post published after the backup, cached by every worker, is gone
    from every answer at once (the restored content version lies above any version the workers cached)."""
    base = production["url"]
    archive = production["tmp"] / "backups" / "vor-dem-beitrag.tar.gz"
    subprocess.run(
        [*production["manage"], "backup", "--output", str(archive)],
        cwd=ROOT,
        env=production["env"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    assert archive.stat().st_mode & 0o777 == 0o600
    _shell(
        production,
        "from news.models import NewsPage, NewsIndexPage; index = NewsIndexPage.objects.get(); "
        "post = NewsPage(title='Nach der Sicherung veröffentlicht', slug='nach-der-sicherung'); "
        "index.add_child(instance=post); post.save_revision().publish()",
    )
    version = "from ikpe_site.core.versioning import ContentVersion; print(ContentVersion.objects.get().counter)"
    seen = int(_shell(production, version))
    assert "Nach der Sicherung veröffentlicht" in _warm(f"{base}/aktuelles/")

    subprocess.run(
        [*production["manage"], "restore", str(archive)],
        cwd=ROOT,
        env=production["env"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    assert int(_shell(production, version)) > seen
    assert _all_show(
        f"{base}/aktuelles/",
        lambda response: response.status_code == 200 and "Nach der Sicherung veröffentlicht" not in response.text,
    )
    assert _all_show(f"{base}/aktuelles/nach-der-sicherung/", lambda response: response.status_code == 404)
