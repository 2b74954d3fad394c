import datetime

import feedparser
import pytest

from news.testing import lead_image, make_category, make_index, make_post

D = datetime.date


@pytest.fixture
def posts(home):
    index = make_index(home)
    press = make_category("Pressemitteilung", "pressemitteilung")
    travel = make_category("IKPE unterwegs", "ikpe-unterwegs")
    return {
        "index": index,
        "espanet": make_post(
            index,
            "espanet",
            D(2023, 9, 15),
            title="ESPAnet-Tagung in Warschau",
            teaser="Vortrag von Prof. Dr. Jörg Fischer.",
            categories=[travel],
            listing_image=lead_image("ESPAnet"),
        ),
        "press": make_post(
            index,
            "teilhabe",
            D(2023, 9, 13),
            title="Kommunen unterstützen & begleiten",
            teaser="Das IKPE begleitet Kommunen.",
            categories=[press],
        ),
        "old": make_post(
            index, "an-institut", D(2020, 2, 12), title="IKPE ist An-Institut", teaser="Beschluss vom 12. Februar 2020."
        ),
    }


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


def test_rss_feed_carries_all_posts_with_absolute_links_dates_and_enclosure(client, posts):
    response, feed = parse(client, "/aktuelles/feed/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.version == "rss20"
    assert feed.feed.title == "Aktuelles aus dem IKPE"
    assert feed.feed.link == "http://testserver/aktuelles/"
    assert feed.feed.language == "de"
    assert [entry.title for entry in feed.entries] == [
        "ESPAnet-Tagung in Warschau",
        "Kommunen unterstützen & begleiten",
        "IKPE ist An-Institut",
    ]
    first = feed.entries[0]
    assert first.link == "http://testserver/aktuelles/espanet/"
    assert first.summary == "Vortrag von Prof. Dr. Jörg Fischer."
    assert first.published_parsed[:4] == (2023, 9, 15, 10)  # the display date, at noon in Berlin
    assert [tag.term for tag in first.tags] == ["IKPE unterwegs"]
    enclosure = first.enclosures[0]
    assert enclosure.href.startswith("http://testserver/media/images/") and enclosure.href.endswith(".jpg")
    assert enclosure.type == "image/jpeg"
    image = client.get(enclosure.href.removeprefix("http://testserver"))
    assert image.status_code == 200
    assert int(enclosure.length) == len(b"".join(image.streaming_content)) > 0
    assert feed.entries[1].enclosures == []  # no lead image, no enclosure


def test_atom_feed_parses_and_links_itself(client, posts):
    response, feed = parse(client, "/aktuelles/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.version == "atom10"
    assert any(link.rel == "self" and link.href == "http://testserver/aktuelles/feed/atom/" for link in feed.feed.links)
    assert [entry.link for entry in feed.entries] == [
        "http://testserver/aktuelles/espanet/",
        "http://testserver/aktuelles/teilhabe/",
        "http://testserver/aktuelles/an-institut/",
    ]
    assert feed.entries[2].summary == "Beschluss vom 12. Februar 2020."
    assert feed.entries[2].published_parsed[:4] == (2020, 2, 12, 11)  # noon in Berlin (CET) in UTC
    assert feed.entries[0].updated_parsed is not None
    assert feed.entries[0].enclosures[0].type == "image/jpeg"


def test_category_feeds_carry_only_their_category(client, posts):
    for kind in ("rss", "atom"):
        _, feed = parse(client, f"/aktuelles/kategorie/pressemitteilung/feed/{kind}/")
        assert [entry.title for entry in feed.entries] == ["Kommunen unterstützen & begleiten"]
        assert feed.feed.title == "Pressemitteilung – Aktuelles aus dem IKPE"
    assert client.get("/aktuelles/kategorie/gibt-es-nicht/feed/rss/").status_code == 404
    assert client.get("/aktuelles/kategorie/pressemitteilung/feed/json/").status_code == 404


def test_feeds_leave_out_drafts_and_private_posts(client, posts):
    from wagtail.models import PageViewRestriction

    make_post(posts["index"], "entwurf", D(2023, 10, 1), title="Entwurf", publish=False)
    private = make_post(posts["index"], "intern", D(2023, 10, 2), title="Intern")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    _, feed = parse(client, "/aktuelles/feed/rss/")
    assert "Entwurf" not in [entry.title for entry in feed.entries]
    assert "Intern" not in [entry.title for entry in feed.entries]
    assert len(feed.entries) == 3
