"""Dates carry the precision the source gives: a post known only to the month shows "November 2019" and no day
anywhere a visitor or a machine reads it (page, listing, archive, home page, search, feeds, metadata, iCal)."""

import datetime
import re

import feedparser
import icalendar
import pytest

from ikpe_site.core.dates import format_date, iso_date, period_end
from ikpe_site.core.models import DatePrecision
from news.testing import make_index, make_post
from tests.test_events_pages import at, index_fixture, make_event  # noqa: F401 (a fixture)

D = datetime.date


def no_day_of(html, day):
    """The ways the site could write the invented first day of a period that occur in `html`."""
    found = [form for form in (f"{day:%d.%m.%Y}", day.isoformat(), f"{day:%Y%m%d}") if form in html]
    long_form = rf"(?<!\d){day.day}\. {format_date(day, DatePrecision.MONTH)}"
    return found + re.findall(long_form, html)


def test_format_date_and_iso_date_follow_the_precision():
    day = D(2019, 11, 12)
    assert format_date(day) == "12. November 2019"
    assert format_date(day, short=True) == "12.11.2019"
    assert format_date(D(2019, 11, 1), DatePrecision.MONTH) == "November 2019"
    assert format_date(D(2019, 11, 1), DatePrecision.MONTH, short=True) == "November 2019"
    assert format_date(D(2023, 1, 1), DatePrecision.YEAR) == "2023"
    assert format_date(D(2023, 3, 1), DatePrecision.MONTH) == "März 2023"  # German month names
    assert format_date(None) == ""
    assert iso_date(day) == "2019-11-12"
    assert iso_date(D(2019, 11, 1), DatePrecision.MONTH) == "2019-11"
    assert iso_date(D(2023, 1, 1), DatePrecision.YEAR) == "2023"
    assert period_end(D(2024, 2, 1), DatePrecision.MONTH) == D(2024, 2, 29)
    assert period_end(D(2023, 1, 1), DatePrecision.YEAR) == D(2023, 12, 31)
    assert period_end(day) == day


@pytest.fixture
def posts(home):
    index = make_index(home)
    return {
        "month": make_post(
            index,
            "nur-monat",
            D(2019, 11, 1),
            date_precision=DatePrecision.MONTH,
            title="Fachtag Sozialplanung",
            teaser="Ein Rückblick.",
        ),
        "year": make_post(
            index,
            "nur-jahr",
            D(2023, 1, 1),
            date_precision=DatePrecision.YEAR,
            title="Neue Publikationen zur Armutsprävention",
            teaser="Eine Übersicht.",
        ),
    }


def test_month_and_year_posts_show_no_day_on_page_listing_archive_and_home(client, posts):
    month_day, year_day = D(2019, 11, 1), D(2023, 1, 1)
    page = client.get("/aktuelles/nur-monat/").content.decode()
    assert '<time datetime="2019-11">November 2019</time>' in page
    assert '<meta property="article:published_time" content="2019-11">' in page
    assert no_day_of(page, month_day) == []

    page = client.get("/aktuelles/nur-jahr/").content.decode()
    assert '<time datetime="2023">2023</time>' in page
    assert '<meta property="article:published_time" content="2023">' in page
    assert no_day_of(page, year_day) == []

    for url in ("/aktuelles/", "/aktuelles/2019/", "/"):
        html = client.get(url).content.decode()
        assert "November 2019" in html, url
        assert no_day_of(html, month_day) == [], url
    listing = client.get("/aktuelles/").content.decode()
    assert '<time datetime="2023">2023</time>' in listing
    assert '<time datetime="2019-11">November 2019</time>' in listing
    assert no_day_of(client.get("/aktuelles/2023/").content.decode(), year_day) == []


def test_search_results_show_the_known_part_only(client, posts):
    html = client.get("/suche/", {"q": "Fachtag Sozialplanung"}).content.decode()
    assert "Fachtag Sozialplanung" in html
    assert "November 2019" in html
    assert no_day_of(html, D(2019, 11, 1)) == []


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_date_a_month_post_at_the_start_of_the_month_and_name_no_day(client, posts, kind):
    response = client.get(f"/aktuelles/feed/{kind}/")
    feed = feedparser.parse(response.content)
    entry = next(entry for entry in feed.entries if entry.title == "Fachtag Sozialplanung")
    assert entry.published_parsed[:3] == (2019, 11, 1)  # a feed needs a full date: the start of the period
    assert "1. November" not in entry.summary and "01.11.2019" not in entry.summary


def test_month_precision_event_shows_no_day_or_time_in_page_listing_json_ld_and_ical(client, index):
    make_event(
        index,
        "werkstatt",
        at(2019, 11, 1),
        at(2019, 11, 1),
        date_precision=DatePrecision.MONTH,
        title="Werkstattgespräch",
    )
    make_event(index, "tagung", at(2023, 1, 1), at(2023, 1, 1), date_precision=DatePrecision.YEAR, title="Jahrestagung")
    page = client.get("/termine/werkstatt/").content.decode()
    assert '<time datetime="2019-11">November 2019</time>' in page
    assert '"startDate":"2019-11"' in page and '"endDate":"2019-11"' in page
    assert no_day_of(page, D(2019, 11, 1)) == [] and "Uhr" not in page.split("<main")[1].split("</main>")[0]
    archive = client.get("/termine/archiv/2019/").content.decode()
    assert "November 2019" in archive and no_day_of(archive, D(2019, 11, 1)) == []
    assert '"startDate":"2023"' in client.get("/termine/tagung/").content.decode()

    raw = client.get("/termine/werkstatt/ics/").content.decode()
    assert "DTSTART;VALUE=DATE:20191101\r\n" in raw
    assert "DTEND;VALUE=DATE:20191201\r\n" in raw  # the whole month, exclusive end
    (vevent,) = icalendar.Calendar.from_ical(client.get("/termine/tagung/ics/").content).walk("VEVENT")
    assert vevent.decoded("DTSTART") == D(2023, 1, 1) and vevent.decoded("DTEND") == D(2024, 1, 1)
    assert str(vevent["TRANSP"]) == "TRANSPARENT"


def test_all_day_event_uses_dates_in_ical_and_json_ld(client, index):
    make_event(index, "fachtag", at(2023, 9, 7, 9), at(2023, 9, 7, 16), all_day=True, title="Fachtag")
    raw = client.get("/termine/fachtag/ics/").content.decode()
    assert "DTSTART;VALUE=DATE:20230907\r\n" in raw and "DTEND;VALUE=DATE:20230908\r\n" in raw
    page = client.get("/termine/fachtag/").content.decode()
    assert '"startDate":"2023-09-07"' in page and "09:00" not in page
