"""Scheduled and expired posts, with controlled time: invisible in every channel until (and after) their time."""

import datetime
import io
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.core.management import call_command
from django.utils import timezone

from news.models import NewsPage
from news.testing import make_category, make_index, make_post

NOW = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture
def clock(freeze_clock):
    """The clock stands at NOW for everything (the views, Wagtail, publish_scheduled) until a test moves it."""
    freeze_clock(NOW)
    return freeze_clock


@pytest.fixture
def index(home, clock):
    index = make_index(home)
    make_post(index, "schon-sichtbar", timezone.localdate(NOW), title="Schon sichtbar")
    return index


def channels(client, title, year):
    """Where `title` shows up for an anonymous visitor."""
    found = set()
    pages = {
        "listing": "/aktuelles/",
        "home": "/",
        "archive": f"/aktuelles/{year}/",
        "category": "/aktuelles/?kategorie=ankuendigung",
        "search": f"/suche/?q={title.split()[0]}",
        "sitemap": "/sitemap.xml",
    }
    for channel, url in pages.items():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        if response.status_code == 200 and title in response.content.decode():
            found.add(channel)
        if channel == "sitemap" and response.status_code == 200 and "/aktuelles/geplant/" in response.content.decode():
            found.add(channel)
    for url in ("/aktuelles/feed/rss/", "/aktuelles/feed/atom/", "/aktuelles/kategorie/ankuendigung/feed/rss/"):
        feed = feedparser.parse(client.get(url).content)
        assert not feed.bozo
        if any(entry.title == title for entry in feed.entries):
            found.add(url)
    return found


ALL = {
    "listing",
    "home",
    "archive",
    "category",
    "search",
    "sitemap",
    "/aktuelles/feed/rss/",
    "/aktuelles/feed/atom/",
    "/aktuelles/kategorie/ankuendigung/feed/rss/",
}


def test_scheduled_post_appears_only_when_the_scheduler_publishes_it(client, index, clock):
    go_live = NOW + datetime.timedelta(hours=2)
    post = NewsPage(
        title="Geplante Ankündigung",
        slug="geplant",
        teaser="Erst ab Mittag.",
        live=False,
        go_live_at=go_live,
        categories=[make_category("Ankündigung", "ankuendigung")],
    )
    index.add_child(instance=post)
    post.save_revision().publish()  # what "Publish" does with a go-live time in the future: schedule it
    post.refresh_from_db()
    assert not post.live and post.first_published_at is None
    year = timezone.localdate(go_live).year

    assert channels(client, "Geplante Ankündigung", year) == set()
    assert client.get("/aktuelles/geplant/").status_code == 404

    clock(go_live - datetime.timedelta(minutes=1))  # the scheduler runs a minute early: nothing happens
    call_command("publish_scheduled", stdout=io.StringIO())
    assert channels(client, "Geplante Ankündigung", year) == set()

    clock(go_live + datetime.timedelta(seconds=30))  # the next run after the go-live time
    call_command("publish_scheduled", stdout=io.StringIO())
    post.refresh_from_db()
    assert post.live
    assert post.date == timezone.localdate(go_live)  # the display date defaults to the day it went live
    assert channels(client, "Geplante Ankündigung", year) == ALL
    assert client.get("/aktuelles/geplant/").status_code == 200


def test_expired_post_disappears_everywhere(client, index, clock):
    expire = NOW + datetime.timedelta(hours=1)
    post = make_post(
        index,
        "geplant",
        timezone.localdate(NOW),
        title="Befristete Ankündigung",
        categories=[make_category("Ankündigung", "ankuendigung")],
    )
    post.expire_at = expire
    post.save_revision().publish()
    year = timezone.localdate(NOW).year
    assert channels(client, "Befristete Ankündigung", year) == ALL

    clock(expire + datetime.timedelta(seconds=30))
    # Before the scheduler has run, the news channels already leave the post out (search and sitemap follow
    # Wagtail's `live` flag and need the scheduler).
    assert channels(client, "Befristete Ankündigung", year) <= {"search", "sitemap"}
    assert client.get("/aktuelles/geplant/").status_code == 404  # the post itself is gone at its expiry too

    call_command("publish_scheduled", stdout=io.StringIO())
    post.refresh_from_db()
    assert not post.live and post.expired
    assert channels(client, "Befristete Ankündigung", year) == set()
    assert client.get("/aktuelles/geplant/").status_code == 404
    assert "Schon sichtbar" in client.get("/aktuelles/").content.decode()


def test_changes_scheduled_for_a_live_post_wait_for_their_time(client, index, clock):
    post = make_post(index, "korrektur", timezone.localdate(NOW), title="Alter Titel")
    post.title = "Neuer Titel"
    post.go_live_at = NOW + datetime.timedelta(hours=3)
    post.save_revision().publish()
    html = client.get("/aktuelles/").content.decode()
    assert "Alter Titel" in html and "Neuer Titel" not in html
    clock(NOW + datetime.timedelta(hours=3, minutes=1))
    call_command("publish_scheduled", stdout=io.StringIO())
    html = client.get("/aktuelles/").content.decode()
    assert "Neuer Titel" in html and "Alter Titel" not in html
