"""Backups hold password hashes, sessions and submissions; a damaged one is refused in German; after a restore
no cache serves what the restore removed."""

import os
import stat
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ikpe_site.core.backup import create_backup
from tests.site_copy import copied_database

ROOT = Path(__file__).resolve().parents[1]


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_archives_are_readable_by_the_owner_only(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("backup", stdout=StringIO())
    folder = tmp_path / "backups"
    [archive] = folder.iterdir()  # no half-written file left beside it
    assert mode(folder) == 0o700
    assert mode(archive) == 0o600
    assert archive.name.endswith(".tar.gz")


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_damaged_archive_gets_a_german_message_and_changes_nothing(db, settings, tmp_path, damage):
    settings.MEDIA_ROOT = media = tmp_path / "media"
    media.mkdir()
    (media / "bild.jpg").write_bytes(b"vorher")
    archive = create_backup(tmp_path / "sicherung.tar.gz")
    content = archive.read_bytes()
    archive.write_bytes(content[: len(content) // 2] if damage == "truncated" else b"keine Sicherung" * 100)
    (media / "bild.jpg").write_bytes(b"jetzt")

    with pytest.raises(CommandError) as error:
        call_command("restore", str(archive))
    message = str(error.value)
    assert "Die Sicherungsdatei sicherung.tar.gz ist beschädigt oder unvollständig" in message
    assert "Es wurde nichts verändert" in message
    assert "EOFError" not in message and "Compressed file" not in message
    assert (media / "bild.jpg").read_bytes() == b"jetzt"


RESTORE_SCRIPT = """
from django.core.management import call_command
from django.test import Client
from ikpe_site.core.models import HomePage, StandardPage

call_command("backup", output=ARCHIVE, verbosity=0)
home = HomePage.objects.first()
page = home.add_child(instance=StandardPage(title="Nach der Sicherung", slug="nach-der-sicherung"))
page.save_revision().publish()
client = Client()
first = client.get("/nach-der-sicherung/")
cached = client.get("/nach-der-sicherung/")
call_command("restore", ARCHIVE, verbosity=0)
after = client.get("/nach-der-sicherung/")
print(first.status_code, cached["X-Cache"], after.status_code)
"""


def test_restore_leaves_no_removed_page_in_the_page_cache(django_db_setup, django_db_blocker, tmp_path):
    """A page published after the backup is cached; the restore removes it and the next visitor gets 404."""
    with copied_database(tmp_path, django_db_blocker) as database_url:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ikpe_site.settings.test", "DATABASE_URL": database_url,
               "MEDIA_ROOT": str(tmp_path / "media"), "VAR_DIR": str(tmp_path), "PAGE_CACHE_SECONDS": "300"}
        script = f"ARCHIVE = {str(tmp_path / 'sicherung.tar.gz')!r}\n" + RESTORE_SCRIPT
        result = subprocess.run([sys.executable, "manage.py", "shell", "-v0", "-c", script], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "HIT", "404"]
