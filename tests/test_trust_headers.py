import re

import pytest
from django.http import HttpResponseServerError
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from ikpe_site.core.security.headers import ADMIN_POLICY, PUBLIC_POLICY, ContentSecurityPolicyMiddleware


def directives(policy):
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_public_page_gets_strict_headers(client, small_site):
    response = client.get("/verein/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["frame-src"] == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
    assert policy["form-action"] == ["'self'"] and policy["base-uri"] == ["'self'"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "browsing-topics=()"):
        assert feature in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert not response.cookies


def test_not_found_and_static_files_get_the_public_policy(client, home):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert directives(response["Content-Security-Policy"]) == directives(PUBLIC_POLICY)
    assert directives(client.get("/robots.txt")["Content-Security-Policy"]) == directives(PUBLIC_POLICY)


@pytest.mark.parametrize("url", ["/admin/", "/admin/login/", "/django-admin/login/"])
def test_admin_keeps_a_relaxed_but_present_policy(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code in (200, 302)
    assert directives(response["Content-Security-Policy"]) == directives(ADMIN_POLICY)
    policy = directives(ADMIN_POLICY)
    assert "'unsafe-inline'" in policy["script-src"] and policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]  # the preview panel frames our own pages
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def show_preview(client, page, body):
    """What the editor's preview panel does: POST the edit form, then load the preview into the iframe."""
    data = nested_form_data({"title": page.title, "slug": page.slug, "teaser": "", "body": streamfield(body)})
    url = f"/admin/pages/{page.pk}/edit/preview/"
    assert client.post(url, data).json()["is_valid"]
    return client.get(url + "?in_preview_panel=true")


def test_page_preview_may_be_framed_by_the_admin(admin_client, small_site):
    # Wagtail renders the preview through a simulated request for the page's public URL.
    page = small_site.about
    response = show_preview(admin_client, page, [("paragraph", rich_text("<p>Vorschautext</p>"))])
    assert response.status_code == 200 and "Vorschautext" in response.content.decode()
    # frame-ancestors 'self', not 'none'
    assert directives(response["Content-Security-Policy"]) == directives(ADMIN_POLICY)
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_server_error_page_may_style_itself_but_never_run_inline_scripts(rf):
    """500.html and 503.html carry inline styles so they work without database and static files."""
    response = ContentSecurityPolicyMiddleware(lambda request: HttpResponseServerError("Fehler"))(rf.get("/"))
    policy = directives(response["Content-Security-Policy"])
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["script-src"] == ["'self'"]


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)


def test_no_public_page_needs_inline_scripts_or_styles(client, demo_site):
    """With script-src/style-src 'self', inline code and style attributes would be blocked: none may exist.
    One page of every type (their templates); the full crawl of the demo site found none either."""
    one_per_type = {}
    for page in Page.objects.live().public().order_by("path"):
        one_per_type.setdefault(page.content_type_id, page)
    urls = [page.url for page in one_per_type.values() if page.url]
    assert len(urls) >= 10  # every page type of the demo site
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not re.search(r"<style\b|\sstyle=\"|\son[a-z]+=\"", html), url


HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


def test_page_served_from_the_page_cache_keeps_every_header(client, small_site, django_assert_max_num_queries):
    """The header middleware sit above the page cache: a cache hit never reaches the view, yet gets them all."""
    first = client.get("/verein/")
    with django_assert_max_num_queries(1):  # the content version check: the page comes from the cache
        cached = client.get("/verein/")
    assert cached.content == first.content
    assert {header: cached[header] for header in HEADERS} == {header: first[header] for header in HEADERS}
    assert cached["X-Frame-Options"] == "DENY"
