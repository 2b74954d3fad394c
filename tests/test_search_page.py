import datetime

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from ikpe_site.core.models import StandardPage
from sitesearch.search import KINDS, OTHER_PAGES, clean_query
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PeopleIndexPageFactory,
    PersonPageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    PublicationIndexPageFactory,
    PublicationPageFactory,
    StandardPageFactory,
    paragraphs,
    pdf_document,
    placeholder_image,
)


def add_page(parent, title, text="", **fields):
    page = StandardPage(title=title, body=paragraphs(text) if text else [], **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def result_titles(response):
    return [item.title for item in response.context["page_obj"].object_list]


def test_search_finds_title_teaser_and_body(client, home):
    add_page(home, "Sozialstrukturatlas Erfurt", teaser="Daten für die Sozialplanung.")
    add_page(home, "Ein Bericht", "Der neue Sozialstrukturatlas liegt vor.")
    add_page(home, "Etwas anderes", "Nichts davon.")
    response = client.get("/suche/?q=Sozialstrukturatlas")
    assert response.status_code == 200
    assert set(result_titles(response)) == {"Sozialstrukturatlas Erfurt", "Ein Bericht"}
    response = client.get("/suche/?q=Sozialstrukturatlas&art=seiten")
    html = response.content.decode()
    assert "Seiten: 2 Ergebnisse für „Sozialstrukturatlas“" in html
    assert "Daten für die Sozialplanung." in html  # the teaser
    assert '<meta name="robots" content="noindex">' in html
    assert html.count('<meta name="description"') == 1
    assert '<meta name="description" content="Die Website des Instituts durchsuchen: Aktuelles' in html
    assert not response.cookies  # anonymous visitors get no cookie, not even from the search


def test_every_word_must_match_and_case_and_umlauts_do_not_matter(client, home):
    add_page(home, "Armutsprävention in Thüringen")
    add_page(home, "Armutsprävention in Sachsen")
    assert result_titles(client.get("/suche/?q=armutsprävention thüringen")) == ["Armutsprävention in Thüringen"]
    assert len(result_titles(client.get("/suche/?q=ARMUTSPRÄVENTION"))) == 2
    # Both databases fold umlauts: SQLite's FTS5 tokenizer drops diacritics, PostgreSQL's German stemmer too.
    assert len(result_titles(client.get("/suche/?q=Armutspravention"))) == 2


def test_exact_word_form_is_found_on_every_database(client, home):
    add_page(home, "Sozialplanung", "Die Planung der sozialen Infrastruktur.")
    assert result_titles(client.get("/suche/?q=Planung")) == ["Sozialplanung"]


@pytest.mark.postgres  # German stemming needs PostgreSQL full-text search
def test_inflected_form_finds_base_form_on_postgresql(client, home):
    add_page(home, "Sozialplanung", "Die Planung der sozialen Infrastruktur.")
    add_page(home, "Familienpolitik", "Lokale Bündnisse für Familien.")
    assert result_titles(client.get("/suche/?q=Planungen")) == ["Sozialplanung"]
    assert result_titles(client.get("/suche/?q=Familie")) == ["Familienpolitik"]
    assert result_titles(client.get("/suche/?q=B%C3%BCndnis")) == ["Familienpolitik"]  # "Bündnis"


@pytest.fixture
def one_of_each(home):
    """One public page of each kind the search tells apart, each naming the IKPE (the person by name only)."""
    return {
        "news.NewsPage": NewsPageFactory(
            parent=NewsIndexPageFactory(parent=home), title="Fachtag des IKPE in Gera", date=datetime.date(2024, 5, 14)
        ),
        "projects.ProjectPage": ProjectPageFactory(
            parent=ProjectIndexPageFactory(parent=home), title="Sozialplanung mit dem IKPE"
        ),
        "people.PersonPage": PersonPageFactory(
            parent=PeopleIndexPageFactory(parent=home), first_name="Erika", last_name="Mustermann"
        ),
        "publications.PublicationPage": PublicationPageFactory(
            parent=PublicationIndexPageFactory(parent=home), title="Bericht des IKPE zur Armut", year=2019
        ),
        "events.EventPage": EventPageFactory(parent=EventIndexPageFactory(parent=home), title="Werkstatt des IKPE"),
        "core.StandardPage": StandardPageFactory(parent=home, title="Über das IKPE"),
    }


@pytest.mark.parametrize("label", ["people.PersonPage", "projects.ProjectPage", "publications.PublicationPage"])
def test_people_projects_and_publications_are_found_by_name(client, one_of_each, label):
    page = one_of_each[label]
    response = client.get("/suche/", {"q": page.title})
    assert page.pk in [item.pk for item in response.context["page_obj"].object_list]
    assert f'href="{page.url}"' in response.content.decode()


def test_a_person_is_found_by_surname(client, one_of_each):
    person = one_of_each["people.PersonPage"]
    response = client.get("/suche/", {"q": "Mustermann"})
    assert person.pk in [item.pk for item in response.context["page_obj"].object_list]


def test_results_can_be_narrowed_to_one_kind(client, one_of_each):
    response = client.get("/suche/?q=IKPE")
    links = {link["label"]: link for link in response.context["kind_links"]}
    assert links["Alle"]["current"]
    assert sum(link["count"] for label, link in links.items() if label != "Alle") == links["Alle"]["count"]
    counts = {str(label): link["count"] for label, link in links.items()}
    assert len([kind for kind in KINDS if counts.get(str(kind.label))]) >= 4  # IKPE is in most kinds of page
    for kind in KINDS:
        response = client.get("/suche/", {"q": "IKPE", "art": kind.slug})
        assert response.status_code == 200
        page_obj = response.context["page_obj"]
        # Each filter returns exactly the results counted for its kind: a filter that drops them all fails here.
        assert page_obj.paginator.count == counts.get(str(kind.label), 0), kind.slug
        results = page_obj.object_list
        assert len(results) == min(counts.get(str(kind.label), 0), page_obj.paginator.per_page), kind.slug
        known = {apps.get_model(label) for other in KINDS for label in other.models}
        for item in results:
            if kind.slug == OTHER_PAGES:
                assert type(item) not in known
            else:
                assert type(item) in {apps.get_model(label) for label in kind.models}
    html = client.get("/suche/?q=IKPE&art=seiten").content.decode()
    assert 'aria-current="page">Seiten' in html


def test_a_pasted_title_with_dashes_and_quotes_finds_its_page(client, home):
    add_page(home, "Sozialplanung im Kontext – 21. ESPAnet-Tagung in Warschau")
    add_page(home, "Programm „Thüringer Präventionsketten“ zieht Bilanz")
    for title in (
        "Sozialplanung im Kontext – 21. ESPAnet-Tagung in Warschau",
        "Programm „Thüringer Präventionsketten“ zieht Bilanz",
        "Präventionsketten \" – '",
    ):
        assert len(result_titles(client.get("/suche/", {"q": title}))) == 1, title


def test_results_show_kind_and_date(client, one_of_each):
    news = one_of_each["news.NewsPage"]
    response = client.get("/suche/", {"q": news.title, "art": "news"})
    item = next(item for item in response.context["page_obj"].object_list if item.pk == news.pk)
    assert item.search_meta == "Aktuelles · 14.05.2024"
    assert item.search_meta in response.content.decode()
    publication = one_of_each["publications.PublicationPage"]  # no day of publication: the year
    response = client.get("/suche/", {"q": publication.title, "art": "publikationen"})
    item = next(item for item in response.context["page_obj"].object_list if item.pk == publication.pk)
    assert item.search_meta == "Publikation · 2019"


def test_documents_are_found_by_title_unless_restricted(client, home):
    pdf_document("Vereinssatzung (Testdokument)", ["§ 1 Name und Sitz"])
    pdf_document("Jahresbericht (Testdokument)", ["Bericht"])
    html = client.get("/suche/?q=Vereinssatzung").content.decode()
    assert "Vereinssatzung (Testdokument)" in html and 'id="search-documents-title"' in html
    response = client.get("/suche/?q=Vereinssatzung&art=dokumente")
    titles = [document.title for document in response.context["page_obj"].object_list]
    assert titles == ["Vereinssatzung (Testdokument)"]

    internal = Collection.get_first_root_node().add_child(name="Intern")
    get_document_model().objects.create(title="Satzungsentwurf intern", collection=internal)
    assert "Satzungsentwurf intern" in client.get("/suche/?q=Satzungsentwurf").content.decode()
    CollectionViewRestriction.objects.create(collection=internal, restriction_type="login")
    html = client.get("/suche/?q=Satzungsentwurf").content.decode()
    assert "Satzungsentwurf intern" not in html and "Keine Ergebnisse" in html


def test_editors_picks_come_first(client, home):
    add_page(home, "Bericht über Armut", "Armut in Thüringen.")
    target = add_page(home, "Unser Themenschwerpunkt")
    draft = StandardPage(title="Entwurf eines Schwerpunkts", live=False)
    home.add_child(instance=draft)
    query = Query.get("Armut")
    SearchPromotion.objects.create(query=query, page=target, sort_order=1, description="Alles zum Thema.")
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://www.fh-erfurt.de/",
        external_link_text="Fachhochschule Erfurt",
        sort_order=0,
    )
    SearchPromotion.objects.create(query=query, page=draft, sort_order=2)
    html = client.get("/suche/?q=armut").content.decode()
    picks = html.index("Empfehlungen der Redaktion")
    assert picks < html.index("Fachhochschule Erfurt") < html.index("Unser Themenschwerpunkt")
    assert html.index("Unser Themenschwerpunkt") < html.index("Bericht über Armut")
    assert "Alles zum Thema." in html
    assert "Entwurf eines Schwerpunkts" not in html


def test_pagination_keeps_query_and_kind(client, home):
    for number in range(12):
        add_page(home, f"Netzwerk {number}", "Netzwerkarbeit im Landkreis.")
    response = client.get("/suche/?q=Netzwerkarbeit&art=seiten")
    assert len(response.context["page_obj"].object_list) == 10
    assert 'href="/suche/?q=Netzwerkarbeit&amp;art=seiten&amp;page=2"' in response.content.decode()
    assert len(client.get("/suche/?q=Netzwerkarbeit&art=seiten&page=2").context["page_obj"].object_list) == 2
    # core/listing.py (issue 18): page numbers out of range or nonsense and unknown kinds are a 404.
    assert client.get("/suche/?q=Netzwerkarbeit&page=99").status_code == 404
    assert client.get("/suche/?q=Netzwerkarbeit&page=abc").status_code == 404
    assert client.get("/suche/?q=Netzwerkarbeit&art=quatsch").status_code == 404


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "%20%20",
        "%00",
        "%25",
        "%22",
        "%27",
        "%22Armut",
        "%C3%28",
        "%FF",
        "%E2%82",
        "*",
        "-",
        "NEAR(",
        "AND",
        "a:b",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "%5C",
        "()",
        "%00Armut%00",
    ],
)
def test_odd_queries_give_a_normal_page(client, home, raw):
    add_page(home, "Armut", "Armut in Thüringen.")
    response = client.get(f"/suche/?q={raw}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "Bitte geben Sie einen Suchbegriff ein." in html or "Keine Ergebnisse" in html or "1 Ergebnis für" in html


def test_empty_query_asks_for_a_term_without_touching_the_index(client, home):
    response = client.get("/suche/?q=%00%00")
    assert "Bitte geben Sie einen Suchbegriff ein." in response.content.decode()
    assert not Query.objects.exists()


def test_long_query_is_cut_before_the_database(client, home):
    add_page(home, "Armut")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/suche/", {"q": "Armut " + "x" * 10_000})
    assert response.status_code == 200
    assert "auf 200 Zeichen gekürzt" in response.content.decode()
    assert response.context["query"] == "Armut " + "x" * 194
    assert not any("x" * 201 in query["sql"] for query in ctx.captured_queries)


def test_clean_query():
    assert clean_query(None) == ""
    assert clean_query(' \x00 "Armut"\tin\nErfurt\x07 ') == "Armut in Erfurt"
    assert len(clean_query("ä" * 10_000)) == 200


def statements(client, url):
    """GET `url`; the response and the SQL it ran (shown in full when a count differs)."""
    sql = []

    def record(execute, query, params, many, context):
        sql.append(query)
        return execute(query, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(url)
    return response, sql


def test_results_page_costs_the_same_queries_for_5_or_50_matches(client, home):
    image = placeholder_image("Suchbild", "Ein Testbild")
    for number in range(5):
        add_page(home, f"Zählseite {number}", "Ein Zählwort.", listing_image=image)
    for _ in range(2):  # warm the caches, as a running server has (the first request creates the site settings)
        client.get("/suche/?q=Zählwort")
    response, few = statements(client, "/suche/?q=Zählwort")
    assert len(response.context["page_obj"].object_list) == 5
    for number in range(5, 50):
        add_page(home, f"Zählseite {number}", "Ein Zählwort.", listing_image=image)
    for _ in range(2):  # the new pages changed the content version: warm the caches again
        client.get("/suche/?q=Zählwort")
    response, many = statements(client, "/suche/?q=Zählwort")
    assert response.context["total"] == 50
    assert len(response.context["page_obj"].object_list) == 10
    assert 'class="teaser-image"' in response.content.decode()
    assert len(many) == len(few), "\n".join(["5 matches:", *few, "50 matches:", *many])
    assert len(few) <= 15


def test_ranking_gives_way_to_newest_first_when_sqlite_finds_very_many_pages(client, home, monkeypatch):
    from sitesearch import search as site_search

    add_page(home, "Netzwerkarbeit", "Netzwerkarbeit in den Kommunen, Netzwerkarbeit vor Ort.")  # the best match
    add_page(home, "Ein Bericht", "Auch von Netzwerkarbeit ist die Rede.")
    add_page(home, "Eine Meldung", "Netzwerkarbeit am Rande.")
    ranked = result_titles(client.get("/suche/?q=Netzwerkarbeit"))
    assert ranked[0] == "Netzwerkarbeit"
    monkeypatch.setattr(site_search, "RANK_LIMIT", 2)  # stands in for the thousands that make SQLite slow
    response = client.get("/suche/?q=Netzwerkarbeit")
    assert response.context["total"] == 3
    if connection.vendor == "postgresql":  # ranks in its index, at any number of hits
        assert result_titles(response) == ranked
    else:
        assert result_titles(response) == ["Eine Meldung", "Ein Bericht", "Netzwerkarbeit"]
