"""German search on both databases: umlaut spellings, word forms, place names first, a suggestion for typos.

Every test builds its own pages under a bare home page; none relies on the demo content.
"""

from urllib.parse import quote

from ikpe_site.core.models import StandardPage
from projects.models import District, DistrictIndexPage
from sitesearch.backend import fold, stem
from tests.factories import paragraphs


def add_page(parent, title, text="", **fields):
    page = StandardPage(title=title, body=paragraphs(text) if text else [], **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def result_titles(client, query):
    return [item.title for item in client.get("/suche/", {"q": query}).context["page_obj"].object_list]


def test_a_place_name_finds_the_place_page_first(client, home):
    overview = DistrictIndexPage(title="Mein Landkreis", slug="mein-landkreis")
    home.add_child(instance=overview)
    overview.save_revision().publish()
    District.objects.update_or_create(slug="jena", defaults={"name": "Jena", "kind": "independent_city"})
    add_page(home, "Regionalkonferenz", "Die Konferenz fand in Jena statt. Jena war Gastgeberin.")
    add_page(home, "Sozialplanung in Jena", "Ein Überblick.")
    response = client.get("/suche/?q=Jena")
    assert [place["title"] for place in response.context["places"]] == ["Stadt Jena"]
    html = response.content.decode()
    place_link = html.index('href="/mein-landkreis/jena/"')
    assert place_link < html.index("Sozialplanung in Jena") < html.index("Regionalkonferenz")
    assert "Landkreise und kreisfreie Städte" in html and "Kreisfreie Stadt" in html
    assert client.get("/mein-landkreis/jena/").status_code == 200
    # Within a sentence too, and with the district's full name.
    assert client.get("/suche/?q=Projekte in Jena").context["places"][0]["url"] == "/mein-landkreis/jena/"
    assert client.get("/suche/?q=Stadt Jena").context["places"][0]["title"] == "Stadt Jena"
    assert client.get("/suche/?q=Sozialplanung").context["places"] == []


def test_a_title_match_ranks_before_pages_that_mention_the_word(client, home):
    add_page(home, "Bericht aus den Kommunen", "Netzwerkarbeit hier, Netzwerkarbeit dort, noch mehr Netzwerkarbeit.")
    add_page(
        home,
        "Netzwerkarbeit in Thüringen",
        "Wie Kommunen zusammenarbeiten, mit vielen weiteren Worten über Planung, Beteiligung und Steuerung vor Ort.",
    )
    add_page(home, "Meldung", "Auch Netzwerkarbeit kommt vor.")
    assert result_titles(client, "Netzwerkarbeit")[0] == "Netzwerkarbeit in Thüringen"


def test_ae_oe_ue_ss_find_umlauts_and_sharp_s_and_the_reverse(client, home):
    add_page(home, "Armutsprävention in Thüringen", "Präventionsketten vor Ort.")
    add_page(home, "Neues zur Armutsprävention", "Ein Überblick über die Straße der Bündnisse.")
    add_page(home, "Buergerbeteiligung", "Gruesse aus Thueringen zur Strasse.")
    assert set(result_titles(client, "Armutspraevention")) == {
        "Armutsprävention in Thüringen",
        "Neues zur Armutsprävention",
    }
    assert result_titles(client, "ARMUTSPRAEVENTION THUERINGEN") == ["Armutsprävention in Thüringen"]
    assert result_titles(client, "Bürgerbeteiligung") == ["Buergerbeteiligung"]
    assert set(result_titles(client, "Thüringen")) == {"Armutsprävention in Thüringen", "Buergerbeteiligung"}
    assert set(result_titles(client, "Strasse")) == {"Neues zur Armutsprävention", "Buergerbeteiligung"}
    assert set(result_titles(client, "Straße")) == {"Neues zur Armutsprävention", "Buergerbeteiligung"}


def test_inflected_forms_find_each_other(client, home):
    add_page(home, "Förderung", "Die Auridis Stiftung fördert das Programm.")
    add_page(home, "Partner", "Wir arbeiten mit mehreren Stiftungen zusammen.")
    add_page(home, "Haushalt", "Kein Wort davon.")
    assert set(result_titles(client, "Stiftungen")) == {"Förderung", "Partner"}  # "Förderung" says "Stiftung"
    assert set(result_titles(client, "Stiftung")) == {"Förderung", "Partner"}  # "Partner" says "Stiftungen"
    assert result_titles(client, "Haushalt Stiftung") == []  # every word still has to match


def test_nothing_found_suggests_a_title_spelling_and_the_main_sections(client, home):
    add_page(home, "Armutsprävention in Thüringen", "Präventionsketten vor Ort.")
    add_page(home, "Projekte", show_in_menus=True)
    response = client.get("/suche/?q=Armutsprevention")
    html = response.content.decode()
    assert response.context["total"] == 0 and "Keine Ergebnisse" in html
    assert response.context["suggestion"] == "Armutsprävention"
    url = "?q=" + quote("Armutsprävention")
    assert f'Meinten Sie <a href="{url}">„Armutsprävention“</a>?' in html
    assert result_titles(client, "Armutsprävention") == ["Armutsprävention in Thüringen"]
    assert '<ul class="search-sections"><li><a href="/projekte/">Projekte</a></li></ul>' in html
    # No suggestion when no title word is close, nor when the search found something.
    response = client.get("/suche/?q=Quxzbrq")
    assert response.context["suggestion"] is None and "Meinten Sie" not in response.content.decode()
    assert client.get("/suche/?q=Armutsprävention").context["suggestion"] is None


def test_a_republished_page_is_found_by_its_new_words_only(client, home):
    page = add_page(home, "Tagung", "Die Tagung behandelt Sozialplanung.")
    assert result_titles(client, "Sozialplanung") == ["Tagung"]
    page.body = paragraphs("Die Tagung behandelt Quartiersentwicklungen.")
    page.save_revision().publish()
    assert result_titles(client, "Quartiersentwicklung") == ["Tagung"]
    assert result_titles(client, "Sozialplanung") == []


def test_fold_and_stem():
    assert fold("ARMUTSPRÄVENTION") == fold("Armutspraevention") == "armutspravention"
    assert fold("Straße") == "strasse"
    assert fold("neue Quelle") == "neue quelle"  # "ue" after a vowel or "q" is no umlaut
    assert stem("Stiftungen") == stem("Stiftung") == "stiftung"
    assert stem("ESPAnet-Tagungen") == stem("espanet-tagung")
