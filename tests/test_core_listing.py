"""Every listing answers bad input the same way (ikpe_site/core/listing.py): never a 500, never a silently
different list; a bad page number or an unknown filter value is a 404."""

import pytest

from events.models import EventIndexPage
from ikpe_site.core.models import StandardPage
from news.models import NewsIndexPage, NewsPage
from people.models import PeopleIndexPage, PersonPage
from projects.models import ProjectIndexPage, ProjectPage
from publications.models import PublicationIndexPage, PublicationPage
from tests.factories import EventPageFactory

# listing: (address with the query every request of the table shares, name of a filter it has)
LISTINGS = {
    "news": ("/aktuelles/?", "thema"),
    "events": ("/termine/?", "thema"),
    "projects": ("/projekte/?", "thema"),
    "publications": ("/publikationen/?", "thema"),
    "people": ("/team/?", None),
    "search": ("/suche/?q=Armut&", "art"),
}
BAD_INPUT = [
    ("page=abc", 404),
    ("page=-1", 404),
    ("page=0", 404),
    ("page=1.5", 404),
    ("page=99999", 404),
    ("page=%00", 404),
    ("page=1", 200),
    ("page=", 200),
    ("utm_source=newsletter", 200),
    ("", 200),
]
UNKNOWN_FILTER = [("{filter}=gibt-es-nicht", 404), ("{filter}=%00", 404), ("{filter}=", 200)]


def add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def listings(home):
    news = add(home, NewsIndexPage(title="Aktuelles", slug="aktuelles"))
    add(news, NewsPage(title="Armut in Thüringen", slug="armut"))
    events = add(home, EventIndexPage(title="Termine", slug="termine"))
    EventPageFactory(parent=events, title="Fachtag Armut")
    projects = add(home, ProjectIndexPage(title="Projekte", slug="projekte"))
    add(projects, ProjectPage(title="Armutsprävention", slug="arm", short_name="ARM"))
    publications = add(home, PublicationIndexPage(title="Publikationen", slug="publikationen"))
    add(publications, PublicationPage(title="Armutsbericht", slug="armutsbericht", year=2020))
    people = add(home, PeopleIndexPage(title="Team", slug="team"))
    add(people, PersonPage(title="Erika Muster", slug="erika-muster", first_name="Erika", last_name="Muster"))
    add(home, StandardPage(title="Armut und Teilhabe", slug="armut-und-teilhabe"))


@pytest.mark.parametrize("listing", LISTINGS)
def test_every_listing_answers_bad_input_the_same_way(client, listings, listing):
    path, name_of_filter = LISTINGS[listing]
    table = BAD_INPUT + (UNKNOWN_FILTER if name_of_filter else [])  # the team page has no filter
    for query, status in table:
        response = client.get(path + query.format(filter=name_of_filter))
        assert response.status_code == status, query
        if status == 200:
            assert response.context["page_obj"].number == 1, query
            assert response.context["page_obj"].paginator.count >= 1, query  # a real page 1, not an empty one


def test_pagination_links_keep_the_filters_in_canonical_form(client, home):
    projects = add(home, ProjectIndexPage(title="Projekte", slug="projekte"))
    for number in range(13):
        add(
            projects,
            ProjectPage(
                title=f"Projekt {number}", slug=f"p{number}", short_name=f"P{number}", status_override="running"
            ),
        )
    html = client.get("/projekte/?status=laufend&utm_source=x&thema=").content.decode()
    assert 'href="/projekte/?status=laufend&amp;page=2"' in html  # unused and empty parameters are left out
    html = client.get("/projekte/?status=laufend&page=2").content.decode()
    assert 'href="/projekte/?status=laufend" rel="prev"' in html  # page 1 has no page parameter
