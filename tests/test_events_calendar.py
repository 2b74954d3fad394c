from datetime import date

import icalendar
import pytest

from events.models import BERLIN, EventPage
from ikpe_site.core.models import TopicIndexPage, TopicPage
from projects.models import ProjectIndexPage, ProjectPage
from tests.test_events_pages import add_events, at, frozen_now_fixture, index_fixture, make_event, warm  # noqa: F401 (fixtures)
from tests.utils import count_queries


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_feed_keeps_local_times_across_the_daylight_saving_change(client, index, frozen_now):
    # Summer time begins on 29 March 2026: 10:00 in Berlin is 09:00 UTC before, 08:00 UTC after.
    winter = make_event(index, "vor-der-umstellung", at(2026, 3, 27, 10), at(2026, 3, 27, 12))
    summer = make_event(index, "nach-der-umstellung", at(2026, 3, 30, 10), at(2026, 3, 30, 12))
    calendar = parse(client.get("/termine/kalender/"))
    events = vevents(calendar)
    assert set(events) == {f"event-{winter.pk}@testserver", f"event-{summer.pk}@testserver"}

    before, after = events[f"event-{winter.pk}@testserver"], events[f"event-{summer.pk}@testserver"]
    assert before["DTSTART"].params["TZID"] == after["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert before.decoded("DTSTART").isoformat() == "2026-03-27T10:00:00+01:00"
    assert after.decoded("DTSTART").isoformat() == "2026-03-30T10:00:00+02:00"
    assert after.decoded("DTEND").isoformat() == "2026-03-30T12:00:00+02:00"
    raw = client.get("/termine/kalender/").content.decode()
    assert "DTSTART;TZID=Europe/Berlin:20260327T100000\r\n" in raw
    assert "DTSTART;TZID=Europe/Berlin:20260330T100000\r\n" in raw

    # The VTIMEZONE in the file itself describes the switch on 29 March 2026.
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert vtimezone["TZID"] == "Europe/Berlin"
    offsets = {(str(c.name), c["TZOFFSETTO"].to_ical()) for c in vtimezone.subcomponents}
    assert ("DAYLIGHT", "+0200") in offsets and ("STANDARD", "+0100") in offsets
    assert "20260329T030000" in raw[raw.index("BEGIN:DAYLIGHT") : raw.index("END:DAYLIGHT")]

    assert str(calendar["X-WR-CALNAME"]) == "IKPE – Termine"
    assert calendar["VERSION"] == "2.0" and "PRODID" in calendar
    for event in (before, after):
        for prop in ("DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "URL", "SUMMARY"):
            assert prop in event
    assert str(after["URL"]) == "http://testserver/termine/nach-der-umstellung/"


def test_all_day_events_use_dates_with_exclusive_end(client, index):
    event = make_event(
        index,
        "messe",
        at(2019, 11, 6),
        at(2019, 11, 7),
        all_day=True,
        place_name="Messezentrum",
        street="Messezentrum 1",
        postal_code="90471",
        city="Nürnberg",
        teaser="Am Stand 3A.",
    )
    response = client.get("/termine/messe/ics/")
    assert response["Content-Disposition"] == 'attachment; filename="messe.ics"'
    (vevent,) = parse(response).walk("VEVENT")
    assert vevent.decoded("DTSTART") == date(2019, 11, 6)
    assert vevent.decoded("DTEND") == date(2019, 11, 8)  # exclusive: the fair ends on the 7th
    assert vevent["DTSTART"].params["VALUE"] == "DATE"
    assert str(vevent["LOCATION"]) == "Messezentrum, Messezentrum 1, 90471 Nürnberg"
    assert "Am Stand 3A." in str(vevent["DESCRIPTION"])
    assert str(vevent["UID"]) == f"event-{event.pk}@testserver"


def test_changes_raise_the_sequence_and_keep_the_uid(client, index):
    event = make_event(index, "ak", at(2026, 5, 4, 10), at(2026, 5, 4, 15))
    (first,) = parse(client.get("/termine/ak/ics/")).walk("VEVENT")
    event.save_revision().publish()  # publishing without changes is not a new version for calendars
    event.refresh_from_db()
    assert event.sequence == 0

    event.start, event.end = at(2026, 5, 5, 10), at(2026, 5, 5, 15)
    revision = event.save_revision()
    event.refresh_from_db()
    assert event.sequence == 0  # a draft changes nothing yet
    revision.publish()
    (second,) = parse(client.get("/termine/ak/ics/")).walk("VEVENT")
    assert second["UID"] == first["UID"]
    assert second["SEQUENCE"] == first["SEQUENCE"] + 1 == 1
    assert second.decoded("LAST-MODIFIED") >= first.decoded("LAST-MODIFIED")
    assert second.decoded("DTSTART").isoformat() == "2026-05-05T10:00:00+02:00"

    event.refresh_from_db()
    event.status = EventPage.Status.CANCELLED
    event.save_revision().publish()
    (third,) = parse(client.get("/termine/ak/ics/")).walk("VEVENT")
    assert third["SEQUENCE"] == 2 and third["STATUS"] == "CANCELLED"


@pytest.fixture
def projects_and_topics(home):
    projects = ProjectIndexPage(title="Projekte", slug="projekte")
    home.add_child(instance=projects)
    arm = projects.add_child(instance=ProjectPage(title="Armutsprävention", slug="arm", short_name="ARM"))
    lsz = projects.add_child(instance=ProjectPage(title="LSZ", slug="lsz", short_name="LSZ"))
    topics = TopicIndexPage(title="Themen", slug="themen")
    home.add_child(instance=topics)
    topic = topics.add_child(instance=TopicPage(title="Netzwerke", slug="netzwerke"))
    return arm, lsz, topic


def test_project_and_topic_feeds_hold_only_their_events(client, index, projects_and_topics, frozen_now):
    arm, lsz, topic = projects_and_topics
    only_arm = make_event(index, "nur-arm", at(2026, 5, 4, 10), projects=[arm], topics=[topic])
    both = make_event(index, "beide", at(2026, 6, 4, 10), projects=[arm, lsz])
    only_lsz = make_event(index, "nur-lsz", at(2026, 7, 4, 10), projects=[lsz])
    make_event(index, "ohne", at(2026, 8, 4, 10))

    def uids(events):
        return {f"event-{event.pk}@testserver" for event in events}

    arm_feed = parse(client.get("/termine/kalender/projekt/arm/"))
    assert set(vevents(arm_feed)) == uids([only_arm, both])
    assert str(arm_feed["X-WR-CALNAME"]) == "IKPE – Termine: Armutsprävention"
    assert set(vevents(parse(client.get("/termine/kalender/projekt/lsz/")))) == uids([both, only_lsz])
    assert set(vevents(parse(client.get("/termine/kalender/thema/netzwerke/")))) == uids([only_arm])
    assert len(vevents(parse(client.get("/termine/kalender/")))) == 4


def test_empty_feed_is_still_a_valid_calendar(client, index, projects_and_topics):
    calendar = parse(client.get("/termine/kalender/projekt/arm/"))
    assert calendar.walk("VEVENT") == []
    assert len(calendar.walk("VTIMEZONE")) == 1  # RFC 5545 wants at least one component


def test_calendars_have_ics_addresses(client, index, frozen_now):
    event = make_event(index, "ak", at(2026, 5, 4, 10), title="AK")
    calendar = parse(client.get("/termine/kalender.ics"))
    assert set(vevents(calendar)) == {f"event-{event.pk}@testserver"}
    assert client.get("/termine/kalender/projekt/unbekannt.ics").status_code == 404
    assert client.get("/termine.ics").status_code == 404  # an HTML page has no .ics address
    assert client.get("/termine/ak.ics").status_code == 404
    html = client.get("/").content.decode()
    assert (
        'type="text/calendar" title="IKPE – Termine (Kalender)" href="http://testserver/termine/kalender.ics"'
    ) in html
    assert "http://testserver/termine/kalender.ics" in client.get("/termine/").content.decode()


def test_feed_query_count_does_not_grow(client, index, frozen_now):
    make_event(index, "erster", at(2026, 5, 4, 10))
    warm(client, "/termine/kalender/")
    _, few = count_queries(client, "/termine/kalender/")
    add_events(index, "viele", 300, at(2026, 6, 1, 10))
    warm(client, "/termine/kalender/")  # again after the content change
    response, many = count_queries(client, "/termine/kalender/")
    assert len(parse(response).walk("VEVENT")) == 301
    assert many == few


def test_calendar_carries_the_last_year_and_the_future_not_the_whole_archive(client, index):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    old = make_event(index, "alt", now - timedelta(days=400), title="Alte Tagung")
    recent = make_event(index, "neu", now - timedelta(days=30), title="Neue Tagung")
    coming = make_event(index, "bald", now + timedelta(days=30), title="Kommende Tagung")
    feed = vevents(parse(client.get("/termine/kalender/")))
    assert set(feed) == {f"event-{event.pk}@testserver" for event in (recent, coming)}
    archive = client.get(f"/termine/archiv/{old.start.astimezone(BERLIN).year}/")
    assert archive.status_code == 200 and "Alte Tagung" in archive.content.decode()  # the archive keeps it
