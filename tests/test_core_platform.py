import io
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Workflow

from ikpe_site.core.models import StandardPage
from ikpe_site.core.roles import COMMUNICATIONS, EDITORS, WORKFLOW_NAME

ROOT = Path(__file__).resolve().parents[1]


def _user(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, password="x-secret-123")
    user.groups.add(Group.objects.get(name=group))
    return user


def test_roles_and_approval_workflow(client, small_site, django_user_model):
    editor = _user(django_user_model, "redakteurin", EDITORS)
    communications = _user(django_user_model, "kommunikation", COMMUNICATIONS)
    page = small_site.about

    assert not page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(editor).can_edit()
    assert page.permissions_for_user(communications).can_publish()
    assert page.get_workflow() == Workflow.objects.get(name=WORKFLOW_NAME)

    # The editor changes the page and submits it; the public still sees the old text.
    client.force_login(editor)
    edit_url = f"/admin/pages/{page.pk}/edit/"
    assert client.get(edit_url).status_code == 200
    page.title = "Der Verein (neu)"
    revision = page.save_revision(user=editor)
    workflow_state = page.get_workflow().start(page, editor)
    assert workflow_state.status == "in_progress"
    assert StandardPage.objects.get(pk=page.pk).live_revision_id != revision.pk
    client.logout()
    assert "Der Verein (neu)" not in client.get("/verein/").content.decode()

    # Kommunikation approves: the change goes live.
    task_state = workflow_state.current_task_state
    assert task_state.task.specific.user_can_access_editor(page, communications)
    assert not task_state.task.specific.get_actions(page, editor)
    task_state.task.specific.on_action(task_state, communications, "approve")
    assert "Der Verein (neu)" in client.get("/verein/").content.decode()


def test_editor_cannot_publish_through_the_admin(client, small_site, django_user_model):
    editor = _user(django_user_model, "redakteur2", EDITORS)
    page = small_site.imprint
    live_revision = page.live_revision_id
    data = {"title": "Gehackt", "slug": "impressum", "body-count": "0", "teaser": "", "action-publish": "publish"}
    client.force_login(editor)
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    # Wagtail saves the editor's "publish" as a draft: the change is kept, the public page is not touched.
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Impressum" and page.live_revision_id == live_revision
    assert page.get_latest_revision_as_object().title == "Gehackt" and page.has_unpublished_changes
    assert "Gehackt" not in client.get("/impressum/").content.decode()

    # Control: the same request from Kommunikation publishes.
    client.force_login(_user(django_user_model, "kommunikation2", COMMUNICATIONS))
    assert client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    page.refresh_from_db()
    assert page.title == "Gehackt" and page.live_revision_id != live_revision


def test_404_page_is_german_and_branded(client, small_site):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Seite nicht gefunden" in html and "Hauptnavigation" in html


def test_500_page_renders_without_database(client, home, monkeypatch):
    from ikpe_site.core import views

    def no_database(*args, **kwargs):
        raise AssertionError("the 500 page must not touch the database")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", no_database)
        response = views.server_error(None)
    assert response.status_code == 500
    assert "Ein technischer Fehler ist aufgetreten" in response.content.decode()


@override_settings(DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_unhandled_error_gives_the_german_500_page(client, home, monkeypatch):
    from ikpe_site.core.models import HomePage

    def boom(*args, **kwargs):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(HomePage, "get_context", boom)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert "Ein technischer Fehler" in response.content.decode()


def test_robots_txt_names_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_scheduler_publishes_due_pages(home):
    from ikpe_site.core.management.commands.run_scheduler import Command

    page = StandardPage(title="Geplante Seite", slug="geplant", live=False)
    home.add_child(instance=page)
    revision = page.save_revision(approved_go_live_at=timezone.now() - timedelta(seconds=5))
    assert not StandardPage.objects.get(pk=page.pk).live
    assert revision.approved_go_live_at is not None
    Command(stdout=io.StringIO()).run_once()
    assert StandardPage.objects.get(pk=page.pk).live


def test_scheduler_once_flag_exits(db):
    out = io.StringIO()
    call_command("run_scheduler", once=True, stdout=out)
    assert "Strg+C" not in out.getvalue()


def test_ensure_admin_generates_a_password_once(db, settings, tmp_path, django_user_model):
    settings.VAR_DIR = tmp_path
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    text = out.getvalue()
    assert "Benutzername: admin" in text
    password = text.split("Passwort: ")[1].split()[0]
    assert len(password) >= 12 and password != "admin"
    assert django_user_model.objects.get(username="admin").check_password(password)
    again = io.StringIO()
    call_command("ensure_admin", stdout=again)
    assert password not in again.getvalue()
    assert django_user_model.objects.filter(is_superuser=True).count() == 1


def test_production_settings_pass_check_deploy(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ikpe_site.settings.production",
        "SECRET_KEY": "k" * 20 + "9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5",
        "ALLOWED_HOSTS": "www.ikpe-erfurt.de",
        "WAGTAILADMIN_BASE_URL": "https://www.ikpe-erfurt.de",
        "DATABASE_URL": f"sqlite:///{tmp_path}/deploy.sqlite3",
        "VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_require_a_secret_key(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ikpe_site.settings.production",
        "SECRET_KEY": "",
        "VAR_DIR": str(tmp_path),
    }
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.postgres
def test_only_one_scheduler_publishes_at_a_time(home):
    """A second scheduler (another app server) finds the lock held and publishes nothing."""
    import psycopg
    from django.conf import settings

    from ikpe_site.core.management.commands.run_scheduler import LOCK_ID, Command

    page = StandardPage(title="Zweimal geplant", slug="zweimal", live=False)
    home.add_child(instance=page)
    page.save_revision(approved_go_live_at=timezone.now() - timedelta(seconds=5))
    db = settings.DATABASES["default"]
    with psycopg.connect(host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"]) as other:
        other.execute("BEGIN")
        other.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_ID])
        assert Command(stdout=io.StringIO()).run_once() is False
        assert not StandardPage.objects.get(pk=page.pk).live
        other.execute("ROLLBACK")
    assert Command(stdout=io.StringIO()).run_once() is True
    assert StandardPage.objects.get(pk=page.pk).live


def test_scheduler_cache_lock_without_postgres(db, monkeypatch):
    from django.core.cache import caches

    from ikpe_site.core.management.commands.run_scheduler import Command

    monkeypatch.setattr(connection, "vendor", "sqlite")
    cache = caches["shared"]  # shared by every process and machine (the database cache without Redis)
    cache.delete("ikpe:scheduler-lock")
    assert Command.acquire_lock() is True
    assert Command.acquire_lock() is False  # the other node's pass is still holding it
    cache.delete("ikpe:scheduler-lock")


def test_production_keeps_media_on_object_storage_when_a_bucket_is_set(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ikpe_site.settings.production",
        "SECRET_KEY": "k" * 20 + "9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5",
        "AWS_STORAGE_BUCKET_NAME": "ikpe-medien",
        "VAR_DIR": str(tmp_path),
        "WAGTAILADMIN_BASE_URL": "https://www.ikpe-erfurt.de",
    }
    script = (
        "from django.conf import settings as s; "
        "print(s.STORAGES['default']['BACKEND'], s.STORAGES['staticfiles']['BACKEND'])"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "storages.backends.s3.S3Storage",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]
