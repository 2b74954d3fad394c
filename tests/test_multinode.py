"""Beyond one machine: two app servers, one PostgreSQL, one Redis, Varnish in front.

Publishing through one app server is visible on the other at once (shared Redis page cache) and through
the caching proxy as soon as the purge went out (Wagtail frontend-cache invalidation → Varnish ban).
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
import requests
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.postgres


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(port, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on port {port}")


def _binary(name):
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if not path:
        pytest.fail(f"{name} fehlt: apt-get install {'varnish' if name == 'varnishd' else 'redis-server'}")
    return path


@pytest.fixture
def cluster():
    tmp = Path(tempfile.mkdtemp(prefix="ikpe-cluster-"))
    tmp.chmod(0o755)  # varnishd's worker runs as an unprivileged user and needs its working folder
    processes = []
    db = settings.DATABASES["default"]
    base = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}"
    name = f"ikpe_cluster_{os.getpid()}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    redis_port, varnish_port = _free_port(), _free_port()
    app_ports = [_free_port(), _free_port()]
    processes.append(
        subprocess.Popen(
            [
                _binary("redis-server"),
                "--port",
                str(redis_port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--bind",
                "127.0.0.1",
            ],
            stdout=subprocess.DEVNULL,
        )
    )
    setup_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ikpe_site.settings.test",
        "DATABASE_URL": f"{base}/{name}",
        "MEDIA_ROOT": str(tmp / "media"),
        "VAR_DIR": str(tmp),
    }
    env = {
        **setup_env,
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "PAGE_CACHE_SECONDS": "300",
        "FRONT_CACHE_URL": f"http://127.0.0.1:{varnish_port}",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=setup_env, check=True)
    subprocess.run(
        [*manage, "load_demo_content", "--force"], cwd=ROOT, env=setup_env, check=True, stdout=subprocess.DEVNULL
    )
    subprocess.run(
        [
            *manage,
            "shell",
            "-v0",
            "-c",
            "from django.contrib.auth import get_user_model;"
            "get_user_model().objects.create_superuser('chefin', '', 'cluster-passwort-1');"
            "from wagtail.models import Site; Site.objects.update(hostname='127.0.0.1', port=80)",
        ],
        cwd=ROOT,
        env=setup_env,
        check=True,
    )
    for port in app_ports:
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "ikpe_site.wsgi",
                    "-b",
                    f"127.0.0.1:{port}",
                    "-w",
                    "2",
                    "--log-level",
                    "warning",
                    "--control-socket",
                    str(tmp / f"gunicorn-{port}.ctl"),
                ],
                cwd=ROOT,
                env=env,
            )
        )
    vcl = (ROOT / "deploy" / "varnish.vcl").read_text()
    for default, port in zip(('"8001"', '"8002"'), app_ports, strict=True):
        vcl = vcl.replace(f".port = {default}", f'.port = "{port}"')
    (tmp / "ikpe.vcl").write_text(vcl)
    processes.append(
        subprocess.Popen(
            [
                _binary("varnishd"),
                "-F",
                "-f",
                str(tmp / "ikpe.vcl"),
                "-a",
                f"127.0.0.1:{varnish_port}",
                "-n",
                str(tmp / "varnish"),
                "-s",
                "malloc,64m",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    )
    for port in [redis_port, *app_ports, varnish_port]:
        _wait(port)
    deadline = time.time() + 120  # Varnish marks the app servers healthy after a few good probes
    while requests.get(f"http://127.0.0.1:{varnish_port}/robots.txt", timeout=60).status_code != 200:
        assert time.time() < deadline, "Varnish never found a healthy app server"
        time.sleep(1)
    yield {
        "apps": [f"http://127.0.0.1:{port}" for port in app_ports],
        "proxy": f"http://127.0.0.1:{varnish_port}",
        "env": env,
        "manage": manage,
    }
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(30)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    shutil.rmtree(tmp, ignore_errors=True)


def _login(base):
    session = requests.Session()
    session.get(f"{base}/admin/login/", timeout=60)
    response = session.post(
        f"{base}/admin/login/",
        timeout=60,
        data={
            "username": "chefin",
            "password": "cluster-passwort-1",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": f"{base}/admin/login/"},
    )
    assert response.ok and "/admin/login/" not in response.url
    return session


def _page_id(session, base, path):
    html = session.get(f"{base}/admin/pages/search/?q=Impressum", timeout=60).text
    match = re.search(r"/admin/pages/(\d+)/edit/", html)
    assert match, "page not found in the admin"
    return match.group(1)


def test_publish_on_one_node_is_visible_on_the_other_and_through_the_proxy(cluster):
    app1, app2 = cluster["apps"]
    proxy = cluster["proxy"]
    for url in (app1, app2, proxy, proxy):  # fill both page caches and the front cache
        assert requests.get(f"{url}/impressum/", timeout=60).status_code == 200
    assert requests.get(f"{app2}/impressum/", timeout=60).headers["X-Cache"] == "HIT"
    assert requests.get(f"{proxy}/impressum/", timeout=60).headers["X-Front-Cache"] == "HIT"

    editor = _login(app1)
    page_id = _page_id(editor, app1, "/impressum/")
    token = editor.cookies["csrftoken"]
    response = editor.post(
        f"{app1}/admin/pages/{page_id}/unpublish/",
        timeout=60,
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": f"{app1}/admin/"},
    )
    assert response.ok
    assert requests.get(f"{app2}/impressum/", timeout=60).status_code == 404
    assert requests.get(f"{proxy}/impressum/", timeout=60).status_code == 404

    # Publish again from an app server's process (as the scheduler on any node would): same signals.
    subprocess.run(
        [
            *cluster["manage"],
            "shell",
            "-v0",
            "-c",
            f"from wagtail.models import Page; Page.objects.get(pk={page_id}).get_latest_revision().publish()",
        ],
        cwd=ROOT,
        env=cluster["env"],
        check=True,
    )
    assert requests.get(f"{app2}/impressum/", timeout=60).status_code == 200
    assert requests.get(f"{proxy}/impressum/", timeout=60).status_code == 200
