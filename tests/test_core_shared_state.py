"""The content version lives in the database; only public changes raise it; the page cache cannot be grown
at will and stores plain, joined responses."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from ikpe_site.core import cache as page_cache
from ikpe_site.core.models import StandardPage
from ikpe_site.core.versioning import ContentVersion
from news.models import NewsPage
from tests.factories import PublicationIndexPageFactory


def _counter():
    return ContentVersion.objects.get(pk=1).counter


def _entries():
    return len(cache._cache)  # the local-memory cache of the test settings


@pytest.fixture
def purges(settings, monkeypatch):
    """Front-cache purges that reach Wagtail's frontend-cache utility."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://127.0.0.1:9"}
    }
    sent = []
    monkeypatch.setattr("wagtail.contrib.frontend_cache.utils.purge_url_from_cache", sent.append)
    return sent


def test_drafts_submissions_and_comments_keep_the_cache_warm_and_purge_nothing(
    client, small_site, django_capture_on_commit_callbacks, purges, admin_user
):
    page = StandardPage.objects.get(slug="verein")
    assert client.get("/").status_code == 200
    assert client.get("/")["X-Cache"] == "HIT"
    before = _counter()
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Entwurf: Verein"
        revision = page.save_revision(user=admin_user)  # a draft of a live page
        page.get_workflow().start(page, admin_user)  # submitted for approval
        from wagtail.models import Comment

        Comment.objects.create(
            page=page, user=admin_user, text="Bitte prüfen", contentpath="title", revision_created=revision
        )
    assert _counter() == before
    assert client.get("/")["X-Cache"] == "HIT"
    assert "Entwurf: Verein" not in client.get("/verein/").content.decode()
    assert purges == []

    # Positive control: publishing the draft is a public change.
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert _counter() > before
    assert client.get("/")["X-Cache"] == "MISS"
    assert purges == ["http://testserver/"]  # once per transaction, after the commit


def test_version_comes_from_the_database_not_from_this_process(client, small_site):
    """Another process raising the counter (here: plain SQL) invalidates this process's cached pages."""
    client.get("/verein/")
    assert client.get("/verein/")["X-Cache"] == "HIT"
    ContentVersion.objects.filter(pk=1).update(counter=_counter() + 1)  # no signal: as another process would
    assert client.get("/verein/")["X-Cache"] == "MISS"


def test_password_restriction_never_leaks_a_cached_copy(client, small_site):
    page = StandardPage.objects.get(slug="verein")
    public = client.get("/verein/").content.decode()
    text = public.split("<main", 1)[1].split("<p>", 1)[1].split("</p>", 1)[0]
    assert len(text) > 20 and client.get("/verein/")["X-Cache"] == "HIT"
    PageViewRestriction.objects.create(
        page=Page.objects.get(pk=page.pk), restriction_type="password", password="geheim-123"
    )
    response = client.get("/verein/")
    assert response.status_code == 200 and 'type="password"' in response.content.decode()
    assert text not in response.content.decode()
    assert response.get("X-Cache") != "HIT"


def test_expiry_leaves_cached_listings_at_its_time_before_the_scheduler_runs(client, small_site, monkeypatch):
    index = small_site.news
    expiry = timezone.now() + timedelta(hours=1)
    post = NewsPage(title="Läuft bald ab", slug="laeuft-bald-ab", date=timezone.localdate(), expire_at=expiry)
    index.add_child(instance=post)
    post.save_revision().publish()
    listing = client.get("/aktuelles/")
    assert "Läuft bald ab" in listing.content.decode()
    assert client.get("/aktuelles/")["X-Cache"] == "HIT"
    monkeypatch.setattr(timezone, "now", lambda: expiry + timedelta(seconds=1))
    response = client.get("/aktuelles/")  # nobody ran publish_scheduled: the post is still `live`
    assert NewsPage.objects.get(pk=post.pk).live
    assert response["X-Cache"] == "MISS" and "Läuft bald ab" not in response.content.decode()


def test_unknown_query_strings_do_not_grow_the_cache(client, small_site):
    assert client.get("/robots.txt")["X-Cache"] == "MISS"  # a cheap cacheable answer
    before = _entries()
    for number in range(1000):
        response = client.get(f"/robots.txt?x={number}")
        assert response.status_code == 200 and "X-Cache" not in response
    assert _entries() == before
    assert "X-Cache" not in client.get("/aktuelles/?utm_source=newsletter")
    PublicationIndexPageFactory(parent=small_site.home)
    # Positive control: the parameters pages use are cached, in any order, as one entry.
    first = client.get("/publikationen/?jahr=2020&q=armut")
    again = client.get("/publikationen/?q=armut&jahr=2020")
    assert first["X-Cache"] == "MISS" and again["X-Cache"] == "HIT"


def test_cached_responses_are_plain_and_sent_as_one_body(client, small_site):
    first = client.get("/aktuelles/feed/rss/")
    assert first.status_code == 200 and first["X-Cache"] == "MISS"
    entries = [value for key, value in cache._cache.items() if ":ikpe:page:" in key]
    assert entries, "the feed was not stored"
    import pickle

    stored = pickle.loads(entries[0])
    status, headers, body = stored
    assert status == 200 and isinstance(body, bytes) and dict(headers)["Content-Type"].startswith("application/")
    hit = client.get("/aktuelles/feed/rss/")
    assert hit["X-Cache"] == "HIT" and hit.content == first.content
    assert len(list(hit)) == 1  # one chunk: gunicorn sends it with one system call


def test_memoized_values_hold_no_model_instances(client, small_site):
    from django.db.models import Model

    client.get("/aktuelles/")
    import pickle

    def instances(value):
        if isinstance(value, Model):
            return [value]
        if isinstance(value, (list, tuple)):
            return [found for item in value for found in instances(item)]
        if isinstance(value, dict):
            return [found for item in value.values() for found in instances(item)]
        return []

    memo = {key: pickle.loads(value) for key, value in cache._cache.items() if ":ikpe:memo:" in key}
    assert any(":site:" in key for key in memo) and any(":site-settings:" in key for key in memo)
    assert [key for key, value in memo.items() if instances(value)] == []


def test_a_database_outage_serves_cached_pages(client, small_site, monkeypatch):
    from django.db import OperationalError

    client.get("/verein/")

    def down():
        raise OperationalError("database is locked")

    monkeypatch.setattr(page_cache, "_read_counter", down)
    response = client.get("/verein/")
    assert response.status_code == 200 and response["X-Cache"] == "HIT"
