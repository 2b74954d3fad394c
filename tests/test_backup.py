"""`make backup` / `make restore`: a round trip brings back the same pages, revisions, images and documents."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = (
    "import json; from wagtail.models import Page, Revision; from wagtail.documents.models import Document;"
    "from ikpe_site.core.models import CustomImage;"
    "print(json.dumps({'pages': sorted(Page.objects.values_list('url_path', flat=True)),"
    "'revisions': Revision.objects.count(), 'images': sorted(CustomImage.objects.values_list('file', flat=True)),"
    "'documents': sorted(Document.objects.values_list('file', flat=True))}))"
)


@pytest.fixture
def separate_database(tmp_path):
    """A database of its own (file or PostgreSQL database), so the round trip runs like on a real server."""
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        yield f"sqlite:///{tmp_path}/site.sqlite3"
        return
    db = settings.DATABASES["default"]
    base = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}"
    name = f"ikpe_backup_{os.getpid()}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{base}/{name}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _manage(env, *args):
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _media_digest(media):
    return {
        str(p.relative_to(media)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(media.rglob("*"))
        if p.is_file()
    }


def test_backup_and_restore_round_trip(separate_database, tmp_path):
    media = tmp_path / "media"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ikpe_site.settings.test",
        "DATABASE_URL": separate_database,
        "MEDIA_ROOT": str(media),
        "VAR_DIR": str(tmp_path),
    }
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "load_demo_content", "--force")
    before = json.loads(_manage(env, "shell", "-v0", "-c", SNAPSHOT))
    media_before = _media_digest(media)
    assert before["images"] and before["documents"] and len(before["pages"]) > 10
    assert any(name.endswith(".pdf") for name in media_before)

    assert "Sicherung geschrieben" in _manage(env, "backup")  # to the default folder, var/backups/
    folder = tmp_path / "backups"
    [archive] = folder.glob("ikpe-*.tar.gz")
    assert folder.stat().st_mode & 0o777 == 0o700  # password hashes, sessions and submissions: owner only
    assert archive.stat().st_mode & 0o777 == 0o600

    # Lose content: delete a page subtree, revisions and a media file.
    _manage(
        env,
        "shell",
        "-v0",
        "-c",
        "from wagtail.models import Page, Revision; Page.objects.get(url_path='/start/verein/').delete();"
        "Revision.objects.all().delete()",
    )
    next(p for p in media.rglob("*.pdf")).unlink()
    assert json.loads(_manage(env, "shell", "-v0", "-c", SNAPSHOT)) != before

    _manage(env, "restore", str(archive))
    assert json.loads(_manage(env, "shell", "-v0", "-c", SNAPSHOT)) == before
    assert _media_digest(media) == media_before

    # A copy cut short: a German message, no traceback, and nothing changed.
    damaged = tmp_path / "abgeschnitten.tar.gz"
    damaged.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(damaged)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "abgeschnitten.tar.gz ist beschädigt oder unvollständig" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(_manage(env, "shell", "-v0", "-c", SNAPSHOT)) == before
    assert _media_digest(media) == media_before


def test_postgresql_tools_get_every_connection_option(monkeypatch):
    """pg_dump and pg_restore reach a server that demands TLS: OPTIONS such as sslmode are passed on, not dropped."""
    from ikpe_site.core.backup import pg_command

    database = {
        "NAME": "ikpe",
        "USER": "web",
        "PASSWORD": "geheim",
        "HOST": "db.example.org",
        "PORT": "6432",
        "OPTIONS": {"sslmode": "verify-full", "sslrootcert": "/etc/ssl/ca.pem"},
    }
    monkeypatch.setitem(settings.DATABASES, "default", database)
    command, env = pg_command("pg_restore", "--clean", "-d")
    assert command == ["pg_restore", "-U", "web", "-h", "db.example.org", "-p", "6432", "--clean", "-d", "ikpe"]
    assert (env["PGSSLMODE"], env["PGSSLROOTCERT"], env["PGPASSWORD"]) == ("verify-full", "/etc/ssl/ca.pem", "geheim")
    dump, _env = pg_command("pg_dump", "-Fc", "-f", "out.pgdump")
    assert dump[-1] == "ikpe" and dump[0] == "pg_dump"
