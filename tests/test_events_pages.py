import io
import json
import re
from datetime import datetime, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from events.models import BERLIN, EventIndexPage, EventPage, EventSpeaker
from events.wagtail_hooks import SECTION_SIZE, related_events
from ikpe_site.core.models import HomePage, TopicIndexPage, TopicPage
from news.models import NewsIndexPage, NewsPage
from people.models import PeopleIndexPage, PersonPage
from projects.models import District, ProjectIndexPage, ProjectPage
from tests.utils import count_queries

NOW = datetime(2026, 6, 15, 14, 0, tzinfo=BERLIN)
MANY = 2000  # events in the query-count test: 10 versus 2,000


def at(*args):
    return datetime(*args, tzinfo=BERLIN)


def make_event(index, slug, start, end=None, publish=True, **fields):
    event = EventPage(
        title=fields.pop("title", slug.replace("-", " ").title()),
        slug=slug,
        start=start,
        end=end or start + timedelta(hours=2),
        **fields,
    )
    index.add_child(instance=event)
    if publish:
        event.save_revision().publish()
    else:
        event.live = False
        event.save()
    return event


@pytest.fixture(name="index")
def index_fixture(home):
    page = EventIndexPage(title="Termine", slug="termine")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture(name="frozen_now")
def frozen_now_fixture(freeze_clock):
    """Freeze the clock at 15 June 2026, 14:00 in Berlin."""
    return freeze_clock(NOW)


def titles(html):
    return re.findall(r'class="event-card-title"><a href="[^"]*">([^<]+)</a>', html)


def test_page_tree_rules():
    assert EventIndexPage.allowed_parent_page_models() == [HomePage]
    assert EventIndexPage.allowed_subpage_models() == [EventPage]
    assert EventIndexPage.max_count == 1
    assert EventPage.allowed_parent_page_models() == [EventIndexPage]
    assert EventPage.allowed_subpage_models() == []


def test_upcoming_and_past_at_the_boundary(client, index, frozen_now):
    make_event(index, "ganztags-heute", at(2026, 6, 13), at(2026, 6, 15), all_day=True)
    make_event(index, "laeuft-noch", at(2026, 6, 14, 9), at(2026, 6, 15, 18))
    make_event(index, "morgen", at(2026, 6, 16, 10))
    make_event(index, "ganztags-gestern", at(2026, 6, 14), at(2026, 6, 14), all_day=True)
    make_event(index, "gestern-abend", at(2026, 6, 14, 18), at(2026, 6, 14, 23, 59))
    make_event(index, "heute-frueh-vorbei", at(2026, 6, 15, 8), at(2026, 6, 15, 13, 59))

    upcoming = titles(client.get("/termine/").content.decode())
    # An all-day event counts for its whole last day, an event in progress is upcoming; ascending order.
    assert upcoming == ["Ganztags Heute", "Laeuft Noch", "Morgen"]
    past = titles(client.get("/termine/archiv/2026/").content.decode())
    assert past == ["Heute Frueh Vorbei", "Gestern Abend", "Ganztags Gestern"]  # newest first

    # The same boundary one second before midnight: the all-day event is still upcoming.
    late = at(2026, 6, 15, 23, 59, 59)
    assert [e.slug for e in EventPage.objects.upcoming(late)] == ["ganztags-heute", "morgen"]
    assert EventPage.objects.get(slug="ganztags-heute").is_upcoming(late)
    assert not EventPage.objects.get(slug="ganztags-heute").is_upcoming(at(2026, 6, 16, 0, 0))


def test_listing_shows_german_dates_places_and_filters(client, home, index, frozen_now):
    topics = TopicIndexPage(title="Themen", slug="themen")
    home.add_child(instance=topics)
    topic = topics.add_child(instance=TopicPage(title="Armutsprävention", slug="armutspraevention"))
    make_event(
        index,
        "ak",
        at(2026, 9, 9, 10),
        at(2026, 9, 9, 15),
        title="Arbeitskreis",
        city="Erfurt",
        place_name="Bildungshaus St. Ursula",
        topics=[topic],
    )
    make_event(
        index,
        "messe",
        at(2026, 11, 6),
        at(2026, 11, 7),
        all_day=True,
        title="Messe",
        city="Nürnberg",
        institute_role="stand",
    )
    html = client.get("/termine/").content.decode()
    assert (
        '<time datetime="2026-09-09T10:00:00+02:00">9. September 2026, 10:00–15:00 Uhr</time>'
        '<span class="event-place"> · Bildungshaus St. Ursula, Erfurt</span>'
    ) in html
    assert '<time datetime="2026-11-06">6.–7. November 2026</time><span class="event-place"> · Nürnberg' in html
    assert "Kommende Termine" in html and "Kalender abonnieren" in html and "Messestand" in html
    assert '<label for="id_thema">Thema:</label>' in html

    filtered = client.get("/termine/?thema=armutspraevention").content.decode()
    assert titles(filtered) == ["Arbeitskreis"]
    assert "http://testserver/termine/kalender/thema/armutspraevention.ics" in filtered


def test_bad_page_values_give_404(client, index):
    """core/listing.py (issue 18): only pages 1 to the last exist; the nearest page is no longer guessed."""
    for number in range(12):
        make_event(index, f"termin-{number}", timezone.now() + timedelta(days=number + 1))
    for query in (
        "?page=0",
        "?page=-1",
        "?page=abc",
        "?page=1.5",
        "?page=99999999999999999999999",
        "?page=%00",
        "?page=2&page=x",
        "?page=3",
    ):
        assert client.get(f"/termine/{query}").status_code == 404, query
    for query, expected in [("?projekt=", 10), ("?thema=&projekt=", 10), ("?page=2", 2), ("?page=", 10)]:
        response = client.get(f"/termine/{query}")
        assert response.status_code == 200, query
        assert len(titles(response.content.decode())) == expected, query


def test_bad_years_and_filters_give_404(client, index):
    make_event(index, "alt", at(2019, 11, 6, 10))
    assert client.get("/termine/archiv/2019/").status_code == 200
    for path in [
        "/termine/archiv/1999/",
        "/termine/archiv/0/",
        "/termine/archiv/99999999999999999999999/",
        "/termine/archiv/abcd/",
        "/termine/archiv/2019/?projekt=gibt-es-nicht",
        "/termine/?projekt=gibt-es-nicht",
        "/termine/?thema=%00",
        "/termine/archiv/-2019/",
        "/termine/kalender/projekt/gibt-es-nicht/",
        "/termine/kalender/thema/nein/",
        "/termine/archiv/2019/ics/",
        "/termine/archiv/?thema=nein",
    ]:
        assert client.get(path).status_code == 404, path


def test_archive_by_year(client, index, frozen_now):
    make_event(index, "a-2019", at(2019, 11, 6, 10), title="Termin 2019")
    make_event(index, "a-2023", at(2023, 9, 7, 10), title="Termin 2023")
    # New Year's Eve at 23:30 in Berlin is still 2019 although it is 2019-12-31T22:30Z.
    make_event(index, "silvester", at(2019, 12, 31, 23, 30), at(2020, 1, 1, 1), title="Silvester")
    response = client.get("/termine/archiv/")
    assert response.status_code == 302 and response["Location"] == "/termine/archiv/2023/"
    html = client.get("/termine/archiv/2019/").content.decode()
    assert titles(html) == ["Silvester", "Termin 2019"]
    assert "Vergangene Veranstaltungen 2019" in html
    assert 'href="/termine/archiv/2023/"' in html and 'aria-current="page"><span class="visually-hidden">' in html
    assert client.get("/termine/archiv/2020/").status_code == 404
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/termine/archiv/2019/" in sitemap and "http://testserver/termine/archiv/2023/" in sitemap


def test_archive_without_past_events(client, index, frozen_now):
    make_event(index, "bald", at(2026, 7, 1, 10))
    response = client.get("/termine/archiv/")
    assert response.status_code == 200
    assert "Es gibt noch keine vergangenen Veranstaltungen." in response.content.decode()


def test_drafts_and_private_events_are_not_listed(client, index, frozen_now):
    make_event(index, "sichtbar", at(2026, 7, 1, 10))
    make_event(index, "entwurf", at(2026, 7, 2, 10), publish=False)
    private = make_event(index, "privat", at(2026, 7, 3, 10))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    html = client.get("/termine/").content.decode()
    assert titles(html) == ["Sichtbar"]
    feed = client.get("/termine/kalender/").content.decode()
    assert "Sichtbar" in feed and "Entwurf" not in feed and "Privat" not in feed


def add_events(index, prefix, count, start):
    """Many live events fast, as a data import would write them: the page rows in one INSERT, the event rows
    with raw saves (no revisions, no search indexing; the listing reads neither)."""
    content_type = ContentType.objects.get_for_model(EventPage)
    last = index.get_last_child()
    first_step = int(last.path[-Page.steplen :], 36) + 1 if last else 1
    pages = []
    for number in range(count):
        step, digits = first_step + number, ""
        while step:
            step, digit = divmod(step, 36)
            digits = Page.alphabet[digit] + digits
        slug = f"{prefix}-{number}"
        pages.append(
            Page(
                title=f"{prefix} {number}",
                draft_title=f"{prefix} {number}",
                slug=slug,
                content_type=content_type,
                path=index.path + digits.rjust(Page.steplen, "0"),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                live=True,
                locale_id=index.locale_id,
            )
        )
    for page, number in zip(Page.objects.bulk_create(pages), range(count), strict=True):
        moment = start + timedelta(hours=number)
        EventPage(page_ptr_id=page.pk, start=moment, end=moment + timedelta(hours=1)).save_base(raw=True)
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + count)
    index.refresh_from_db()


def warm(client, url):
    """Fill the site caches (site root, menu, settings) as on any running server; two requests, because the
    site settings are memoized only once the content version exists."""
    client.get(url)
    client.get(url)


def test_listing_query_count_does_not_grow(client, index):
    future = timezone.now() + timedelta(days=30)
    add_events(index, "a", 5, future)
    add_events(index, "b", 5, at(2020, 5, 1, 10))
    warm(client, "/termine/")
    _, few = count_queries(client, "/termine/")
    _, few_archive = count_queries(client, "/termine/archiv/2020/")
    add_events(index, "c", MANY // 2, future + timedelta(days=1))
    add_events(index, "d", MANY // 2, at(2020, 6, 1, 10))
    warm(client, "/termine/")  # again: the content change emptied the caches
    response, many = count_queries(client, "/termine/?page=3")
    assert len(titles(response.content.decode())) == 10
    assert many == few
    response, many_archive = count_queries(client, "/termine/archiv/2020/?page=2")
    assert len(titles(response.content.decode())) == 10
    assert many_archive == few_archive


def event_json_ld(html):
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    (script,) = [script for script in scripts if '"@type":"Event"' in script]
    return script


def test_event_page_shows_facts_json_ld_and_calendar_link(client, home, index):
    people = PeopleIndexPage(title="Team", slug="team")
    home.add_child(instance=people)
    fischer = people.add_child(
        instance=PersonPage(
            title="Prof. Dr. Jörg Fischer", slug="joerg-fischer", first_name="Jörg", last_name="Fischer"
        )
    )
    fischer.save_revision().publish()
    event = make_event(
        index,
        "fachtag",
        at(2026, 3, 20, 10),
        at(2026, 3, 20, 16),
        title="Fachtag </script><b>",
        place_name="Bildungshaus St. Ursula",
        street="Trommsdorffstraße 29",
        postal_code="99084",
        city="Erfurt",
        organised_by_institute=True,
        organiser="TMASGFF",
        status="cancelled",
        teaser="Ein Tag.",
        speakers=[EventSpeaker(person=fischer, note="Keynote")],
    )
    html = client.get(event.url).content.decode()
    assert "Diese Veranstaltung wurde abgesagt." in html
    assert "Trommsdorffstraße 29" in html and "Keynote" in html and "Prof. Dr. Jörg Fischer" in html
    assert 'href="/termine/fachtag/ics/"' in html and "Zum Kalender hinzufügen" in html
    script = event_json_ld(html)
    assert "</" not in script
    data = json.loads(script)
    assert data["@type"] == "Event" and data["name"] == "Fachtag </script><b>"
    assert data["startDate"] == "2026-03-20T10:00:00+01:00" and data["endDate"] == "2026-03-20T16:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "DE",
        "postalCode": "99084",
        "streetAddress": "Trommsdorffstraße 29",
        "addressLocality": "Erfurt",
    }
    assert [o["name"] for o in data["organizer"]] == ["Institut für kommunale Planung und Entwicklung e.V.", "TMASGFF"]
    assert data["performer"] == [{"@type": "Person", "name": "Prof. Dr. Jörg Fischer"}]


def test_online_all_day_event_json_ld(client, index):
    event = make_event(
        index,
        "online",
        at(2026, 7, 27),
        at(2026, 7, 28),
        all_day=True,
        online=True,
        online_url="https://konferenz.example/raum",
        status="postponed",
    )
    html = client.get(event.url).content.decode()
    data = json.loads(event_json_ld(html))
    assert (data["startDate"], data["endDate"]) == ("2026-07-27", "2026-07-28")
    assert data["eventStatus"] == "https://schema.org/EventPostponed"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://konferenz.example/raum"}


def test_end_before_start_is_rejected(index):
    event = EventPage(title="Falsch", slug="falsch", start=at(2026, 3, 20, 10), end=at(2026, 3, 20, 9))
    with pytest.raises(Exception, match="Ende"):
        event.full_clean()


def test_event_can_be_created_in_admin(admin_client, index):
    data = nested_form_data(
        {
            "title": "Werkstattgespräch",
            "slug": "werkstattgespraech",
            "start": "13.12.2026 10:00",
            "end": "13.12.2026 14:00",
            "date_precision": "day",
            "status": "scheduled",
            "country": "DE",
            "institute_role": "organiser",
            "body": streamfield([("paragraph", rich_text("<p>Beteiligung im Planungskontext</p>"))]),
            "speakers": {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "1000"},
            "teaser": "",
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/events/eventpage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = EventPage.objects.get(slug="werkstattgespraech")
    assert event.live and event.local_start == at(2026, 12, 13, 10)
    assert "Beteiligung im Planungskontext" in admin_client.get(event.url).content.decode()


def test_every_page_advertises_the_calendar(client, index):
    html = client.get("/").content.decode()
    assert (
        '<link rel="alternate" type="text/calendar" title="IKPE – Termine (Kalender)" '
        'href="http://testserver/termine/kalender.ics">'
    ) in html


def test_home_shows_the_next_three_events(client, index, frozen_now):
    for number in range(5):
        make_event(index, f"n-{number}", at(2026, 7, 1 + number, 10), title=f"Nächster {number}", city="Jena")
    make_event(index, "vorbei", at(2026, 6, 1, 10), title="Vorbei")
    html = client.get("/").content.decode()
    section = html[html.index('id="upcoming-events"') :]
    assert re.findall(r"Nächster \d", section) == ["Nächster 0", "Nächster 1", "Nächster 2"]
    assert "1. Juli 2026, 10:00–12:00 Uhr · Jena" in section and "Vorbei" not in section
    assert 'href="/termine/">Alle Termine' in section


@pytest.fixture
def linked(home, index):
    """A topic, two projects (one in a district), a person and a news post, with events pointing at them."""
    topics = TopicIndexPage(title="Themen", slug="themen")
    home.add_child(instance=topics)
    topic = topics.add_child(instance=TopicPage(title="Netzwerke", slug="netzwerke"))
    projects = ProjectIndexPage(title="Projekte", slug="projekte")
    home.add_child(instance=projects)
    arm = projects.add_child(instance=ProjectPage(title="Armutsprävention", slug="arm", short_name="ARM"))
    lsz = projects.add_child(instance=ProjectPage(title="LSZ", slug="lsz", short_name="LSZ"))
    district = District.objects.create(name="Testkreis", slug="testkreis", kind="rural_district")
    arm.districts.add(district)
    arm.save()
    people = PeopleIndexPage(title="Team", slug="team")
    home.add_child(instance=people)
    person = people.add_child(
        instance=PersonPage(title="Katrin Bauer", slug="katrin-bauer", first_name="Katrin", last_name="Bauer")
    )
    news = NewsIndexPage(title="Aktuelles", slug="aktuelles")
    home.add_child(instance=news)
    post = news.add_child(instance=NewsPage(title="Rückblick", slug="rueckblick"))
    soon = timezone.now() + timedelta(days=3)
    events = {
        "past": make_event(
            index,
            "vergangen",
            soon - timedelta(days=400),
            projects=[arm],
            topics=[topic],
            report=post,
            contact_person=person,
        ),
        "soon": make_event(
            index, "bald", soon, projects=[arm, lsz], topics=[topic], speakers=[EventSpeaker(person=person)]
        ),
        "later": make_event(index, "spaeter", soon + timedelta(days=30), projects=[arm]),
        "latest": make_event(index, "zuletzt", soon + timedelta(days=60), projects=[arm]),
        "other": make_event(index, "anderes", soon + timedelta(days=1), projects=[lsz]),
    }
    return {"topic": topic, "arm": arm, "lsz": lsz, "district": district, "person": person, "post": post, **events}


def sections_for(page, rf):
    return related_events(page, rf.get("/"))


def test_related_sections(rf, linked):
    (project,) = sections_for(linked["arm"], rf)
    assert [e.slug for e in project["items"]] == ["bald", "spaeter", "zuletzt"][:SECTION_SIZE]
    assert project["more_url"] == "/termine/?projekt=arm"
    (topic,) = sections_for(linked["topic"], rf)
    assert [e.slug for e in topic["items"]] == ["bald", "vergangen"]  # upcoming first, then the latest past
    assert topic["more_url"] == "/termine/?thema=netzwerke"
    (person,) = sections_for(linked["person"], rf)
    assert [e.slug for e in person["items"]] == ["bald", "vergangen"]  # speaker at one, contact for the other
    (report,) = sections_for(linked["post"], rf)
    assert report["title"] == "Veranstaltung" and [e.slug for e in report["items"]] == ["vergangen"]
    (district,) = sections_for(linked["district"], rf)
    assert [e.slug for e in district["items"]] == ["bald", "spaeter", "zuletzt"]
    assert sections_for(linked["soon"], rf) == []


def test_related_sections_cost_one_query_each(rf, linked, django_assert_max_num_queries):
    request = rf.get("/")
    related_events(linked["arm"], request)  # warm the per-request lookup of the events page
    for page in (linked["arm"], linked["topic"], linked["person"], linked["post"], linked["district"]):
        # The events, Wagtail's check for private pages and (only when an event has an image) renditions.
        with django_assert_max_num_queries(3):
            sections = related_events(page, request)
        assert sections[0]["items"]


def test_project_filter_and_report_link(client, linked):
    html = client.get("/termine/?projekt=lsz").content.decode()
    assert titles(html) == ["Bald", "Anderes"]
    assert '<option value="lsz" selected>LSZ</option>' in html
    detail = client.get(linked["past"].url).content.decode()
    assert "Bericht zur Veranstaltung" in detail and 'href="/aktuelles/rueckblick/"' in detail


def test_demo_events(client, demo_site, frozen_now):
    index = EventIndexPage.objects.get()
    assert index.url == "/termine/" and index.show_in_menus
    events = {event.slug: event for event in EventPage.objects.live()}
    consozial = events["consozial-2019"]
    assert consozial.all_day and consozial.date_text == "6.–7. November 2019" and consozial.city == "Nürnberg"
    ak = events["arbeitskreis-sozialplanung-2020"]
    assert ak.place_name == "Bildungshaus St. Ursula" and "52 Teilnehmer*innen" in ak.teaser
    assert events["espanet-warschau-2023"].country == "PL"
    assert events["dgs-regionalkonferenz-jena-2019"].date_text == "23.–27. September 2019"
    # Only the events the seeds report on: all past, all day (the seeds give no clock times).
    assert len(events) == 9 and all(event.all_day for event in events.values())
    assert consozial.place_name == "Halle 3A" and consozial.organiser == "" and consozial.street == ""
    html = client.get("/termine/").content.decode()
    assert "Demo-Termin" not in html and "Zurzeit stehen keine Termine an." in html
    assert client.get("/termine/archiv/2019/").status_code == 200
    assert client.get(consozial.url).status_code == 200


def test_demo_loader_is_idempotent(demo_site):
    def state():
        events = EventPage.objects.order_by("pk")
        return (
            list(events.values_list("pk", "slug", "latest_revision_id", "sequence", "report_id", "contact_person_id")),
            list(EventSpeaker.objects.order_by("pk").values_list("pk", "page_id", "person_id")),
            list(EventPage.projects.through.objects.order_by("pk").values_list("pk")),
        )

    before = state()
    call_command("load_demo_content", force=True, stdout=io.StringIO())
    assert state() == before
