"""The site answers a German 503 while the database is away and recovers by itself when it returns."""

import os
import select
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError

from tests.servers import wait_for_port

ROOT = Path(__file__).resolve().parents[1]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


class _Server:
    def __init__(self, database_url, tmp_path):
        self.port = _free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "ikpe_site.settings.test",
            "DATABASE_URL": database_url,
            "VAR_DIR": str(tmp_path),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "ikpe_site.wsgi",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                "1",
                "--log-level",
                "critical",
                "--control-socket",
                str(tmp_path / f"gunicorn-{self.port}.ctl"),
            ],
            cwd=ROOT,
            env=env,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        try:
            wait_for_port(self.port, self.process)
        except Exception:
            self.stop()
            raise

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


def test_view_database_error_gives_503(client, home, monkeypatch):
    from ikpe_site.core.models import HomePage

    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(HomePage, "get_context", down)
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "gleich wieder da" in response.content.decode()


def test_unreachable_database_gives_static_503(tmp_path):
    closed_port = _free_port()
    server = _Server(f"postgres://postgres@127.0.0.1:{closed_port}/ikpe", tmp_path)
    try:
        status, headers, body = _get(server.url + "/")
        assert status == 503
        assert headers["Retry-After"] == "60"
        assert "Wartungsarbeiten" in body and "Traceback" not in body
    finally:
        server.stop()


class _SwitchableProxy:
    """A TCP proxy to the real database that can be switched off and on, like a database restart."""

    def __init__(self, target):
        self.target, self.port = target, _free_port()
        self.enabled = threading.Event()
        self.enabled.set()
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.connections = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            client, _ = self.listener.accept()
            if not self.enabled.is_set():
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            self.connections += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()

    def _pipe(self, a, b):
        try:
            while True:
                readable, _, _ = select.select([a, b], [], [], 1)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (b if sock is a else a).sendall(data)
        except OSError:
            return

    def cut(self):
        self.enabled.clear()
        for sock in self.connections:
            try:
                sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            except OSError:
                pass
        self.connections.clear()

    def restore(self):
        self.enabled.set()


@pytest.mark.postgres
def test_site_recovers_when_database_returns(demo_site, tmp_path):
    db = settings.DATABASES["default"]
    proxy = _SwitchableProxy((db["HOST"], int(db["PORT"])))
    url = f"postgres://{db['USER']}@127.0.0.1:{proxy.port}/{db['NAME']}"
    server = _Server(url, tmp_path)
    try:
        assert _get(server.url + "/")[0] == 200
        assert _get(server.url + "/")[1].get("X-Cache") == "HIT"
        proxy.cut()
        # A page in the page cache is still served without the database (issue 17); one that is not gets the
        # German 503 page, not a server error.
        assert _get(server.url + "/")[0] == 200
        status, headers, body = _get(server.url + "/impressum/")
        assert (status, headers["Retry-After"]) == (503, "60") and "gleich wieder da" in body
        proxy.restore()
        deadline = time.monotonic() + 30  # the next requests reconnect; poll instead of a fixed number of tries
        statuses = [_get(server.url + "/impressum/")[0]]
        while statuses[-1] != 200 and time.monotonic() < deadline:
            time.sleep(0.5)
            statuses.append(_get(server.url + "/impressum/")[0])
        assert statuses[-1] == 200, statuses
    finally:
        server.stop()
