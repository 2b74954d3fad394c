"""The feedback form's "5 per hour" holds across gunicorn workers: the counter lives in the shared cache
(the database here, Redis with REDIS_URL), not in each worker's memory."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.site_copy import copied_database
from trust.feedback import issue_token

ROOT = Path(__file__).resolve().parents[1]
PATH = "/barrierefreiheit/rueckmeldung/"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _post(base):
    body = urllib.parse.urlencode({
        "ihr_name": "Erika Muster", "ihre_e_mail_adresse": "erika@example.org", "auf_welcher_seite": "Projekte",
        "was_hat_nicht_funktioniert": "Die Tabelle lässt sich nicht bedienen.", "company_website": "",
        "form_started": issue_token(time.time() - 10)}).encode()
    request = urllib.request.Request(base + PATH, body, headers={"Origin": "http://testserver", "Host": "testserver"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_rate_limit_holds_across_two_gunicorn_workers(django_db_setup, django_db_blocker, tmp_path, settings):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with copied_database(tmp_path, django_db_blocker) as database_url:
        # The real configuration (settings/base.py through dev.py), not the test settings' in-memory cache.
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ikpe_site.settings.dev", "DEBUG": "0",
               "SECRET_KEY": settings.SECRET_KEY, "DATABASE_URL": database_url, "VAR_DIR": str(tmp_path),
               "ALLOWED_HOSTS": "testserver", "PAGE_CACHE_SECONDS": "0"}
        subprocess.run([sys.executable, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True)
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "ikpe_site.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2",
             "--log-level", "warning", "--control-socket", str(tmp_path / "gunicorn.ctl")], cwd=ROOT, env=env)
        try:
            deadline = time.monotonic() + 120
            while True:  # until both workers answer (each imports Django on its own)
                try:
                    urllib.request.urlopen(urllib.request.Request(base + "/robots.txt",
                                                                  headers={"Host": "testserver"}), timeout=5)
                    break
                except OSError:
                    assert time.monotonic() < deadline, "gunicorn did not start"
                    time.sleep(0.5)
            # Two at a time, so both workers take requests (each worker handles one request at a time).
            with ThreadPoolExecutor(2) as pool:
                results = list(pool.map(lambda _: _post(base), range(12)))
        finally:
            server.terminate()
            server.wait(timeout=30)
    accepted = [status for status, html in results if status == 200 and "Vielen Dank!" in html]
    limited = [status for status, html in results if "schon mehrere Nachrichten gesendet" in html]
    assert len(accepted) == 5, [status for status, _ in results]
    assert len(limited) == 7 and set(limited) == {429}
