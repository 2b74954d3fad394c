"""Drafts, scheduled, expired and private pages stay out of the search and the sitemap."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from ikpe_site.core.models import StandardPage

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
W3C_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$")


def add_page(parent, title, publish=True, **fields):
    page = StandardPage(title=title, teaser="Ein Geheimwort steht hier.", **fields)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


@pytest.fixture
def hidden_pages(home):
    public = add_page(home, "Öffentlich Geheimwort")
    draft = add_page(home, "Entwurf Geheimwort", publish=False, live=False)
    scheduled = add_page(home, "Geplant Geheimwort", live=False, go_live_at=timezone.now() + timedelta(days=3))
    expired = add_page(home, "Abgelaufen Geheimwort")
    Page.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - timedelta(minutes=5))
    password = add_page(home, "Passwort Geheimwort")
    PageViewRestriction.objects.create(page=password, restriction_type="password", password="geheim")
    members = add_page(home, "Mitglieder Geheimwort")
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    inherited = add_page(members, "Unterseite Geheimwort")
    hidden = [draft, scheduled, expired, password, members, inherited]
    for page in hidden:
        page.refresh_from_db()
    assert not draft.live and not scheduled.live and expired.live
    return public, hidden


def sitemap_urls(client):
    """[(loc, lastmod or None)], checking every element against the sitemap protocol on the way."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    urls = []
    for element in root:
        assert element.tag == f"{SITEMAP}url"
        children = {child.tag: child.text for child in element}
        assert set(children) <= {f"{SITEMAP}{name}" for name in ("loc", "lastmod", "changefreq", "priority")}
        urls.append((children[f"{SITEMAP}loc"], children.get(f"{SITEMAP}lastmod")))
    return urls


def test_search_never_finds_draft_scheduled_expired_or_private_pages(client, hidden_pages):
    public, hidden = hidden_pages
    response = client.get("/suche/?q=Geheimwort")
    assert [item.pk for item in response.context["page_obj"].object_list] == [public.pk]
    assert response.context["total"] == 1
    html = response.content.decode()
    for page in hidden:
        assert page.title not in html


def test_sitemap_lists_only_public_pages(client, hidden_pages):
    public, hidden = hidden_pages
    locations = [loc for loc, _ in sitemap_urls(client)]
    assert locations == ["http://testserver/", f"http://testserver{public.url}"]


def test_sitemap_is_valid_and_complete_for_the_demo_site(client, demo_site):
    urls = dict(sitemap_urls(client))
    assert len(urls) == len(sitemap_urls(client))  # no address twice
    for loc, lastmod in urls.items():
        assert loc.startswith("http://testserver/") and loc.endswith("/")
        assert lastmod is None or W3C_DATE.match(lastmod), lastmod
    public = Page.objects.live().public().descendant_of(demo_site.root_page, inclusive=True).specific()
    page_urls = {page.get_full_url(): page for page in public}
    for url, page in page_urls.items():  # every public page, with the date of its last publication
        assert urls[url] == timezone.localdate(page.last_published_at).isoformat(), url
    for loc in set(urls) - set(page_urls):  # anything else is a sub-address of a public page (a year archive …)
        assert any(loc.startswith(url) for url in page_urls if url != "http://testserver/"), loc
    for path in ("/", "/verein/satzung/", "/themen/armutspraevention/"):
        assert f"http://testserver{path}" in urls


def test_robots_txt_names_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode().splitlines()
