from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from ikpe_site.core.models import StandardPage, TopicPage
from tests.utils import count_queries


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_second_visit_is_served_from_cache_without_queries(client, small_site, page_cache):
    first, first_queries = count_queries(client, "/verein/")
    assert first["X-Cache"] == "MISS" and first_queries > 0
    second, second_queries = count_queries(client, "/verein/")
    assert second["X-Cache"] == "HIT"
    assert second_queries == 1  # only the content version, read from the database (one truth for all processes)
    assert second.content == first.content
    assert "public" in second["Cache-Control"] and "s-maxage=300" in second["Cache-Control"]
    assert second["ETag"] and second["Last-Modified"]


def test_conditional_get_answers_304(client, small_site, page_cache):
    etag = client.get("/verein/")["ETag"]
    assert client.get("/verein/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_publishing_invalidates_every_page_that_shows_it(client, small_site, page_cache):
    assert "Neues Thema" not in client.get("/").content.decode()
    assert client.get("/themen/")["X-Cache"] == "MISS"
    topic = TopicPage(title="Neues Thema", slug="neues-thema")
    small_site.topics.add_child(instance=topic)  # add_child creates a live page without a publish signal
    topic.save_revision().publish()
    home = client.get("/")
    assert home["X-Cache"] == "MISS" and "Neues Thema" in home.content.decode()
    assert "Neues Thema" in client.get("/themen/").content.decode()


def test_unpublishing_and_scheduled_go_live_invalidate(client, small_site, page_cache):
    page = small_site.imprint
    assert client.get("/impressum/").status_code == 200
    page.unpublish()
    assert client.get("/impressum/").status_code == 404

    page.save_revision(approved_go_live_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/impressum/").status_code == 404  # cached 404s are never stored; still unpublished
    call_command("publish_scheduled", verbosity=0)
    assert client.get("/impressum/").status_code == 200


def test_logged_in_editors_bypass_the_cache(client, admin_client, small_site, page_cache):
    client.get("/verein/")
    response = admin_client.get("/verein/")
    assert "X-Cache" not in response


def test_cache_outage_never_breaks_a_page(client, small_site, page_cache, monkeypatch):
    from ikpe_site.core import cache as page_cache_module

    class BrokenCache:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise ConnectionError("cache down")

            return fail

    monkeypatch.setattr(page_cache_module, "_cache", lambda: BrokenCache())
    response = client.get("/verein/")
    assert response.status_code == 200 and "X-Cache" not in response
    page = StandardPage.objects.get(slug="verein")
    page.save_revision().publish()  # invalidation with the cache down must not fail either
    assert client.get("/verein/").status_code == 200


def test_search_and_admin_are_never_cached(client, small_site, page_cache, admin_user):
    client.get("/suche/?q=Armut")
    assert "X-Cache" not in client.get("/suche/?q=Armut")
    assert client.get("/verein/")["X-Cache"] == "MISS" and client.get("/verein/")["X-Cache"] == "HIT"  # control
    client.force_login(admin_user)
    for _ in range(2):
        response = client.get("/admin/pages/")
        assert response.status_code == 200 and "X-Cache" not in response
        assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
