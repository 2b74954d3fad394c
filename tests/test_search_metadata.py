"""Canonical links, OpenGraph and Twitter tags, JSON-LD, and redirects of old addresses."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.contrib.redirects.models import Redirect

from ikpe_site.core.models import StandardPage
from tests.factories import placeholder_image
from tests.utils import count_queries

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def add_page(parent, title, **fields):
    page = StandardPage(title=title, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def meta(html, key):
    """Content of <meta property|name="key">; fails when the tag is missing or repeated."""
    found = re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)
    assert len(found) == 1, (key, found)
    return found[0]


def json_ld(html):
    return [json.loads(text) for text in JSON_LD.findall(html)]


@pytest.fixture
def report_page(home):
    section = add_page(home, "Der Verein")
    image = placeholder_image("Teamfoto", "Das Team vor dem Institut", credit="Foto: IKPE")
    return add_page(section, "Jahresbericht 2023", teaser="Was das Institut 2023 bewegt hat.", listing_image=image)


def test_inner_page_has_canonical_link_and_social_tags(client, report_page):
    html = client.get("/der-verein/jahresbericht-2023/").content.decode()
    url = "http://testserver/der-verein/jahresbericht-2023/"
    assert html.count('<link rel="canonical"') == 1
    assert f'<link rel="canonical" href="{url}">' in html
    assert html.count('<meta name="description"') == 1  # from base.html, not repeated
    assert meta(html, "description") == "Was das Institut 2023 bewegt hat."
    assert meta(html, "og:title") == "Jahresbericht 2023"
    assert meta(html, "og:description") == "Was das Institut 2023 bewegt hat."
    assert meta(html, "og:url") == url
    assert meta(html, "og:type") == "website"
    assert meta(html, "og:locale") == "de_DE"
    assert meta(html, "og:site_name") == "Institut für kommunale Planung und Entwicklung e.V."
    image = meta(html, "og:image")
    assert re.match(r"^http://testserver/media/images/.+\.fill-1200x630\.[a-z]+$", image), image
    assert meta(html, "og:image:width") == "1200"
    assert abs(int(meta(html, "og:image:height")) - 630) <= 1  # Wagtail's fill may round by a pixel
    assert meta(html, "og:image:alt") == "Das Team vor dem Institut"
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "twitter:title") == "Jahresbericht 2023"
    assert meta(html, "twitter:image") == image


def test_inner_page_has_a_breadcrumb_list(client, report_page):
    html = client.get("/der-verein/jahresbericht-2023/").content.decode()
    [data] = json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "BreadcrumbList"
    assert data["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "Startseite", "item": "http://testserver/"},
        {"@type": "ListItem", "position": 2, "name": "Der Verein", "item": "http://testserver/der-verein/"},
        {
            "@type": "ListItem",
            "position": 3,
            "name": "Jahresbericht 2023",
            "item": "http://testserver/der-verein/jahresbericht-2023/",
        },
    ]


def test_breadcrumb_list_follows_a_renamed_section(client, report_page):
    client.get("/der-verein/jahresbericht-2023/")  # the trail is cached now
    section = report_page.get_parent().specific
    section.title = "Über uns"
    section.save_revision().publish()
    [data] = json_ld(client.get("/der-verein/jahresbericht-2023/").content.decode())
    assert data["itemListElement"][1]["name"] == "Über uns"


def test_home_page_describes_the_institute(client, home):
    html = client.get("/").content.decode()
    [data] = json_ld(html)
    assert data["@type"] == "ResearchOrganization"
    assert data["name"] == "Institut für kommunale Planung und Entwicklung e.V."
    assert data["url"] == "http://testserver/"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Anger 10",
        "postalCode": "99084",
        "addressLocality": "Erfurt",
        "addressCountry": "DE",
    }
    assert data["parentOrganization"]["name"] == "Fachhochschule Erfurt"
    assert data["logo"].startswith("http://testserver/static/")
    assert meta(html, "og:type") == "website"
    assert meta(html, "og:title") == "Institut für kommunale Planung und Entwicklung e.V."
    assert meta(html, "twitter:card") in {"summary", "summary_large_image"}
    assert '<link rel="canonical" href="http://testserver/">' in html


def test_contact_details_reach_the_structured_data(client, home):
    from ikpe_site.core.models import SiteSettings

    settings = SiteSettings.for_site(home.get_site())
    settings.phone, settings.email = "0361 30257-600", "info@ikpe-erfurt.de"
    settings.mastodon_url = "https://mastodon.social/@ikpe"
    settings.save()
    [data] = json_ld(client.get("/").content.decode())
    assert data["telephone"] == "0361 30257-600" and data["email"] == "info@ikpe-erfurt.de"
    assert data["contactPoint"]["@type"] == "ContactPoint"
    assert data["sameAs"] == ["https://mastodon.social/@ikpe"]


def test_news_is_an_article(client, news_section):
    news = news_section.get_children().live().specific().get()
    html = client.get(news.url).content.decode()
    assert meta(html, "og:type") == "article"
    assert meta(html, "article:published_time") == news.date.isoformat()


def test_a_year_archive_is_its_own_canonical_address(client, news_section):
    news = news_section.get_children().live().specific().get()
    archive = f"{news.get_parent().url}{news.date.year}/"
    response = client.get(archive, {"seite": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<link rel="canonical" href="http://testserver{archive}">' in html  # without the query string
    assert meta(html, "og:url") == f"http://testserver{archive}"


def test_json_ld_cannot_break_out_of_its_script(client, home):
    title = "Evil </script><script>alert(1)</script> & Co"
    add_page(home, title, slug="evil")
    html = client.get("/evil/").content.decode()
    assert "</script><script>alert(1)" not in html
    [data] = json_ld(html)
    assert data["itemListElement"][-1]["name"] == title


def test_pages_outside_wagtail_have_no_page_metadata(client, home):
    html = client.get("/suche/?q=Armut").content.decode()
    assert 'rel="canonical"' not in html and "og:title" not in html and "application/ld+json" not in html


def test_metadata_costs_at_most_two_queries(client, report_page, settings, tmp_path):
    url = "/der-verein/jahresbericht-2023/"
    for _ in range(2):  # warm the caches and create the rendition (and the site settings), as a running server has
        client.get(url)
    _, with_metadata = count_queries(client, url)
    (tmp_path / "components").mkdir()
    (tmp_path / "components" / "seo_head.html").write_text("")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    response = client.get(url)
    assert "og:title" not in response.content.decode()
    _, without_metadata = count_queries(client, url)
    assert with_metadata - without_metadata <= 2


def test_redirect_from_an_old_address_made_in_the_admin(client, report_page):
    get_user_model().objects.create_superuser("admin", "admin@example.org", "ein-langes-passwort")
    admin_client = Client()
    response = admin_client.post("/admin/login/", {"username": "admin", "password": "ein-langes-passwort"})
    assert response.status_code == 302
    response = admin_client.post(
        "/admin/redirects/add/",
        {
            "old_path": "/index.php/verein/jahresbericht/",
            "site": "",
            "is_permanent": "on",
            "redirect_page": report_page.pk,
            "redirect_link": "",
        },
    )
    assert response.status_code == 302
    assert Redirect.objects.filter(old_path="/index.php/verein/jahresbericht").exists()
    response = client.get("/index.php/verein/jahresbericht/")
    assert response.status_code == 301
    assert response["Location"] in {
        "/der-verein/jahresbericht-2023/",
        "http://testserver/der-verein/jahresbericht-2023/",
    }


def test_redirect_to_an_external_address(client, home):
    Redirect.objects.create(
        old_path=Redirect.normalise_path("/kooperation.html"),
        redirect_link="https://www.fh-erfurt.de/",
        is_permanent=True,
    )
    response = client.get("/kooperation.html")
    assert response.status_code == 301
    assert response["Location"] == "https://www.fh-erfurt.de/"
