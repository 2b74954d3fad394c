import io
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from ikpe_site.core.demo_loader import text_pdf
from ikpe_site.core.models import HomePage, TopicPage
from people.models import PersonPage
from projects.models import District, ProjectPage
from publications.models import (
    Category,
    PublicationAuthor,
    PublicationIndexPage,
    PublicationPage,
    PublicationReview,
    Status,
)
from tests.factories import PeopleIndexPageFactory, PersonPageFactory, TopicIndexPageFactory, TopicPageFactory
from tests.test_publications_catalogue import add, make_publication
from tests.utils import count_queries


@pytest.fixture
def index(home):
    return add(home, PublicationIndexPage(title="Publikationen", slug="publikationen"))


def meta_tags(html):
    return re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', html)


def json_ld(html):
    """Our publication's JSON-LD (the page head may carry more, e.g. breadcrumbs)."""
    scripts = [
        json.loads(text) for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    (data,) = [item for item in scripts if item.get("@type") in ("ScholarlyArticle", "Book", "Report", "NewsArticle")]
    return data


def test_page_tree_rules():
    assert PublicationIndexPage.allowed_parent_page_models() == [HomePage]
    assert PublicationIndexPage.allowed_subpage_models() == [PublicationPage]
    assert PublicationIndexPage.max_count == 1
    assert PublicationPage.allowed_parent_page_models() == [PublicationIndexPage]
    assert PublicationPage.allowed_subpage_models() == []


def test_meta_tags_carry_the_absolute_pdf_url(client, index):
    document = get_document_model()(title="Studie (PDF)")
    document.file.save("studie.pdf", ContentFile(text_pdf("Studie", ["Gelingensbedingungen"])), save=False)
    document.save()
    make_publication(
        index,
        "studie",
        title="Gelingensbedingungen der Kooperation",
        year=2019,
        pdf=document,
        container_title="Archiv für Wissenschaft und Praxis der sozialen Arbeit",
        issue="4",
        authors=[("Fischer", "Jörg", None, "author"), ("Geene", "Raimund", None, "author")],
    )
    html = client.get("/publikationen/studie/").content.decode()
    tags = meta_tags(html)
    pdf_url = f"http://testserver{document.url}"
    assert ("citation_pdf_url", pdf_url) in tags
    assert [value for name, value in tags if name == "citation_author"] == ["Fischer, Jörg", "Geene, Raimund"]
    assert ("citation_title", "Gelingensbedingungen der Kooperation") in tags
    assert ("citation_publication_date", "2019") in tags
    assert ("citation_journal_title", "Archiv für Wissenschaft und Praxis der sozialen Arbeit") in tags
    assert json_ld(html)["encoding"]["contentUrl"] == pdf_url
    assert json_ld(html)["@type"] == "ScholarlyArticle"
    # The download is free and real, with type and size shown.
    assert "(PDF," in html
    response = client.get(pdf_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")


def test_json_ld_cannot_break_out_of_its_script(client, index):
    make_publication(
        index,
        "boese",
        title="</script><script>alert(1)</script> & Co",
        year=2020,
        authors=[("Müller", "Jürgen", None, "author")],
    )
    html = client.get("/publikationen/boese/").content.decode()
    assert "<script>alert(1)" not in html
    data = json_ld(html)
    assert data["name"] == "</script><script>alert(1)</script> & Co"
    assert data["author"][0]["familyName"] == "Müller"


def test_announced_work_becomes_the_regular_record(client, index):
    page = make_publication(
        index,
        "postwachstum",
        title="Postwachstum und Sozialplanung",
        year=2020,
        status=Status.ANNOUNCED,
        container_title="Blätter der Wohlfahrtspflege",
        issue="2",
    )
    html = client.get("/publikationen/postwachstum/").content.decode()
    assert "Angekündigt:" in html and "angekündigt" in client.get("/publikationen/").content.decode()
    page.status = Status.PUBLISHED
    page.save_revision().publish()
    html = client.get("/publikationen/postwachstum/").content.decode()
    assert "ngekündigt" not in html
    listing = client.get("/publikationen/")
    assert [item.pk for item in listing.context["page_obj"]] == [page.pk]
    assert "ngekündigt" not in listing.content.decode()


def test_private_and_draft_publications_stay_out_of_lists_and_exports(client, index):
    make_publication(index, "offen", title="Offener Bericht")
    make_publication(index, "entwurf", title="Entwurf", publish=False)
    secret = make_publication(index, "intern", title="Interner Bericht")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    assert {item.slug for item in client.get("/publikationen/").context["page_obj"]} == {"offen"}
    assert "Interner Bericht" not in client.get("/publikationen/export/bibtex/").content.decode()


def test_detail_page_query_count_does_not_grow_with_authors(client, home, index):
    team = PeopleIndexPageFactory(parent=home)
    people = [PersonPageFactory(parent=team) for _ in range(4)]
    topic_index = TopicIndexPageFactory(parent=home)
    topics = [TopicPageFactory(parent=topic_index) for _ in range(3)]
    make_publication(index, "wenige", authors=[("A", "B", people[0], "author")], topics=topics[:1])
    make_publication(
        index, "viele", authors=[(f"Name {n}", "Vorname", p, "author") for n, p in enumerate(people)], topics=topics
    )
    for url in ("/publikationen/wenige/", "/publikationen/viele/") * 2:  # warm up per-process and per-page caches
        client.get(url)  # twice: a first request may fill in file metadata or settings and renew the cache
    _, few = count_queries(client, "/publikationen/wenige/")
    response, many = count_queries(client, "/publikationen/viele/")
    assert response.content.decode().count('class="publication-byline"') == 1
    assert many == few


def test_publication_can_be_created_in_admin(admin_client, home, index):
    person = PersonPageFactory(parent=PeopleIndexPageFactory(parent=home), first_name="Jörg", last_name="Fischer")
    topic = TopicPageFactory(parent=TopicIndexPageFactory(parent=home))
    data = nested_form_data(
        {
            "title": "Familienpolitische Ansätze",
            "slug": "familienpolitische-ansaetze",
            "subtitle": "",
            "category": Category.ARTICLES,
            "publication_type": "article",
            "status": Status.PUBLISHED,
            "year": "2019",
            "container_title": "Archiv für Wissenschaft und Praxis der sozialen Arbeit",
            "issue": "4",
            "doi": "https://doi.org/10.1000/182",
            "authors": inline_formset(
                [
                    {"person": person.pk, "family_name": "Fischer", "given_name": "Jörg", "role": "author"},
                    {"person": "", "family_name": "Hilse-Carstensen", "given_name": "Theresa", "role": "author"},
                ]
            ),
            "reviews": inline_formset([{"title": "Rezension auf socialnet.de", "url": "https://www.socialnet.de/"}]),
            "body": streamfield([]),
            "teaser": "",
            "action-publish": "publish",
        }
    )
    data["topics"] = [topic.pk]  # a multiple choice is a list of values, not a nested form
    response = admin_client.post(f"/admin/pages/add/publications/publicationpage/{index.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    page = PublicationPage.objects.get(slug="familienpolitische-ansaetze")
    assert page.live and page.doi == "10.1000/182"
    assert [(a.family_name, a.person_id) for a in page.authors.all()] == [
        ("Fischer", person.pk),
        ("Hilse-Carstensen", None),
    ]
    assert list(page.topics.all()) == [topic]
    html = admin_client.get(page.url).content.decode()
    assert f'<a href="{person.url}">Jörg Fischer</a>, Theresa Hilse-Carstensen' in html


def test_admin_rejects_a_date_outside_the_year(admin_client, index):
    data = nested_form_data(
        {
            "title": "Falsch datiert",
            "slug": "falsch",
            "category": Category.REPORTS,
            "publication_type": "report",
            "status": Status.PUBLISHED,
            "year": "2019",
            "published_on": "2020-01-01",
            "authors": inline_formset([]),
            "reviews": inline_formset([]),
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/publications/publicationpage/{index.pk}/", data)
    assert response.status_code == 200
    assert "Das Datum muss im Erscheinungsjahr liegen." in response.content.decode()
    assert not PublicationPage.objects.filter(slug="falsch").exists()


# Demo content and the pages of other apps -----------------------------------------------------------------------

SEED_TITLES = [
    "Handbuch zur kommunalen Planung und Steuerung",
    "Kommunales Integrationsmanagement in Thüringen",
    "Innovative Steuerungsstrukturen und Erfolgsbeispiele der lokalen Integrationspolitik in Landkreisen und "
    "kreisfreien Städten Thüringens",
    "Gelingensbedingungen der Kooperation von Kinder- und Jugendhilfe und Gesundheitswesen",
    "Familienpolitische Ansätze zur Förderung lokaler Infrastruktur in ländlichen Räumen",
    "Postwachstum und Sozialplanung",
    "Zweiter Thüringer Sozialstrukturatlas",
    "Wo findet ‘Integration’ statt?",
]


def test_demo_has_every_seed_publication(client, demo_site):
    response = client.get("/publikationen/")
    html = response.content.decode()
    for title in SEED_TITLES:
        assert title in html
    for category in (
        "Beiträge in Zeitschriften und Sammelwerken",
        "Das IKPE in der Presse",
        "Forschungsarbeiten und Berichte",
        "Monographien und Herausgeberschaften",
    ):
        assert category in html
    handbook = PublicationPage.objects.get(slug="handbuch-kommunale-planung-und-steuerung")
    assert handbook.category == Category.BOOKS
    # The seeds name the handbook's editors only as the people on a photo: no editors are invented.
    assert not handbook.authors.exists() and handbook.year == 2022
    assert handbook.reviews.get().url == "https://socialnet.de/"  # the seeds name only the site
    series = PublicationPage.objects.filter(series="Kommunales Integrationsmanagement in Thüringen")
    assert sorted(series.values_list("series_number", flat=True)) == ["1", "2"]
    article = PublicationPage.objects.get(slug="postwachstum-und-sozialplanung")
    assert article.status == Status.PUBLISHED
    assert article.revisions.count() == 2  # a draft, then the published page: history to compare from day one
    helbig = PublicationPage.objects.get(slug="helbig-wo-findet-integration-statt")
    assert [(a.family_name, a.person_id) for a in helbig.authors.all()] == [("Helbig", None)]
    with_pdf = PublicationPage.objects.filter(pdf__isnull=False).values_list("slug", flat=True)
    assert set(with_pdf) == {
        "gelingensbedingungen-kooperation-jugendhilfe-gesundheitswesen",
        "gelingensbedingungen-kooperation-impuls",
        "helbig-wo-findet-integration-statt",
    }
    detail = client.get(handbook.url).content.decode()
    assert 'href="https://socialnet.de/"' in detail
    assert "(Hrsg.)" not in detail and "(2022)" in detail


def test_demo_is_idempotent(demo_site):
    before = (
        PublicationPage.objects.count(),
        PublicationAuthor.objects.count(),
        PublicationReview.objects.count(),
        get_document_model().objects.count(),
        Page.objects.count(),
    )
    call_command("load_demo_content", force=True, stdout=io.StringIO())
    after = (
        PublicationPage.objects.count(),
        PublicationAuthor.objects.count(),
        PublicationReview.objects.count(),
        get_document_model().objects.count(),
        Page.objects.count(),
    )
    assert after == before


def test_topic_project_and_person_pages_list_their_publications(client, demo_site):
    from publications.wagtail_hooks import related_publications

    request = client.get("/").wsgi_request
    topic = TopicPage.objects.get(slug="lokale-familienpolitik")
    (section,) = related_publications(topic, request)
    assert [item.slug for item in section["items"]] == ["familienpolitische-ansaetze-laendliche-raeume"]
    assert section["more_url"] == "/publikationen/?thema=lokale-familienpolitik"
    assert "Familienpolitische Ansätze" in client.get(topic.url).content.decode()

    person = PersonPage.objects.get(slug="theresa-hilse-carstensen")
    (section,) = related_publications(person, request)
    # Not the handbook: the seeds do not name its editors.
    assert {item.slug for item in section["items"]} == {
        "familienpolitische-ansaetze-laendliche-raeume",
        "postwachstum-und-sozialplanung",
    }
    assert section["more_url"] == "/publikationen/?autor=theresa-hilse-carstensen"

    project = ProjectPage.objects.get(slug="lsz")
    (section,) = related_publications(project, request)
    assert section["more_url"] == "/publikationen/?projekt=lsz"
    assert related_publications(HomePage.objects.get(), request) == []


def test_district_lists_publications_of_its_projects(client, demo_site):
    from publications.wagtail_hooks import related_publications

    request = client.get("/").wsgi_request
    project = ProjectPage.objects.get(slug="thilik")
    district = District.objects.create(name="Testkreis", slug="testkreis", kind="rural_district")
    project.districts.add(district)
    project.save()
    (section,) = related_publications(district, request)
    assert {item.slug for item in section["items"]} == {
        "kommunales-integrationsmanagement-in-thueringen-1",
        "innovative-steuerungsstrukturen-lokale-integrationspolitik",
    }
    assert section["more_url"] is None
    assert related_publications(District.objects.create(name="Leer", slug="leer", kind="rural_district"), request) == []
