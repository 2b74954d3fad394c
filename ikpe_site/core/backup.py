"""Backup and restore of database and media as one tar.gz, with the database's own tools.

SQLite: the online backup API of Python's sqlite3 module (consistent while the site runs).
PostgreSQL: pg_dump in custom format and pg_restore --clean (needs the PostgreSQL client programs).
"""

import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection


def _pg_env():
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    args = ["-h", db.get("HOST") or "localhost", "-p", str(db.get("PORT") or 5432), "-U", db.get("USER") or "postgres"]
    return env, args, db["NAME"]


def create_backup(target):
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if connection.vendor == "sqlite":
            dump = tmp / "database.sqlite3"
            connection.ensure_connection()
            with sqlite3.connect(dump) as destination:
                connection.connection.backup(destination)
        else:
            dump = tmp / "database.pgdump"
            env, args, name = _pg_env()
            subprocess.run(["pg_dump", *args, "-Fc", "--no-owner", "-f", str(dump), name], env=env, check=True)
        with tarfile.open(target, "w:gz") as archive:
            archive.add(dump, arcname=dump.name)
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                archive.add(media, arcname="media")
    return target


def restore_backup(source):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        with tarfile.open(source, "r:gz") as archive:
            archive.extractall(tmp, filter="data")
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
            env, args, name = _pg_env()
            subprocess.run(["pg_restore", *args, "--clean", "--if-exists", "--no-owner", "--single-transaction",
                            "-d", name, str(tmp / "database.pgdump")], env=env, check=True,
                           stdout=subprocess.DEVNULL)
        media = Path(settings.MEDIA_ROOT)
        if (tmp / "media").exists():
            if media.exists():
                shutil.rmtree(media)
            shutil.copytree(tmp / "media", media)
