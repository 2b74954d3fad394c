import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from ikpe_site.core.models import HomePage, StandardPage, TopicIndexPage, TopicPage
from tests.utils import count_queries


def test_page_tree_rules():
    assert HomePage.allowed_parent_page_models() == [Page]
    assert HomePage.max_count == 1
    assert set(StandardPage.allowed_parent_page_models()) == {HomePage, StandardPage}
    from feedback.models import FeedbackFormPage

    assert StandardPage.allowed_subpage_models() == [StandardPage, FeedbackFormPage]
    assert TopicPage.allowed_parent_page_models() == [TopicIndexPage]
    assert TopicPage.allowed_subpage_models() == []
    assert TopicIndexPage.max_count == 1


def test_home_renders_without_any_app_content(client, home):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert "Zum Inhalt springen" in html  # the skip link, through the German catalogue


def test_home_shows_seed_content(client, demo_site):
    html = client.get("/").content.decode()
    for text in (
        "Analyse und Forschung",
        "Qualifizierung und Weiterbildung",
        "Strategieentwicklung",
        "Armutsprävention",
        "Sozialraumorientierung",
        "Anger 10",
    ):
        assert text in html
    assert html.count('class="topic-grid"') == 1
    for title in ("Impressum", "Datenschutz", "Barrierefreiheit", "Leichte Sprache"):
        assert f">{title}</a>" in html


@pytest.mark.parametrize(
    "path",
    [
        "/verein/",
        "/verein/satzung/",
        "/impressum/",
        "/datenschutz/",
        "/barrierefreiheit/",
        "/leichte-sprache/",
        "/themen/",
        "/themen/armutspraevention/",
        "/arbeitsbereiche/",
        "/arbeitsbereiche/analyse-und-forschung/",
    ],
)
def test_standard_pages_render(client, demo_site, path):
    response = client.get(path)
    assert response.status_code == 200
    assert 'aria-label="Brotkrumen"' in response.content.decode() or path == "/"


def test_statutes_are_a_real_pdf_download(client, demo_site):
    html = client.get("/verein/satzung/").content.decode()
    assert "Satzung IKPE 2014" in html and "(PDF," in html
    page = StandardPage.objects.get(slug="satzung")
    document = next(block.value["document"] for block in page.body if block.block_type == "document")
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")


def test_legal_placeholders_are_marked(client, demo_site):
    for path in ("/impressum/", "/datenschutz/", "/barrierefreiheit/"):
        assert "Platzhaltertext" in client.get(path).content.decode()


def test_home_query_count_is_bounded(client, demo_site):
    client.get("/")  # warm the site-root cache, as any running server has (twice: the first may create
    client.get("/")  # site settings or file metadata and so invalidate the memoized menu and settings)
    _, first = count_queries(client, "/")
    # More topics must not mean more queries.
    index = TopicIndexPage.objects.get()
    for number in range(15):
        index.add_child(instance=TopicPage(title=f"Zusatzthema {number}", slug=f"zusatz-{number}"))
    client.get("/")  # the change invalidated the cached menu and settings: warm them again
    client.get("/")
    response, second = count_queries(client, "/")
    assert "Zusatzthema 14" in response.content.decode()
    assert second == first
    assert first <= 15  # issue 10: at most 15 queries per page


def test_standard_page_can_be_created_in_admin(admin_client, home):
    data = nested_form_data(
        {
            "title": "Projektarchiv",
            "slug": "projektarchiv",
            "body": streamfield(
                [("paragraph", rich_text("<p>Hallo Thüringen</p>")), ("heading", {"text": "Ziele", "level": "h2"})]
            ),
            "teaser": "",
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/core/standardpage/{home.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = StandardPage.objects.get(slug="projektarchiv")
    assert page.live
    html = admin_client.get(page.url).content.decode()
    assert "Hallo Thüringen" in html and '<h2 class="block-heading">Ziele</h2>' in html
