"""Newsletter in the admin and the scheduler: roles, preview, test send, calendar hook, announcements once,
issues only when approved and due, retries with back-off."""

import re
import smtplib
from datetime import datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from newsletter import outbox
from newsletter.models import Announcement, Delivery, Mailing, NewsletterIssuePage, Subscriber

from .newsletter_utils import add_issue, build_site


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("connection unexpectedly closed")


def user(name, group):
    account = get_user_model().objects.create_user(name, email=f"{name}@ikpe.example", password="x-secret-123")
    account.groups.add(Group.objects.get(name=group))
    return account


def subscriber(email, *categories, confirmed=True):
    now = timezone.now()
    person = Subscriber.objects.create(
        email=email, confirmed_at=now if confirmed else None, consent_version="t", consent_text="t", consented_at=now
    )
    person.categories.set(categories)
    return person


@pytest.fixture
def site(home, settings):
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NEWSLETTER_MAILS_PER_SECOND = 0
    return build_site(home)


def test_only_administration_sees_subscribers_and_exports_are_logged(client, site):
    subscriber("leserin@example.org")
    index = reverse("newsletter_subscribers:index")
    for name, group in (("red", "Redaktion"), ("kom", "Kommunikation")):
        client.force_login(user(name, group))
        assert client.get(index).status_code in (302, 403)
        assert client.get(index + "?export=csv").status_code in (302, 403)
    client.force_login(user("kom2", "Kommunikation"))
    assert client.get(reverse("newsletter_mailings:index")).status_code == 200  # counts and failures
    admin = user("adm", "Administration")
    client.force_login(admin)
    assert "leserin@example.org" in client.get(index).content.decode()
    assert not ModelLogEntry.objects.filter(action="newsletter.export").exists()
    export = client.get(index + "?export=csv")
    assert b"leserin@example.org" in b"".join(export.streaming_content if export.streaming else [export.content])
    entry = ModelLogEntry.objects.get(action="newsletter.export")
    assert entry.user == admin and entry.data["count"] == 1


def test_preview_as_html_mail_and_plain_text_and_test_send(client, site):
    issue = add_issue(site["page"], "Ausgabe Vorschau", None, site["post"])
    html = issue.make_preview_request(preview_mode="").content.decode()
    text = issue.make_preview_request(preview_mode="text")
    assert '<html lang="de">' in html and "Neuer Sozialstrukturatlas" in html
    assert text["Content-Type"].startswith("text/plain")
    assert "http://testserver/aktuelles/atlas/" in text.content.decode()
    editor = user("red", "Redaktion")
    client.force_login(editor)
    url = reverse("newsletter_test_send", args=[issue.pk])
    assert client.get(url).status_code == 200
    client.post(url)
    [message] = mail.outbox
    assert message.to == ["red@ikpe.example"] and message.subject == "[Test] Ausgabe Vorschau"
    assert message.alternatives[0].mimetype == "text/html"
    assert not Mailing.objects.exists()  # a test send is no send
    # No recipient's links exist for a sample: preview and test mail say so instead of carrying dead links.
    for part in (html, text.content.decode(), message.body, message.alternatives[0].content):
        assert "In dieser Fassung sind sie nicht aktiv." in part
        assert "/newsletter/abmelden/" not in part and "/newsletter/einstellungen/" not in part
    assert "List-Unsubscribe" not in message.extra_headers


def test_send_times_reach_the_editorial_calendar(site):
    at = timezone.now() + timedelta(days=2)
    issue = add_issue(site["page"], "Ausgabe Kalender", at)
    [hook] = hooks.get_hooks("editorial_calendar_items")
    items = list(hook(timezone.now(), timezone.now() + timedelta(days=7), user("red", "Redaktion")))
    assert [(item.kind, item.at, item.edit_url) for item in items] == [
        ("newsletter", at, reverse("wagtailadmin_pages:edit", args=[issue.pk]))
    ]
    assert "Ausgabe Kalender" in items[0].title
    assert (
        list(hook(timezone.now() + timedelta(days=3), timezone.now() + timedelta(days=7), user("kom", "Kommunikation")))
        == []
    )


def test_issue_goes_out_only_when_published_and_due(site):
    subscriber("a@example.org")
    subscriber("unbestaetigt@example.org", confirmed=False)
    draft = site["page"].add_child(
        instance=NewsletterIssuePage(
            title="Entwurf", slug="entwurf", live=False, send_at=timezone.now() - timedelta(minutes=5)
        )
    )
    later = add_issue(site["page"], "Später", timezone.now() + timedelta(hours=1))
    outbox.run()
    assert not Mailing.objects.exists() and not mail.outbox
    draft.save_revision().publish()
    outbox.run()
    outbox.run()
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert Mailing.objects.get().page_id == draft.pk
    assert later.send_at > timezone.now()


def test_announcement_reaches_the_category_once(site):
    subscriber("presse@example.org", site["category"])
    subscriber("jobs@example.org", site["other"])
    subscriber("alles@example.org")
    Announcement.objects.create(post=site["post"])
    outbox.run()
    outbox.run()
    assert sorted(m.to[0] for m in mail.outbox) == ["alles@example.org", "presse@example.org"]
    message = mail.outbox[0]
    assert message.subject == "Neuer Sozialstrukturatlas"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Mailing.objects.get().kind == Mailing.Kind.ANNOUNCEMENT


def test_failures_are_retried_with_growing_pauses_then_reported(site, settings):
    subscriber("a@example.org")
    add_issue(site["page"], "Ausgabe", timezone.now() - timedelta(minutes=1))
    settings.EMAIL_DELIVERY_BACKEND = "tests.test_newsletter_admin.RefusingBackend"
    outbox.run()
    row = Delivery.objects.get()
    assert (row.status, row.attempts) == ("queued", 1)
    assert "SMTPServerDisconnected" in row.last_error
    pauses = []
    for _ in outbox.RETRY_DELAYS:
        pauses.append(round((row.next_attempt_at - timezone.now()).total_seconds() / 60))
        Delivery.objects.update(next_attempt_at=timezone.now())
        outbox.send_due()
        row.refresh_from_db()
    assert pauses == [1, 5, 30, 120]
    assert (row.status, row.attempts) == ("failed", 5)
    assert Mailing.objects.get().failed() == 1 and "SMTPServerDisconnected" in Mailing.objects.get().failures()


def issue_form(issue, send_at, **extra):
    return nested_form_data(
        {
            "title": issue.title,
            "slug": issue.slug,
            "intro": rich_text(""),
            "teaser": "",
            "send_at": send_at,
            "items": inline_formset([]),
            "comments": inline_formset([]),
            **extra,
        }
    )


@pytest.mark.parametrize("group, may_schedule", [("Redaktion", False), ("Kommunikation", True)])
def test_only_kommunikation_sets_the_send_time(client, site, group, may_schedule):
    """The send time starts the send: Redaktion sees it read-only, and a posted one is ignored; a restored older
    revision keeps the current send time; a copy of an issue has none."""
    scheduled = timezone.make_aware(datetime(2036, 7, 1, 9, 0))
    issue = add_issue(site["page"], "Ausgabe Juli", scheduled)
    issue.send_at = timezone.make_aware(datetime(2036, 6, 1, 9, 0))
    old_revision = issue.save_revision()
    issue.send_at = scheduled
    issue.save_revision()
    client.force_login(user("person", group))
    edit_url = reverse("wagtailadmin_pages:edit", args=[issue.pk])
    form = client.get(edit_url).content.decode()
    field = re.search(r"<input[^>]*name=\"send_at\"[^>]*>", form)[0]
    assert ("disabled" in field) is not may_schedule
    assert ("Den Versandzeitpunkt legt nur die Kommunikation fest." in form) is not may_schedule

    response = client.post(edit_url, issue_form(issue, "2026-12-24 08:00"))
    assert response.status_code == 302
    draft = NewsletterIssuePage.objects.get(pk=issue.pk).get_latest_revision_as_object()
    expected = timezone.make_aware(datetime(2026, 12, 24, 8, 0)) if may_schedule else scheduled
    assert draft.send_at == expected

    revert = reverse("wagtailadmin_pages:revisions_revert", args=[issue.pk, old_revision.pk])
    assert client.get(revert).status_code == 200
    client.post(revert, issue_form(issue, "2036-06-01 09:00"))
    draft = NewsletterIssuePage.objects.get(pk=issue.pk).get_latest_revision_as_object()
    restored = timezone.make_aware(datetime(2036, 6, 1, 9, 0))
    assert draft.send_at == (restored if may_schedule else expected)

    copy = issue.copy(update_attrs={"slug": "kopie", "title": "Kopie"})
    assert copy.send_at is None
