import time

import pytest

from ikpe_site.core.models import TopicIndexPage, TopicPage
from people.models import PeopleIndexPage, PersonPage
from projects.models import ProjectIndexPage, ProjectPage
from publications.models import Category, PublicationAuthor, PublicationIndexPage, PublicationPage, PublicationType
from tests.utils import count_queries


def add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_publication(index, slug, authors=(), topics=(), projects=(), publish=True, **fields):
    """A publication with author rows given as (family, given, person or None, role) tuples."""
    fields.setdefault("title", slug.replace("-", " ").title())
    fields.setdefault("year", 2020)
    page = PublicationPage(
        slug=slug,
        authors=[
            PublicationAuthor(family_name=family, given_name=given, person=person, role=role, sort_order=number)
            for number, (family, given, person, role) in enumerate(authors)
        ],
        topics=list(topics),
        projects=list(projects),
        live=publish,
        **fields,
    )
    index.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


@pytest.fixture
def catalogue(home):
    """An index with people, topics and projects to filter by, and no publications yet."""
    topic_index = add(home, TopicIndexPage(title="Unsere Themen", slug="themen"))
    team = add(home, PeopleIndexPage(title="Team", slug="team"))
    projects = add(home, ProjectIndexPage(title="Projekte", slug="projekte"))
    return {
        "index": add(home, PublicationIndexPage(title="Publikationen", slug="publikationen")),
        "fischer": add(
            team,
            PersonPage(title="Prof. Dr. Jörg Fischer", slug="joerg-fischer", first_name="Jörg", last_name="Fischer"),
        ),
        "hilse": add(
            team,
            PersonPage(
                title="Dr. Theresa Hilse-Carstensen",
                slug="theresa-hilse-carstensen",
                first_name="Theresa",
                last_name="Hilse-Carstensen",
            ),
        ),
        "poverty": add(topic_index, TopicPage(title="Armutsprävention", slug="armutspraevention")),
        "family": add(topic_index, TopicPage(title="Lokale Familienpolitik", slug="lokale-familienpolitik")),
        "lsz": add(projects, ProjectPage(title="Landesprogramm LSZ", slug="lsz", short_name="LSZ")),
    }


@pytest.fixture
def works(catalogue):
    c = catalogue
    fischer = ("Fischer", "Jörg", c["fischer"], "author")
    hilse = ("Hilse-Carstensen", "Theresa", c["hilse"], "author")
    return {
        "a": make_publication(
            c["index"],
            "familienpolitik-2019",
            authors=[fischer, hilse],
            topics=[c["family"]],
            projects=[c["lsz"]],
            category=Category.ARTICLES,
            year=2019,
            title="Familienpolitische Ansätze in ländlichen Räumen",
        ),
        "b": make_publication(
            c["index"],
            "armut-2019",
            authors=[fischer],
            topics=[c["poverty"]],
            category=Category.REPORTS,
            year=2019,
            title="Armut in Thüringen",
            publication_type=PublicationType.REPORT,
        ),
        "c": make_publication(
            c["index"],
            "familie-2020",
            authors=[hilse],
            topics=[c["family"], c["poverty"]],
            category=Category.ARTICLES,
            year=2020,
            title="Familie und Sozialplanung",
        ),
        "d": make_publication(
            c["index"],
            "helbig-2019",
            authors=[("Helbig", "Marcel", None, "author")],
            topics=[c["poverty"]],
            category=Category.REPORTS,
            year=2019,
            title="Wo findet Integration statt?",
            abstract="Zuwanderung in Städten",
        ),
        "draft": make_publication(
            c["index"],
            "entwurf-2019",
            authors=[fischer],
            category=Category.ARTICLES,
            year=2019,
            title="Unveröffentlichter Entwurf",
            publish=False,
        ),
    }


def titles(response):
    return {item.title for item in response.context["page_obj"]}


def test_catalogue_lists_newest_first_without_drafts(client, works):
    response = client.get("/publikationen/")
    assert response.status_code == 200
    listed = [item.slug for item in response.context["page_obj"]]
    assert listed[0] == "familie-2020"
    assert set(listed) == {"familienpolitik-2019", "armut-2019", "familie-2020", "helbig-2019"}
    html = response.content.decode()
    assert "Unveröffentlichter Entwurf" not in html
    assert "4 Publikationen" in html  # the German catalogue


@pytest.mark.parametrize(
    "query, expected",
    [
        ("kategorie=beitraege&jahr=2019", {"Familienpolitische Ansätze in ländlichen Räumen"}),
        ("autor=joerg-fischer&thema=armutspraevention", {"Armut in Thüringen"}),
        ("autor=theresa-hilse-carstensen&thema=lokale-familienpolitik&jahr=2020", {"Familie und Sozialplanung"}),
        ("thema=lokale-familienpolitik&projekt=lsz", {"Familienpolitische Ansätze in ländlichen Räumen"}),
        ("kategorie=berichte&thema=armutspraevention", {"Armut in Thüringen", "Wo findet Integration statt?"}),
        ("jahr=2019&autor=theresa-hilse-carstensen&kategorie=berichte", set()),
        ("q=thüringen", {"Armut in Thüringen"}),
        ("q=HELBIG", {"Wo findet Integration statt?"}),
        ("q=familie sozialplanung", {"Familie und Sozialplanung"}),
        ("q=zuwanderung&jahr=2019", {"Wo findet Integration statt?"}),
    ],
)
def test_combined_filters_return_exactly_the_matches(client, works, query, expected):
    response = client.get(f"/publikationen/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_counts_follow_the_other_filters(client, works):
    response = client.get("/publikationen/?autor=joerg-fischer")
    facets = response.context["facets"]
    assert {o["value"]: o["count"] for o in facets["category"]} == {
        "beitraege": 1,
        "berichte": 1,
        "presse": 0,
        "monographien": 0,
    }
    assert {o["value"]: o["count"] for o in facets["topic"]} == {"armutspraevention": 1, "lokale-familienpolitik": 1}
    # The author facet itself ignores the author filter, so every option stays reachable.
    assert {o["value"]: o["count"] for o in facets["author"]} == {"joerg-fischer": 2, "theresa-hilse-carstensen": 2}
    assert [o["selected"] for o in facets["author"]] == [True, False]
    html = response.content.decode()
    assert '<option value="joerg-fischer" selected>Prof. Dr. Jörg Fischer (2)</option>' in html
    assert "Beiträge in Zeitschriften und Sammelwerken (1)" in html


def test_filters_are_links_that_can_be_shared(client, works):
    html = client.get("/publikationen/?thema=armutspraevention&kategorie=berichte").content.decode()
    assert 'href="/publikationen/export/bibtex/?kategorie=berichte&amp;thema=armutspraevention"' in html
    assert 'action="/publikationen/"' in html and 'method="get"' in html


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("kategorie=nonsense", 404),
        ("jahr=abc", 404),
        ("jahr=99999999999999999999", 404),
        ("jahr=-5", 404),
        ("autor=<script>", 404),
        ("autor=niemand", 404),
        ("thema=gibt-es-nicht", 404),
        ("projekt=%00", 404),
        ("q=%00%01", 200),
        ("q=" + "x" * 5000, 200),
        ("page=abc", 404),
        ("page=999", 404),
        ("page=-1", 404),
        ("kategorie=beitraege&kategorie=berichte", 200),
        ("autor[]=1", 200),
        ("jahr=2019.5", 404),
        ("thema=%E2%80%AE", 404),
    ],
)
def test_bad_filter_values_give_404_never_500(client, works, query, status):
    """core/listing.py (issue 18): unknown values are a 404, no longer dropped silently."""
    assert client.get(f"/publikationen/?{query}").status_code == status
    for fmt in ("bibtex", "ris", "csl-json"):  # the export has no pages
        expected = 200 if query.startswith("page=") else status
        assert client.get(f"/publikationen/export/{fmt}/?{query}").status_code == expected


def test_unknown_values_give_404_known_ones_filter(client, works):
    assert client.get("/publikationen/?autor=niemand&thema=armutspraevention").status_code == 404
    response = client.get("/publikationen/?thema=armutspraevention&utm_source=x")
    assert titles(response) == {"Armut in Thüringen", "Wo findet Integration statt?", "Familie und Sozialplanung"}
    assert response.context["listing_query"].urlencode() == "thema=armutspraevention"


def test_a_selected_value_without_matches_stays_visible(client, works):
    html = client.get("/publikationen/?jahr=1800&thema=armutspraevention").content.decode()
    assert '<option value="1800" selected>1800 (0)</option>' in html
    assert '<option value="armutspraevention" selected>Armutsprävention (0)</option>' in html
    assert "Keine Publikation entspricht diesen Filtern." in html


def test_a_topic_slug_does_not_filter_as_a_person(client, works):
    """Slugs resolve per kind: ?autor= with a topic's slug is no person (404)."""
    assert client.get("/publikationen/?autor=armutspraevention").status_code == 404
    assert client.get("/publikationen/?thema=armutspraevention").status_code == 200


def test_pagination_keeps_filters(client, catalogue):
    for number in range(23):
        make_publication(catalogue["index"], f"bericht-{number}", category=Category.REPORTS, year=2000 + number)
    html = client.get("/publikationen/?kategorie=berichte").content.decode()
    assert 'href="/publikationen/?kategorie=berichte&amp;page=2"' in html
    second = client.get("/publikationen/?kategorie=berichte&page=2")
    assert [item.year for item in second.context["page_obj"]] == [2002, 2001, 2000]


def bulk_publications(index, start, stop, people, topics):
    """Live publications `start`..`stop` under `index`, fast: the page rows in one bulk insert with tree paths
    computed as treebeard does, the publication rows inserted raw (as loaddata does), authors and topics in bulk.
    `add_child` with a revision each took over ten minutes for 2,000 pages."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import F
    from wagtail.models import Page

    index.refresh_from_db()
    last = index.get_last_child()
    first_step = PublicationPage._str2int(last.path[-PublicationPage.steplen :]) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(PublicationPage)
    publications = []
    for step, number in enumerate(range(start, stop), start=first_step):
        slug = f"werk-{number}"
        publications.append(
            PublicationPage(
                title=f"Werk {number}",
                draft_title=f"Werk {number}",
                slug=slug,
                live=True,
                content_type=content_type,
                path=PublicationPage._get_path(index.path, index.depth + 1, step),
                depth=index.depth + 1,
                url_path=f"{index.url_path}{slug}/",
                locale_id=index.locale_id,
                year=1950 + number % 70,
                category=Category.values[number % 4],
            )
        )
    page_fields = [field.attname for field in Page._meta.concrete_fields if not field.primary_key]
    rows = Page.objects.bulk_create([Page(**{name: getattr(p, name) for name in page_fields}) for p in publications])
    for publication, row in zip(publications, rows, strict=True):
        publication.pk = publication.id = row.pk
        publication.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(publications))
    PublicationAuthor.objects.bulk_create(
        PublicationAuthor(page=p, family_name=family, given_name=given, person=person, role=role, sort_order=order)
        for number, p in enumerate(publications, start=start)
        for order, (family, given, person, role) in enumerate(
            [("Fischer", "Jörg", people[number % 2], "author"), ("Extern", "Eva", None, "editor")]
        )
    )
    Through = PublicationPage.topics.through
    Through.objects.bulk_create(
        Through(publicationpage=p, topicpage=topics[number % 2]) for number, p in enumerate(publications, start=start)
    )


def catalogue_queries(client):
    url = "/publikationen/?kategorie=beitraege&thema=armutspraevention"
    # Warm up as a running server is: content types, site root, cached settings (the very first request may
    # create the site settings, which invalidates the cache once more).
    client.get(url)
    client.get(url)
    response, queries = count_queries(client, url)
    assert response.status_code == 200
    return response, queries


def test_catalogue_query_count_does_not_grow_with_2000_publications(client, catalogue):
    people = [catalogue["fischer"], catalogue["hilse"]]
    topics = [catalogue["poverty"], catalogue["family"]]
    for number in range(10):
        make_publication(
            catalogue["index"],
            f"werk-{number}",
            year=1950 + number,
            category=Category.values[number % 4],
            authors=[("Fischer", "Jörg", people[number % 2], "author"), ("Extern", "Eva", None, "editor")],
            topics=[topics[number % 2]],
        )
    response, few = catalogue_queries(client)
    assert response.context["page_obj"].paginator.count == 3  # werk-0, werk-4, werk-8

    started = time.monotonic()
    bulk_publications(catalogue["index"], 10, 2000, people, topics)
    assert time.monotonic() - started < 60
    assert PublicationPage.objects.live().child_of(catalogue["index"]).count() == 2000
    assert client.get("/publikationen/werk-1999/").status_code == 200  # the bulk pages are real pages

    response, many = catalogue_queries(client)
    assert response.context["page_obj"].paginator.count == 500
    assert len(response.context["page_obj"]) == 20
    assert {o["value"]: o["count"] for o in response.context["facets"]["author"]} == {"joerg-fischer": 500}
    assert many == few
