"""The admin's per-type listings ("Übersichten") as Redaktion sees them: columns, filters, order, query cost."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import EventPage
from ikpe_site.core.roles import COMMUNICATIONS, EDITORS
from news.models import NewsCategory, NewsIndexPage, NewsPage
from people.models import PersonPage
from projects.models import ProjectPage
from publications.models import PublicationPage

LISTINGS = ["news_listing", "event_listing", "publication_listing", "person_listing", "project_listing"]


@pytest.fixture
def editor(client, demo_site, django_user_model):
    user = django_user_model.objects.create_user(
        "redaktion-listen", password="x-secret-123", first_name="Rita", last_name="Redaktion"
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


def titles(response):
    return re.findall(r'id="page_\d+_title">\s*(.+?)\s*</span>', response.content.decode(), re.S)


@pytest.mark.parametrize("name", LISTINGS)
def test_each_listing_is_in_the_menu_and_opens(client, editor, name):
    response = client.get(f"/admin/{name}/")
    assert response.status_code == 200
    assert f"/admin/{name}/" in client.get("/admin/").content.decode()


def test_news_newest_first_with_date_category_status_and_author(client, editor):
    index = NewsIndexPage.objects.get()
    category = NewsCategory.objects.filter(live=True).first()
    for day, title in [(datetime.date(2019, 3, 1), "Ältere Meldung"), (datetime.date(2031, 3, 1), "Neueste Meldung")]:
        post = index.add_child(instance=NewsPage(title=title, date=day, owner=editor))
        post.categories.add(category)
        post.save_revision(user=editor)
    response = client.get("/admin/news_listing/")
    html = response.content.decode()
    listed = titles(response)
    assert listed[0] == "Neueste Meldung"
    assert listed.index("Neueste Meldung") < listed.index("Ältere Meldung")
    for header in ("Datum", "Kategorien", "Autor*in", "Status"):
        assert re.search(rf">\s*{re.escape(header)}\s*<", html), header
    assert "01.03.2031" in html and "Rita Redaktion" in html and category.name in html


def test_news_filters_by_category_year_and_status(client, editor):
    index = NewsIndexPage.objects.get()
    category = NewsCategory.objects.filter(live=True).first()
    tagged = index.add_child(instance=NewsPage(title="Mit Kategorie", date=datetime.date(2031, 5, 2)))
    tagged.categories.add(category)
    tagged.save()
    draft = index.add_child(instance=NewsPage(title="Nur ein Entwurf", date=datetime.date(2031, 5, 3), live=False))
    assert titles(client.get(f"/admin/news_listing/?categories={category.pk}&year=2031")) == ["Mit Kategorie"]
    drafts = titles(client.get("/admin/news_listing/?state=draft"))
    assert "Nur ein Entwurf" in drafts and "Mit Kategorie" not in drafts
    assert NewsPage.objects.filter(pk=draft.pk, live=False).exists()


@pytest.mark.parametrize(
    "query",
    [
        "year=abc",
        "year=99999999999999",
        "state=weg",
        "categories=999999",
        "categories=x",
        "ordering=nonsense",
        "date_from=31.02.2024",
        "p=abc",
        "p=999",
    ],
)
def test_bad_filter_values_do_not_fail(client, editor, query):
    for name in LISTINGS:
        response = client.get(f"/admin/{name}/?{query}")
        assert response.status_code in (200, 404), (name, query)


def test_events_show_start_date_and_filter_by_year(client, editor):
    event = EventPage.objects.live().order_by("start").first()
    response = client.get(f"/admin/event_listing/?year={event.start.year}")
    html = response.content.decode()
    assert re.search(r">\s*Beginn\s*<", html)
    assert event.title in titles(response)
    assert all(page.start.year == event.start.year for page in EventPage.objects.filter(title__in=titles(response)))


def test_publications_show_year_and_category_and_filter(client, editor):
    publication = PublicationPage.objects.live().exclude(year=None).first()
    response = client.get(f"/admin/publication_listing/?year={publication.year}&category={publication.category}")
    html = response.content.decode()
    assert publication.title in titles(response)
    assert str(publication.year) in html and str(publication.get_category_display()) in html
    assert not PublicationPage.objects.filter(title__in=titles(response)).exclude(year=publication.year).exists()


def test_people_show_position_and_projects_their_status(client, editor):
    person = PersonPage.objects.live().exclude(position="").first()
    assert person.position in client.get("/admin/person_listing/").content.decode()
    running = titles(client.get("/admin/project_listing/?project_status=running"))
    completed = titles(client.get("/admin/project_listing/?project_status=completed"))
    assert running and completed and not set(running) & set(completed)
    assert all(page.status == "running" for page in ProjectPage.objects.filter(title__in=running))


MODELS = dict(zip(LISTINGS, [NewsPage, EventPage, PublicationPage, PersonPage, ProjectPage], strict=True))


def _add_copies(model, start, count, owner):
    """`count` more pages of the type, copied from a live one (with its categories, districts, authors)."""
    original = model.objects.live().order_by("pk").first()
    for number in range(start, start + count):
        original.copy(
            update_attrs={
                "title": f"Kopie {number} {original.title}",
                "slug": f"kopie-{number}-{original.pk}",
                "owner": owner,
            },
            keep_live=bool(number % 2),
            user=owner,
        )


@pytest.mark.parametrize("name", LISTINGS)
def test_listing_query_count_does_not_grow(client, editor, django_user_model, name):
    """Kommunikation: the same number of queries for 3 and 30 more rows. Redaktion: Wagtail's own page
    explorer asks per row (twice) whether the "Delete" menu entry applies (a user without publish permission
    may delete only unpublished pages: `PagePermissionTester.can_delete`); nothing else grows."""
    communications = django_user_model.objects.create_user("kommunikation-listen", password="x-secret-123")
    communications.groups.add(Group.objects.get(name=COMMUNICATIONS))

    def cost(user):
        client.force_login(user)
        client.get(f"/admin/{name}/")  # per-process caches (content types, menu) are filled once
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/admin/{name}/").status_code == 200
        return len(queries)

    model = MODELS[name]
    _add_copies(model, 0, 3, editor)
    few = {user: cost(user) for user in (communications, editor)}
    _add_copies(model, 3, 27, editor)
    assert model.objects.count() >= 30
    assert cost(communications) == few[communications]
    assert cost(editor) - few[editor] <= 2 * 27  # Wagtail's per-row delete checks, nothing of ours


def test_event_projects_and_topics_are_checkboxes_not_ctrl_click_lists(client, editor):
    event = EventPage.objects.live().first()
    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    for field in ("projects", "topics"):
        assert re.search(rf'<input type="checkbox" name="{field}"', html), field
        assert not re.search(rf'<select name="{field}"[^>]*multiple', html), field
