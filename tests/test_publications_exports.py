import json

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts

from publications.citations import reference_html
from publications.models import Category, PublicationIndexPage, PublicationType, Status
from tests.test_publications_catalogue import add, make_publication

TITLE = "Über Armut in Thüringen: Größe, Maß und Übergänge"


@pytest.fixture
def index(home):
    return add(home, PublicationIndexPage(title="Publikationen", slug="publikationen"))


@pytest.fixture
def chapter(index):
    return make_publication(
        index,
        "ueber-armut",
        title=TITLE,
        subtitle="Eine Bestandsaufnahme",
        year=2021,
        category=Category.ARTICLES,
        publication_type=PublicationType.CHAPTER,
        container_title="Handbuch Sozialplanung",
        pages="26–35",
        publisher="Beltz Jüventa",
        place="Weinheim",
        doi="10.1000/xyz-ß",
        abstract="Ärger & Übermut {mit} 100 % Einsatz",
        authors=[
            ("Müller", "Jürgen", None, "author"),
            ("Öztürk", "Ängela", None, "author"),
            ("Schäfer", "Hans-Otto", None, "editor"),
        ],
    )


def download(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == f"{content_type}; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return response.content.decode("utf-8")


def test_bibtex_parses_and_keeps_umlauts(client, chapter):
    text = download(client, "/publikationen/ueber-armut/export/bibtex/", "application/x-bibtex")
    library = bibtexparser.parse_string(text, append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "incollection"
    assert entry["title"] == f"{TITLE}. Eine Bestandsaufnahme"
    assert entry["year"] == "2021"
    assert [(name.last, name.first) for name in entry["author"]] == [(["Müller"], ["Jürgen"]), (["Öztürk"], ["Ängela"])]
    assert [(name.last, name.first) for name in entry["editor"]] == [(["Schäfer"], ["Hans-Otto"])]
    assert entry["booktitle"] == "Handbuch Sozialplanung"
    assert entry["pages"] == "26--35"
    assert entry["abstract"] == r"Ärger \& Übermut \{mit\} 100 \% Einsatz"


def test_ris_parses_and_keeps_umlauts(client, chapter):
    text = download(client, "/publikationen/ueber-armut/export/ris/", "application/x-research-info-systems")
    (entry,) = rispy.loads(text)
    assert entry["type_of_reference"] == "CHAP"
    assert entry["title"] == f"{TITLE}. Eine Bestandsaufnahme"
    assert entry["authors"] == ["Müller, Jürgen", "Öztürk, Ängela"]
    assert entry["secondary_authors"] == ["Schäfer, Hans-Otto"]
    assert entry["year"] == "2021"
    assert (entry["start_page"], entry["end_page"]) == ("26", "35")
    assert entry["secondary_title"] == "Handbuch Sozialplanung"


def test_csl_json_parses_and_keeps_umlauts(client, chapter):
    text = download(client, "/publikationen/ueber-armut/export/csl-json/", "application/vnd.citationstyles.csl+json")
    assert "Thüringen" in text  # written as UTF-8, not as \u escapes
    (item,) = json.loads(text)
    assert item["type"] == "chapter"
    assert item["title"] == f"{TITLE}. Eine Bestandsaufnahme"
    assert item["author"] == [{"family": "Müller", "given": "Jürgen"}, {"family": "Öztürk", "given": "Ängela"}]
    assert item["editor"] == [{"family": "Schäfer", "given": "Hans-Otto"}]
    assert item["issued"] == {"date-parts": [[2021]]}
    assert item["DOI"] == "10.1000/xyz-ß"
    assert item["URL"] == "http://testserver/publikationen/ueber-armut/"


def test_list_export_follows_the_filters_and_names_the_file(client, index, chapter):
    make_publication(
        index,
        "bericht",
        title="Bericht über Gera",
        year=2019,
        category=Category.REPORTS,
        publication_type=PublicationType.REPORT,
        authors=[("IKPE e.V.", "", None, "author")],
        series="Kommunales Integrationsmanagement in Thüringen",
        series_number="2",
    )
    response = client.get("/publikationen/export/ris/?kategorie=berichte")
    assert response["Content-Disposition"] == 'attachment; filename="publikationen.ris"'
    entries = rispy.loads(response.content.decode())
    assert [(e["type_of_reference"], e["title"], e["authors"]) for e in entries] == [
        ("RPRT", "Bericht über Gera", ["IKPE e.V."])
    ]
    assert entries[0]["tertiary_title"] == "Kommunales Integrationsmanagement in Thüringen"

    library = bibtexparser.parse_string(download(client, "/publikationen/export/bibtex/", "application/x-bibtex"))
    assert sorted(entry["year"] for entry in library.entries) == ["2019", "2021"]
    assert len({entry.key for entry in library.entries}) == 2
    report = next(entry for entry in library.entries if entry.entry_type == "techreport")
    assert report["author"] == "{IKPE e.V.}"  # an organisation stays one name
    assert (
        len(
            json.loads(
                download(client, "/publikationen/export/csl-json/?jahr=2021", "application/vnd.citationstyles.csl+json")
            )
        )
        == 1
    )


def test_unknown_export_format_is_404(client, chapter):
    assert client.get("/publikationen/export/docx/").status_code == 404
    assert client.get("/publikationen/ueber-armut/export/pdf/").status_code == 404


def test_forthcoming_work_is_marked_in_every_format(client, index):
    make_publication(
        index,
        "postwachstum",
        title="Postwachstum und Sozialplanung",
        year=2020,
        container_title="Blätter der Wohlfahrtspflege",
        issue="2",
        status=Status.ANNOUNCED,
        authors=[("Kretzschmar", "Jens", None, "author")],
    )
    base = "/publikationen/postwachstum/export"
    assert json.loads(client.get(f"{base}/csl-json/").content)[0]["status"] == "forthcoming"
    assert "pubstate = {forthcoming}" in client.get(f"{base}/bibtex/").content.decode()
    assert rispy.loads(client.get(f"{base}/ris/").content.decode())[0]["notes"] == ["im Erscheinen"]


def test_visible_reference_is_apa_like_german(client, chapter):
    html = client.get("/publikationen/ueber-armut/").content.decode()
    assert '<h2 id="publication-cite">Zitieren</h2>' in html
    assert (
        "Müller, J. &amp; Öztürk, Ä. (2021). Über Armut in Thüringen: Größe, Maß und Übergänge. Eine "
        "Bestandsaufnahme. In H.-O. Schäfer (Hrsg.), <em>Handbuch Sozialplanung</em> (S. 26–35). Weinheim: "
        "Beltz Jüventa. https://doi.org/10.1000/xyz-ß"
    ) in html


@pytest.mark.parametrize(
    "item, expected",
    [
        (
            {
                "type": "book",
                "title": "Handbuch",
                "editor": [{"family": "Fischer", "given": "Jörg"}, {"family": "Huber", "given": "Stefan"}],
                "issued": {"date-parts": [[2022]]},
            },
            "Fischer, J. &amp; Huber, S. (Hrsg.). (2022). <em>Handbuch.</em>",
        ),
        (
            {
                "type": "article-journal",
                "title": "Ansätze",
                "author": [{"family": "Fischer", "given": "Jörg"}],
                "container-title": "Archiv",
                "issue": "4",
                "issued": {"date-parts": [[2019]]},
            },
            "Fischer, J. (2019). Ansätze. <em>Archiv</em>, Heft 4.",
        ),
        (
            {
                "type": "report",
                "title": "Wo findet ‘Integration’ statt?",
                "author": [{"family": "Helbig", "given": "M."}],
                "collection-title": "WZB Discussion Paper",
                "publisher": "WZB",
                "publisher-place": "Berlin",
                "issued": {"date-parts": [[2019, 6, 1]]},
            },
            "Helbig, M. (2019). <em>Wo findet ‘Integration’ statt?</em> (WZB Discussion Paper). Berlin: WZB.",
        ),
        (
            {
                "type": "article-newspaper",
                "title": "Bilanz <b>",
                "author": [{"literal": "Ministerium"}],
                "issued": {"date-parts": [[2023, 9, 8]]},
                "status": "forthcoming",
            },
            "Ministerium (im Erscheinen). <em>Bilanz &lt;b&gt;.</em>",
        ),
        (
            {
                "type": "article-newspaper",
                "title": "Bilanz",
                "author": [{"literal": "Ministerium"}],
                "issued": {"date-parts": [[2023, 3, 8]]},
            },
            "Ministerium (2023, 8. März). <em>Bilanz.</em>",
        ),
        (
            {
                "type": "article-journal",
                "title": "A & B",
                "author": [{"family": "<Fischer>", "given": "Jörg"}],
                "container-title": "Archiv <i>",
                "volume": "7<",
                "issue": "2&",
                "page": "1–9",
                "issued": {"date-parts": [[2019]]},
            },
            "&lt;Fischer&gt;, J. (2019). A &amp; B. <em>Archiv &lt;i&gt;</em>, <em>7&lt;</em>(2&amp;), 1–9.",
        ),
        (
            {
                "type": "chapter",
                "title": "Kapitel",
                "editor": [{"family": "Roth", "given": "Eva"}],
                "container-title": "Buch <b>",
                "page": "3–4",
                "DOI": "10.1/<x>",
                "issued": {"date-parts": [[2020]]},
            },
            "(2020). Kapitel. In E. Roth (Hrsg.), <em>Buch &lt;b&gt;</em> (S. 3–4). https://doi.org/10.1/&lt;x&gt;",
        ),
    ],
)
def test_reference_formats(item, expected):
    assert reference_html(item) == expected
