"""Kommunikation approves with a go-live time in one dialog; expiry on its own; "jetzt online" and the digest."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import caches
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import PageLogEntry

from editorial.notifications import send_due_notices
from ikpe_site.core.management.commands.run_scheduler import Command
from ikpe_site.core.roles import COMMUNICATIONS, EDITORS
from news.models import NewsIndexPage, NewsPage
from tests.test_news_workflow import _form

BERLIN = ZoneInfo("Europe/Berlin")
UTC = datetime.UTC


def _user(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, email=f"{name}@ikpe.example", password="x-secret-123")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def people(django_user_model):
    return (_user(django_user_model, "redakteurin", EDITORS), _user(django_user_model, "kommunikation", COMMUNICATIONS))


def _submitted(client, editor, title="Pressemitteilung Sozialplanung", slug="pm-sozialplanung"):
    index = NewsIndexPage.objects.get()
    client.force_login(editor)
    response = client.post(f"/admin/pages/add/news/newspage/{index.pk}/", _form(title, slug, "action-submit"))
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    return NewsPage.objects.get(slug=slug)


def _action_url(post, action="schedule"):
    task_state = post.current_workflow_state.current_task_state
    return f"/admin/pages/workflow/action/{post.pk}/{action}/{task_state.pk}/"


def test_approve_and_schedule_in_one_dialog(client, news_section, people, freeze_clock):
    freeze_clock(datetime.datetime(2031, 3, 2, 9, 0, tzinfo=BERLIN))
    editor, communications = people
    post = _submitted(client, editor)
    client.force_login(communications)
    edit = client.get(f"/admin/pages/{post.pk}/edit/").content.decode()
    assert "Freigeben und planen" in edit and 'data-workflow-action-name="schedule"' in edit
    task_state = post.current_workflow_state.current_task_state
    dialog = client.get(f"/admin/pages/workflow/collect_action_data/{post.pk}/schedule/{task_state.pk}/")
    html = json.loads(dialog.content)["html"]
    assert 'type="datetime-local"' in html and 'name="comment"' in html

    mail.outbox.clear()
    response = client.post(_action_url(post), {"go_live_at": "2031-03-04T10:00", "comment": "Passt so."}, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "ist freigegeben und geht am 04.03.2031, 10:00 Uhr online" in text

    post = NewsPage.objects.get(pk=post.pk)
    assert not post.live
    revision = post.scheduled_revision
    assert revision == post.latest_revision  # the submitted version, nothing else
    assert revision.approved_go_live_at == datetime.datetime(2031, 3, 4, 9, 0, tzinfo=UTC)  # 10:00 CET
    assert post.current_workflow_state is None
    assert PageLogEntry.objects.filter(page=post, action="wagtail.publish.schedule").exists()

    # The author's approval mail names the time and links to a preview that works before go-live.
    [approval] = [message for message in mail.outbox if message.to == [editor.email]]
    assert "04.03.2031, 10:00 Uhr" in approval.subject and "04.03.2031, 10:00 Uhr" in approval.body
    assert f"http://testserver/admin/pages/{post.pk}/view_draft/" in approval.body
    assert "/aktuelles/pm-sozialplanung/" not in approval.body
    client.force_login(editor)
    assert client.get(f"/admin/pages/{post.pk}/view_draft/").status_code == 200

    # At the time, the scheduler publishes exactly that version.
    freeze_clock(datetime.datetime(2031, 3, 4, 10, 1, tzinfo=BERLIN))
    call_command("publish_scheduled")
    post.refresh_from_db()
    assert post.live and post.live_revision == revision


def test_the_edit_view_footer_schedules_and_confirms_with_the_time(client, news_section, people, freeze_clock):
    """The footer button sends the dialog's data with the edit form (Wagtail's JSON "extra data")."""
    freeze_clock(datetime.datetime(2031, 7, 1, 12, 0, tzinfo=BERLIN))
    editor, communications = people
    post = _submitted(client, editor)
    client.force_login(communications)
    data = _form("Pressemitteilung Sozialplanung", "pm-sozialplanung", "action-workflow-action")
    data["workflow-action-name"] = "schedule"
    data["workflow-action-extra-data"] = json.dumps({"go_live_at": "2031-07-02T06:30:00Z", "comment": ""})
    response = client.post(f"/admin/pages/{post.pk}/edit/", data, follow=True)
    text = response.content.decode()
    assert "geht am 02.07.2031, 08:30 Uhr online" in text  # summer time: UTC+2
    assert "wurde aktualisiert" not in text
    post = NewsPage.objects.get(pk=post.pk)
    assert post.scheduled_revision.approved_go_live_at == datetime.datetime(2031, 7, 2, 6, 30, tzinfo=UTC)


def test_a_past_time_is_refused_and_plain_approval_says_what_it_does(client, news_section, people, freeze_clock):
    freeze_clock(datetime.datetime(2031, 3, 2, 9, 0, tzinfo=BERLIN))
    editor, communications = people
    post = _submitted(client, editor)
    client.force_login(communications)
    response = client.post(
        _action_url(post), {"go_live_at": "2031-03-01T10:00"}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert "Dieser Zeitpunkt ist vorbei" in json.loads(response.content)["html"]
    post = NewsPage.objects.get(pk=post.pk)
    assert post.scheduled_revision is None and post.current_workflow_state is not None

    # A draft whose schedule was set in the status panel: plain approval schedules, and the button says so.
    response = client.post(
        f"/admin/pages/{post.pk}/edit/",
        _form("Pressemitteilung Sozialplanung", "pm-sozialplanung", "action-save", go_live_at="05.03.2031 11:00"),
    )
    assert response.status_code == 302
    edit = client.get(f"/admin/pages/{post.pk}/edit/").content.decode()
    assert "Freigeben (online ab 05.03.2031, 11:00 Uhr)" in edit
    assert "Freigeben und Veröffentlichen" not in edit


def test_an_expiry_before_the_go_live_is_removed_and_the_approver_is_told(client, news_section, people, freeze_clock):
    freeze_clock(datetime.datetime(2031, 3, 2, 9, 0, tzinfo=BERLIN))
    editor, communications = people
    index = NewsIndexPage.objects.get()
    client.force_login(editor)
    data = _form("Pressemitteilung Ablauf", "pm-ablauf", "action-submit", expire_at="03.03.2031 12:00")
    assert client.post(f"/admin/pages/add/news/newspage/{index.pk}/", data).status_code == 302
    post = NewsPage.objects.get(slug="pm-ablauf")
    assert post.get_latest_revision_as_object().expire_at is not None

    client.force_login(communications)
    response = client.post(_action_url(post), {"go_live_at": "2031-03-04T10:00"}, follow=True)
    text = response.content.decode()
    assert "geht am 04.03.2031, 10:00 Uhr online" in text
    assert "Der Ablauf am 03.03.2031, 12:00 Uhr lag vor der Veröffentlichung und wurde entfernt" in text
    post = NewsPage.objects.get(pk=post.pk)
    assert post.scheduled_revision.as_object().expire_at is None  # it would have unpublished the page at once
    # A forged or impossible value in the address is ignored, not a 500.
    confirm = reverse("editorial_scheduled", args=[post.scheduled_revision.pk])
    assert client.get(f"{confirm}?expiry_removed=2031-13-45T99:00").status_code == 302


def test_redaktion_cannot_approve_and_schedule(client, news_section, people, freeze_clock):
    freeze_clock(datetime.datetime(2031, 3, 2, 9, 0, tzinfo=BERLIN))
    editor, _communications = people
    post = _submitted(client, editor)
    client.force_login(editor)
    assert 'data-workflow-action-name="schedule"' not in client.get(f"/admin/pages/{post.pk}/edit/").content.decode()
    response = client.post(_action_url(post), {"go_live_at": "2031-03-04T10:00"})
    assert response.status_code == 302 and response.url == "/admin/"  # Wagtail's "permission denied"
    post = NewsPage.objects.get(pk=post.pk)
    assert post.scheduled_revision is None and not post.live and post.current_workflow_state is not None


def _live_post_with_draft(communications):
    post = NewsPage.objects.live().order_by("pk").first()
    draft = post.get_latest_revision_as_object()
    old_title = post.title
    draft.title = old_title + " (Entwurf)"
    draft.save_revision(user=communications)
    return NewsPage.objects.get(pk=post.pk), old_title


def test_expiry_on_its_own_keeps_the_draft_unpublished(client, news_section, people, freeze_clock):
    freeze_clock(datetime.datetime(2031, 3, 2, 9, 0, tzinfo=BERLIN))
    editor, communications = people
    post, old_title = _live_post_with_draft(communications)
    url = reverse("editorial_expiry", args=[post.pk])

    client.force_login(editor)
    denied = client.get(url)
    assert denied.status_code == 302 and denied.url == "/admin/"  # Wagtail's "permission denied"
    assert url not in client.get(f"/admin/pages/{post.pk}/edit/").content.decode()

    client.force_login(communications)
    assert url in client.get(f"/admin/pages/{post.pk}/edit/").content.decode()  # "Ablauf festlegen" in the header
    page = client.get(url).content.decode()
    assert "Ablauf festlegen" in page and "Entwurf" in page
    refused = client.post(url, {"expire_at": "2031-03-01T10:00"})
    assert refused.status_code == 200 and "in der Zukunft" in refused.content.decode()
    response = client.post(url, {"expire_at": "2031-03-03T18:00"}, follow=True)
    assert "geht am 03.03.2031, 18:00 Uhr offline" in response.content.decode()

    post = NewsPage.objects.get(pk=post.pk)
    assert post.expire_at == datetime.datetime(2031, 3, 3, 17, 0, tzinfo=UTC)
    assert post.live and post.title == old_title and post.has_unpublished_changes  # the draft stays a draft
    assert post.get_latest_revision_as_object().expire_at == post.expire_at  # publishing it later keeps the expiry
    entry = PageLogEntry.objects.get(page=post, action="ikpe.expiry.set")
    assert entry.user == communications
    assert (
        "Ablauf festgelegt auf 03.03.2031, 18:00 Uhr" in client.get(f"/admin/pages/{post.pk}/history/").content.decode()
    )

    freeze_clock(datetime.datetime(2031, 3, 3, 18, 1, tzinfo=BERLIN))
    call_command("publish_scheduled")
    post.refresh_from_db()
    assert not post.live and post.expired
    client.logout()
    assert client.get(f"/aktuelles/{post.slug}/").status_code == 404


def test_expiry_can_be_cleared(client, news_section, people, freeze_clock):
    freeze_clock(datetime.datetime(2031, 3, 2, 9, 0, tzinfo=BERLIN))
    _editor, communications = people
    post, _old_title = _live_post_with_draft(communications)
    url = reverse("editorial_expiry", args=[post.pk])
    client.force_login(communications)
    client.post(url, {"expire_at": "2031-03-03T18:00"})
    response = client.post(url, {"expire_at": ""}, follow=True)
    assert "hat keinen Ablauf mehr" in response.content.decode()
    post = NewsPage.objects.get(pk=post.pk)
    assert post.expire_at is None and post.get_latest_revision_as_object().expire_at is None
    assert PageLogEntry.objects.filter(page=post, action="ikpe.expiry.clear").exists()
    freeze_clock(datetime.datetime(2031, 3, 3, 18, 1, tzinfo=BERLIN))
    call_command("publish_scheduled")
    post.refresh_from_db()
    assert post.live


def _schedule(client, people, go_live="2031-03-04T10:00"):
    editor, communications = people
    post = _submitted(client, editor)
    client.force_login(communications)
    client.post(_action_url(post), {"go_live_at": go_live, "comment": ""})
    client.logout()
    return NewsPage.objects.get(pk=post.pk)


def _online_mails():
    return [message for message in mail.outbox if message.subject.startswith("Jetzt online")]


def test_now_online_mail_is_sent_once_however_often_the_scheduler_runs(
    client, news_section, people, freeze_clock, django_user_model
):
    freeze_clock(datetime.datetime(2031, 3, 2, 9, 0, tzinfo=BERLIN))
    editor, communications = people
    colleague = _user(django_user_model, "kommunikation-zwei", COMMUNICATIONS)
    post = _schedule(client, people)
    mail.outbox.clear()
    scheduler = Command()  # run_scheduler's pass: publish_scheduled and the notices, under the lock
    scheduler.run_once()
    assert _online_mails() == []  # not yet due

    freeze_clock(datetime.datetime(2031, 3, 4, 10, 0, 30, tzinfo=BERLIN))
    assert scheduler.run_once()
    caches["shared"].clear()  # the next scheduler is not held off by the lock: the once-only key must hold
    assert scheduler.run_once()
    send_due_notices()  # and another process that never took the lock
    post.refresh_from_db()
    assert post.live
    [online] = _online_mails()
    assert online.subject == "Jetzt online: Pressemitteilung Sozialplanung"
    assert sorted(online.to) == sorted([editor.email, communications.email, colleague.email])
    assert "04.03.2031, 10:00 Uhr" in online.body
    assert "http://testserver/aktuelles/pm-sozialplanung/" in online.body
    assert f"http://testserver/admin/pages/{post.pk}/edit/" in online.body


def test_daily_digest_of_tomorrow_is_sent_once_a_day(client, news_section, people, freeze_clock):
    freeze_clock(datetime.datetime(2031, 3, 2, 9, 0, tzinfo=BERLIN))
    _editor, communications = people
    post = _schedule(client, people, go_live="2031-03-04T10:00")
    expiring, _old = _live_post_with_draft(communications)
    client.force_login(communications)
    client.post(reverse("editorial_expiry", args=[expiring.pk]), {"expire_at": "2031-03-04T18:30"})
    mail.outbox.clear()

    freeze_clock(datetime.datetime(2031, 3, 3, 13, 59, tzinfo=BERLIN))
    send_due_notices()
    assert mail.outbox == []  # before the digest hour

    freeze_clock(datetime.datetime(2031, 3, 3, 14, 1, tzinfo=BERLIN))
    send_due_notices()
    freeze_clock(datetime.datetime(2031, 3, 3, 17, 0, tzinfo=BERLIN))
    send_due_notices()
    [digest] = mail.outbox
    assert digest.subject == "Morgen online, 04.03.2031"
    assert digest.to == [communications.email]
    assert "10:00 Uhr: Pressemitteilung Sozialplanung" in digest.body
    assert f"http://testserver/admin/pages/{post.pk}/view_draft/" in digest.body
    assert f"18:30 Uhr: {expiring.title}" in digest.body
    assert "http://testserver/admin/redaktionskalender/" in digest.body

    # The next day: a digest of its own, here with nothing planned for the day after, so no mail.
    freeze_clock(datetime.datetime(2031, 3, 4, 15, 0, tzinfo=BERLIN))
    send_due_notices()
    assert [m.subject for m in mail.outbox if m.subject.startswith("Morgen")] == ["Morgen online, 04.03.2031"]


def test_the_approve_buttons_write_the_verb_in_lower_case(client, demo_site, people):
    """Wagtail's German reads "Freigeben und Veröffentlichen"; an editor writes "veröffentlichen"."""
    editor, communications = people
    post = _submitted(client, editor)
    client.force_login(communications)
    edit = client.get(f"/admin/pages/{post.pk}/edit/").content.decode()
    assert "Freigeben und veröffentlichen" in edit and "Mit Kommentar freigeben und veröffentlichen" in edit
    assert "und Veröffentlichen" not in edit


def test_the_expiry_form_names_its_page(client, demo_site, people):
    _editor, communications = people
    post, old_title = _live_post_with_draft(communications)
    client.force_login(communications)
    page = client.get(reverse("editorial_expiry", args=[post.pk])).content.decode()
    heading = page.split('id="header-title"', 1)[1].split("</h2>", 1)[0]
    assert old_title in heading
