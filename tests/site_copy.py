"""A copy of the test database (migrated, with the demo content) for tests that run the site in other processes.

Copying takes a moment where migrating and loading the demo again would take a minute: SQLite through its
online backup API into a file, PostgreSQL as a new database from the test database as template.
"""

import os
import sqlite3
from contextlib import contextmanager

import psycopg
from django.db import connection


@contextmanager
def copied_database(folder, django_db_blocker):
    """Yield a DATABASE_URL of a copy of the committed test database; the copy is removed afterwards."""
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            path = folder / "site.sqlite3"
            connection.ensure_connection()
            with sqlite3.connect(path) as target:
                connection.connection.backup(target)
            yield f"sqlite:///{path}"
            return
        db = connection.settings_dict
        base = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}"
        name = f"{db['NAME']}_copy_{os.getpid()}"
        connection.close()  # a template database must have no open connections
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{db["NAME"]}"')
        try:
            yield f"{base}/{name}"
        finally:
            with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
