"""Backup and restore of database and media as one tar.gz, with the database's own tools.

SQLite: the online backup API of Python's sqlite3 module (consistent while the site runs).
PostgreSQL: pg_dump in custom format and pg_restore --clean (needs the PostgreSQL client programs).

Archives hold password hashes, sessions and form submissions: they are written 0600 (the default folder 0700).
A restore first unpacks and checks the whole archive, then replaces the database (in one transaction), then
swaps the media folder in, and finally empties every cache (and the front cache) and raises the content version
above any the running processes have seen, so no removed page is served.
"""

import gzip
import logging
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.backends.postgresql.client import DatabaseClient

from ikpe_site.core.cache import _read_counter, bump_version
from ikpe_site.core.versioning import ContentVersion

logger = logging.getLogger(__name__)
MEMBERS = ("database.sqlite3", "database.pgdump", "media")
DAMAGED = (
    "Die Sicherungsdatei {name} ist beschädigt oder unvollständig (z. B. beim Kopieren abgeschnitten). "
    "Es wurde nichts verändert. Bitte eine vollständige Sicherung verwenden."
)


class BackupError(ValueError):
    """A backup that cannot be restored; the message is German and names the file."""


def pg_command(program, *parameters):
    """`program` with the site's connection settings, through Django's own psql client mapping (user, host, port,
    password, and OPTIONS such as sslmode, sslrootcert, service, passfile); the database name comes last."""
    args, env = DatabaseClient.settings_to_cmd_args_env(settings.DATABASES["default"], list(parameters))
    return [program, *args[1:]], {**os.environ, **(env or {})}


def create_backup(target):
    """Write the archive to `target` (0600): first under a temporary name, renamed when complete."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=target.parent, prefix=".ikpe-backup-", suffix=".part")  # 0600
    os.close(handle)
    try:
        _write_archive(Path(partial))
        os.chmod(partial, 0o600)
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return target


def _write_archive(target):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if connection.vendor == "sqlite":
            dump = tmp / "database.sqlite3"
            connection.ensure_connection()
            with sqlite3.connect(dump) as destination:
                connection.connection.backup(destination)
        else:
            dump = tmp / "database.pgdump"
            command, env = pg_command("pg_dump", "-Fc", "--no-owner", "-f", str(dump))
            subprocess.run(command, env=env, check=True)
        with tarfile.open(target, "w:gz") as archive:
            archive.add(dump, arcname=dump.name)
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                archive.add(media, arcname="media")


def _unpack(source, folder):
    """Unpack the whole archive (every byte is read and checked before anything is replaced)."""
    name = Path(source).name
    if not Path(source).is_file():
        raise BackupError(f"Die Sicherungsdatei {source} gibt es nicht.")
    try:
        with tarfile.open(source, "r:gz") as archive:
            members = archive.getmembers()
            if any(m.name.split("/")[0] not in MEMBERS for m in members):
                raise BackupError(f"{name} ist keine Sicherung dieser Website (unerwartete Dateien im Archiv).")
            archive.extractall(folder, members=members, filter="data")
    except (EOFError, tarfile.TarError, gzip.BadGzipFile, zlib.error) as error:
        raise BackupError(DAMAGED.format(name=name)) from error
    if not any((folder / dump).is_file() for dump in MEMBERS[:2]):
        raise BackupError(f"In {name} fehlt die Datenbank; es wurde nichts verändert.")


def _swap_media(new):
    """Put the restored media folder in place with renames; the old one is removed only afterwards."""
    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    incoming = Path(tempfile.mkdtemp(dir=media.parent, prefix=f".{media.name}-restore-"))
    shutil.copytree(new, incoming, dirs_exist_ok=True)  # same file system as MEDIA_ROOT: the renames are atomic
    shutil.copystat(new, incoming)  # the folder's own mode from the archive, not mkdtemp's 0700
    old = media.with_name(f".{media.name}-old-{os.getpid()}")
    if media.exists():
        os.replace(media, old)
    os.replace(incoming, media)
    shutil.rmtree(old, ignore_errors=True)


def clear_caches(past=0):
    """Empty every configured cache and invalidate the page cache and the front cache (Varnish).

    The restored database brings the content version of the backup's day; the workers' own caches may hold
    pages of every version up to `past` (the version before the restore), so the new one lies above both.
    """
    for cache in caches.all():
        try:
            cache.clear()
        except Exception:  # e.g. a Redis outage: the version bump below still invalidates every page
            logger.warning("Cache %s could not be cleared after the restore", cache, exc_info=True)
    ContentVersion.objects.filter(pk=1, counter__lt=past).update(counter=past)
    bump_version()


def restore_backup(source):
    past = _read_counter()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        _unpack(source, tmp)
        if (tmp / "database.sqlite3").exists():
            if connection.vendor != "sqlite":
                raise ValueError("This backup holds a SQLite database, but the site uses PostgreSQL.")
            connection.ensure_connection()
            with sqlite3.connect(tmp / "database.sqlite3") as backup:
                backup.backup(connection.connection)
        else:
            if connection.vendor != "postgresql":
                raise ValueError("This backup holds a PostgreSQL dump, but the site uses SQLite.")
            connection.close()
            restore = ("--clean", "--if-exists", "--no-owner", "--single-transaction", "-d")
            command, env = pg_command("pg_restore", *restore)
            subprocess.run([*command, str(tmp / "database.pgdump")], env=env, check=True, stdout=subprocess.DEVNULL)
        if (tmp / "media").exists():
            _swap_media(tmp / "media")
    clear_caches(past)
