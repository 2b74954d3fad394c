"""German admin and useful listings: Wagtail borrows Django's humanize strings ("a minute ago"); news newest first;
the screens Redaktion and Kommunikation use daily show no English and no German that contradicts our workflow."""

import datetime
import json
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.admin.templatetags.wagtailadmin_tags import naturaltime
from wagtail.models import Workflow

from ikpe_site.core.roles import COMMUNICATIONS, EDITORS, WORKFLOW_NAME


def test_relative_times_in_the_admin_are_german():
    with translation.override("de"):
        assert naturaltime(timezone.now() - timedelta(seconds=70)) == "vor einer Minute"


def test_the_admin_lists_the_newest_news_first(client, home):
    from django.contrib.auth import get_user_model

    from news.models import NewsIndexPage, NewsPage

    news = home.add_child(instance=NewsIndexPage(title="Aktuelles", slug="aktuelles"))
    for title in ("Ältere Meldung", "Neueste Meldung"):
        post = news.add_child(instance=NewsPage(title=title, date=datetime.date(2026, 1, 1)))
        post.save_revision().publish()
    client.force_login(get_user_model().objects.create_superuser("listen-admin", "l@example.org", "geheim-1"))
    html = client.get(f"/admin/pages/{news.pk}/").content.decode()
    assert html.index("Neueste Meldung") < html.index("Ältere Meldung")


# --- The screens Redaktion and Kommunikation use daily, free of English and of inconsistent German (issue 15) ---

# English left in Wagtail's German catalogue, and German that contradicts our workflow "Freigabe durch
# Kommunikation" (pattern, what an editor would otherwise read).
LEFTOVERS = [
    (r"\d+-\d+ of \d+", "pagination '1-22 of 22 Meldungen'"),
    (r"Go-Live", "'Go-Live' instead of 'Veröffentlichung'"),
    (r"Reviewer|Gutachter", "'Reviewer' and 'Gutachter' for the same people"),
    (r"Moderation", "'Moderation' instead of 'Freigabe'"),
    (r"genehmig", "'Mit Kommentar genehmigen' next to 'Freigeben'"),
    (r"[Aa]bgelehnt|ablehnen", "'abgelehnt' after 'Änderungen anfordern'"),
    (r"-Objekt", "'seite-Objekt' with lower-case model names"),
    (
        r"A network error occurred|Troubleshoot your connection|View latest version|Proceeding will",
        "the English autosave/conflict dialog",
    ),
    (r"Actions \(footer\)|\bBreadcrumb\b", "English labels for screen readers"),
]


class _Text(HTMLParser):
    """What an editor reads or hears: text outside scripts and styles (dialog templates included), plus titles,
    labels and placeholders; class names and data attributes are left out."""

    ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style", "svg")
        self.parts += [value for name, value in attrs if name in self.ATTRIBUTES and value]

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style", "svg") and self.hidden > 0

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(response):
    body = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        body = json.loads(body)["html"]
    parser = _Text()
    parser.feed(body)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


@pytest.fixture
def desk(demo_site, django_user_model):
    """A news post that Kommunikation sent back once ("Änderungen anfordern") and Redaktion resubmitted, a
    news category with a draft, and a user of each role."""
    from news.models import NewsCategory, NewsIndexPage, NewsPage

    users = {}
    for group in (EDITORS, COMMUNICATIONS):
        users[group] = django_user_model.objects.create_user(
            f"{group.lower()}-admin-de", password="x-secret-123", first_name="Erika", last_name=group
        )
        users[group].groups.add(Group.objects.get(name=group))
    index = NewsIndexPage.objects.get()
    post = NewsPage.objects.live().order_by("pk").first()
    first_revision = post.latest_revision
    post.title += " (überarbeitet)"
    post.go_live_at = timezone.now() + timedelta(days=7)  # the status panel shows the planned publication
    post.save_revision(user=users[EDITORS])
    workflow_state = Workflow.objects.get(name=WORKFLOW_NAME).start(post, users[EDITORS])
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, users[COMMUNICATIONS], "reject", comment="Bitte kürzen")
    workflow_state.refresh_from_db()
    workflow_state.resume(users[EDITORS])
    task_state = post.current_workflow_state.current_task_state
    category = NewsCategory.objects.order_by("pk").first()
    category.name += " (neu)"
    category.save_revision(user=users[EDITORS])
    screens = {
        "/admin/": "Geplante Veröffentlichungen",
        f"/admin/pages/{index.pk}/": "Live + in Freigabe",
        f"/admin/pages/{post.pk}/edit/": "Prüfer*innen",
        f"/admin/pages/add/news/newspage/{index.pk}/": "Alle können diesen Eintrag bearbeiten",
        f"/admin/pages/{post.pk}/history/": "Änderungen angefordert",
        reverse(
            "wagtailadmin_pages:revisions_compare", args=(post.pk, first_revision.pk, post.latest_revision.pk)
        ): "Änderungen",
        reverse("wagtailadmin_pages:workflow_history", args=(post.pk,)): "Freigabe durch Kommunikation",
        reverse(
            "wagtailadmin_pages:workflow_history_detail", args=(post.pk, workflow_state.pk)
        ): "Änderungen angefordert",
        reverse("wagtailsnippets_news_newscategory:list"): "Kategorien für Meldungen",
        reverse(
            "wagtailsnippets_news_newscategory:edit", args=(category.pk,)
        ): "In Freigabe durch Kommunikation einreichen",
        "/admin/images/": "Bilder",
        "/admin/documents/": "Dokumente",
        reverse("editorial_calendar"): "Redaktionskalender",
        "/admin/reports/workflow/": "Freigabe durch Kommunikation",
        "/admin/reports/site-history/": "Änderungen angefordert",
    }
    approve = reverse("wagtailadmin_pages:workflow_action", args=(post.pk, "approve", task_state.pk))
    return users, screens, approve


@pytest.mark.parametrize("role", [EDITORS, COMMUNICATIONS])
def test_the_editorial_screens_speak_consistent_german(client, desk, role):
    users, screens, approve = desk
    if role == COMMUNICATIONS:  # only Kommunikation approves, from the dashboard or the approve dialog
        screens["/admin/"] = "Mit Kommentar freigeben"
        screens[approve] = "Kommentar"
    client.force_login(users[role])
    problems = []
    for url, expected in screens.items():
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response)
        if expected not in text:
            problems.append(f"{url}: {expected!r} missing")
        for pattern, what in LEFTOVERS:
            if match := re.search(pattern, text):
                problems.append(f"{url}: {what}: …{text[max(match.start() - 60, 0) : match.end() + 60]}…")
    assert not problems, "\n".join(problems)


def test_the_admin_javascript_catalogue_takes_our_overrides(client, desk):
    users, _, _ = desk
    client.force_login(users[EDITORS])
    catalogue = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    assert '"Fair": "Mittel"' in catalogue  # "Lesbarkeit: Fair" in the content checks
    assert '"Good": "Gut"' in catalogue  # Wagtail's own translations still arrive


def test_a_document_uploaded_by_redaktion_offers_german_buttons(client, desk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    users, _, _ = desk
    client.force_login(users[EDITORS])
    upload = SimpleUploadedFile("protokoll.txt", b"Protokoll der Sitzung", content_type="text/plain")
    response = client.post("/admin/documents/multiple/add/", {"files[]": upload})
    assert response.status_code == 200 and response.json()["success"]
    form = response.json()["form"]  # the form shown under each upload, to give the document its title
    parser = _Text()
    parser.feed(form)
    text = " ".join(parser.parts)
    assert "Aktualisieren" in text and not re.search(r"\bUpdate\b", text)
