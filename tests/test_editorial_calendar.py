"""Redaktionskalender: month and week views of everything planned, filters, rescheduling and the iCal feed."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import icalendar
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail import hooks
from wagtail.models import Page, PageLogEntry, Revision, Workflow

from editorial.models import CalendarFeedToken
from events.models import EventIndexPage
from ikpe_site.core.models import StandardPage
from ikpe_site.core.roles import WORKFLOW_NAME
from news.models import NewsCategory, NewsIndexPage, NewsPage
from tests.factories import EventPageFactory
from tests.test_editorial_schedule import make_user, new_page, schedule

CALENDAR = "/admin/redaktionskalender/"
MOVE = "/admin/redaktionskalender/verschieben/"
# Week 27 of 2036: Monday 30 June to Sunday 6 July; summer time (UTC+2).
WEEK = "2036-W27"
GO_LIVE = datetime(2036, 6, 30, 22, 30, tzinfo=UTC)  # Tuesday 1 July, 00:30 in Berlin (Monday in UTC)
EXPIRY = datetime(2036, 7, 2, 7, 0, tzinfo=UTC)  # Wednesday 2 July, 09:00
APPROVAL = datetime(2036, 7, 3, 8, 0, tzinfo=UTC)  # Thursday 3 July, 10:00
DRAFT = datetime(2036, 7, 4, 12, 45, tzinfo=UTC)  # Friday 4 July, 14:45
EVENT = datetime(2036, 7, 5, 21, 59, tzinfo=UTC)  # Saturday 5 July, 23:59
HOOKED = datetime(2036, 7, 6, 6, 0, tzinfo=UTC)  # Sunday 6 July, 08:00


@pytest.fixture
def editor(db):
    return make_user("redakteurin", "Redaktion", "Rita", "Redaktion")


@pytest.fixture
def comms(db):
    return make_user("kommunikation", "Kommunikation", "Karla", "Kommunikation")


def publish(page, user, expire_at=None):
    page.expire_at = expire_at
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def submit(page, user, go_live_at=None):
    """Save a draft (with a planned go-live time) and submit it to "Freigabe durch Kommunikation"."""
    page.go_live_at = go_live_at
    page.save_revision(user=user)
    Workflow.objects.get(name=WORKFLOW_NAME).start(page, user)


def draft(page, user, go_live_at):
    page.go_live_at = go_live_at
    page.save_revision(user=user)


@pytest.fixture
def planned(home, editor, comms):
    """One item of each kind in week 27 of 2036."""
    schedule(new_page(home, "Geplante Meldung"), GO_LIVE, comms)
    expiring = publish(new_page(home, "Auslaufende Ausschreibung"), comms)
    StandardPage.objects.filter(pk=expiring.pk).update(expire_at=EXPIRY)
    submit(new_page(home, "Pressemitteilung in Freigabe"), editor, APPROVAL)
    submit(new_page(home, "Freigabe ohne Termin"), editor)
    draft(new_page(home, "Entwurf mit Termin"), editor, DRAFT)
    index = EventIndexPage(title="Termine", slug="termine")
    home.add_child(instance=index)
    EventPageFactory(parent=index, title="Fachtag Sozialplanung", start=EVENT, end=EVENT, all_day=False)
    return SimpleNamespace(expiring=expiring)


def newsletter_sends(start, end, user):
    return [
        SimpleNamespace(
            kind="newsletter",
            at=HOOKED,
            title="Newsletter Juli",
            edit_url="/admin/newsletter/1/",
            label="Newsletter-Versand",
        )
    ]


def get_html(client, user, query):
    client.force_login(user)
    response = client.get(CALENDAR + query)
    assert response.status_code == 200
    return response.content.decode()


def cell(html, day):
    """The day's cell (month view, <td data-date>) or section (week view)."""
    start = html.index(f'data-date="{day}"')
    end = min(position for position in (html.find("</td>", start), html.find("</section>", start)) if position > 0)
    return html[start:end]


def test_each_kind_of_item_is_on_its_berlin_day_in_week_and_month_view(client, planned, editor):
    with hooks.register_temporarily("editorial_calendar_items", newsletter_sends):
        for query in (f"?woche={WEEK}", "?monat=2036-07"):
            html = get_html(client, editor, query)
            tuesday = cell(html, "2036-07-01")
            assert "Geplante Meldung" in tuesday and "Geht online" in tuesday and "00:30 Uhr" in tuesday
            assert "Geplante Meldung" not in cell(html, "2036-06-30")  # Monday in UTC, Tuesday in Berlin
            wednesday = cell(html, "2036-07-02")
            assert "Auslaufende Ausschreibung" in wednesday and "Läuft ab" in wednesday and "09:00 Uhr" in wednesday
            thursday = cell(html, "2036-07-03")
            assert "Pressemitteilung in Freigabe" in thursday and "Wartet auf Freigabe" in thursday
            assert "10:00 Uhr" in thursday
            friday = cell(html, "2036-07-04")
            assert "Entwurf mit Termin" in friday and "Entwurf mit geplantem Termin" in friday
            assert "14:45 Uhr" in friday
            saturday = cell(html, "2036-07-05")
            assert "Fachtag Sozialplanung" in saturday and "23:59 Uhr" in saturday
            sunday = cell(html, "2036-07-06")
            assert "Newsletter Juli" in sunday and "Newsletter-Versand" in sunday and "08:00 Uhr" in sunday
            undated = html[html.index("Wartet auf Freigabe – ohne Termin") :]
            assert "Freigabe ohne Termin" in undated and "Pressemitteilung in Freigabe" not in undated
    month = get_html(client, editor, "?monat=2036-07")
    assert "Juli 2036" in month and 'data-date="2036-08-03"' in month  # the grid ends with the last week's Sunday
    assert "Newsletter Juli" not in month  # the hook is gone
    assert "Geplante Meldung" not in get_html(client, editor, "?monat=2036-08")


def test_draft_leaves_the_calendar_as_a_draft_once_it_is_scheduled(client, home, editor, comms):
    page = new_page(home, "Bald geplant")
    draft(page, editor, DRAFT)
    assert "Entwurf mit geplantem Termin" in cell(get_html(client, comms, f"?woche={WEEK}"), "2036-07-04")
    schedule(StandardPage.objects.get(pk=page.pk), DRAFT, comms)
    friday = cell(get_html(client, comms, f"?woche={WEEK}"), "2036-07-04")
    assert "Bald geplant" in friday and "Geht online" in friday and "Entwurf mit geplantem Termin" not in friday


@pytest.fixture
def news(home, comms):
    index = NewsIndexPage(title="Aktuelles", slug="aktuelles")
    home.add_child(instance=index)
    press, _created = NewsCategory.objects.get_or_create(
        slug="pressemitteilung", defaults={"name": "Pressemitteilung", "live": True}
    )
    post = NewsPage(title="Meldung Armutsbericht", slug="meldung-armutsbericht", live=False)
    index.add_child(instance=post)
    post.categories.add(press)
    post.save()
    schedule(post, GO_LIVE + timedelta(hours=1), comms)
    other = NewsPage(title="Meldung ohne Kategorie", slug="meldung-ohne-kategorie", live=False)
    index.add_child(instance=other)
    schedule(other, GO_LIVE + timedelta(hours=2), comms)
    return press


def test_filter_by_section_and_by_news_category(client, planned, news, editor):
    news_type = ContentType.objects.get_for_model(NewsPage).pk
    html = get_html(client, editor, f"?woche={WEEK}&bereich={news_type}")
    assert "Meldung Armutsbericht" in html and "Meldung ohne Kategorie" in html
    assert "Geplante Meldung" not in html and "Fachtag Sozialplanung" not in html
    assert f'href="?woche=2036-W28&amp;bereich={news_type}"' in html  # the filter stays when paging
    html = get_html(client, editor, f"?woche={WEEK}&kategorie=pressemitteilung")
    assert "Meldung Armutsbericht" in html
    assert "Meldung ohne Kategorie" not in html and "Geplante Meldung" not in html
    standard = ContentType.objects.get_for_model(StandardPage).pk
    html = get_html(client, editor, f"?woche={WEEK}&bereich={standard}")
    assert "Geplante Meldung" in html and "Freigabe ohne Termin" in html and "Meldung Armutsbericht" not in html


@pytest.mark.parametrize(
    "query",
    [
        "bereich=999999",
        "bereich=abc",
        "kategorie=gibt-es-nicht",
        "bereich=%00",
        "kategorie=" + "x" * 3000,
        "monat=2036-13",
        "monat=abc",
        "bereich=1&bereich=2",
    ],
)
def test_bad_filter_values_are_ignored_with_a_german_note(client, planned, editor, query):
    client.force_login(editor)
    response = client.get(f"{CALENDAR}?woche={WEEK}&{query}")
    assert response.status_code == 200
    html = response.content.decode()
    if query.startswith(("bereich", "kategorie")):
        assert "ist unbekannt und wurde nicht angewendet" in html
    if not query.startswith("monat"):
        assert "Geplante Meldung" in html  # shown unfiltered


def move(client, user, kind, page, at):
    client.force_login(user)
    return client.post(MOVE, {"kind": kind, "page": page.pk, "at": at, "next": f"{CALENDAR}?woche={WEEK}"})


def test_kommunikation_moves_a_go_live_and_publish_scheduled_follows(client, home, comms, time_machine):
    page = new_page(home, "Verschobene Meldung")
    schedule(page, GO_LIVE, comms)
    html = get_html(client, comms, f"?woche={WEEK}")
    assert 'draggable="true"' in html and "Verschieben" in html

    response = move(client, comms, "go_live", page, "2036-07-03T11:15")
    assert response.status_code == 302 and response["Location"] == f"{CALENDAR}?woche={WEEK}"
    revision = Revision.page_revisions.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    new_time = datetime(2036, 7, 3, 9, 15, tzinfo=UTC)
    assert revision.approved_go_live_at == new_time
    assert revision.as_object().go_live_at == new_time
    entry = PageLogEntry.objects.filter(page=page, action="wagtail.publish.schedule").latest("pk")
    assert entry.user == comms and entry.data["revision"]["go_live_at"].startswith("2036-07-03T09:15")
    html = client.get(response["Location"]).content.decode()
    assert "„Verschobene Meldung“ geht jetzt am 03.07.2036, 11:15 Uhr online." in html
    assert "Verschobene Meldung" in cell(html, "2036-07-03") and "Verschobene Meldung" not in cell(html, "2036-07-01")

    time_machine.move_to(datetime(2036, 7, 3, 9, 0, tzinfo=UTC), tick=False)  # the old time has passed
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live
    time_machine.move_to(new_time + timedelta(minutes=1), tick=False)
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live and page.go_live_at == new_time


def test_kommunikation_moves_an_expiry_and_publish_scheduled_follows(client, home, comms, time_machine):
    page = publish(new_page(home, "Ausschreibung"), comms, expire_at=EXPIRY)
    response = move(client, comms, "expiry", page, "2036-07-05T09:00")
    assert response.status_code == 302
    page.refresh_from_db()
    new_time = datetime(2036, 7, 5, 7, 0, tzinfo=UTC)
    assert page.expire_at == new_time
    assert page.get_latest_revision_as_object().expire_at == new_time  # the next publication keeps it
    entry = PageLogEntry.objects.get(page=page, action="editorial.expiry.reschedule")
    assert entry.user == comms
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "Ablauf verschoben von 02.07.2036, 09:00 Uhr auf 05.07.2036, 09:00 Uhr." in history

    time_machine.move_to(EXPIRY + timedelta(minutes=1), tick=False)
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    time_machine.move_to(new_time + timedelta(minutes=1), tick=False)
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live and page.expired


def test_moving_the_expiry_that_comes_with_a_scheduled_revision(client, home, comms):
    page = new_page(home, "Geplant mit Ablauf")
    schedule(page, GO_LIVE, comms, expire_at=EXPIRY)
    assert move(client, comms, "expiry", page, "2036-07-05T09:00").status_code == 302
    revision = Revision.page_revisions.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    assert revision.as_object().expire_at == datetime(2036, 7, 5, 7, 0, tzinfo=UTC)
    # An expiry before the go-live is refused.
    response = move(client, comms, "expiry", page, "2036-06-30T09:00")
    assert "ablaufen, bevor sie online geht" in client.get(response["Location"]).content.decode()


def test_redaktion_may_not_move_and_sees_no_handles(client, home, editor, comms):
    page = new_page(home, "Nur Kommunikation")
    schedule(page, GO_LIVE, comms)
    html = get_html(client, editor, f"?woche={WEEK}")
    assert "Nur Kommunikation" in html
    assert 'draggable="true"' not in html and MOVE not in html and "calendar.js" not in html
    assert move(client, editor, "go_live", page, "2036-07-03T11:15").status_code == 403
    assert (
        Revision.page_revisions.get(object_id=str(page.pk), approved_go_live_at__isnull=False).approved_go_live_at
        == GO_LIVE
    )
    client.logout()
    response = client.post(MOVE, {"kind": "go_live", "page": page.pk, "at": "2036-07-03T11:15"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_time_in_the_past_is_refused(client, home, comms, freeze_clock):
    freeze_clock(datetime(2036, 6, 20, 12, 0, tzinfo=UTC))
    page = new_page(home, "Nicht zurück")
    schedule(page, GO_LIVE, comms)
    response = move(client, comms, "go_live", page, "2036-06-20T13:59")  # 11:59 UTC: one minute ago
    html = client.get(response["Location"]).content.decode()
    assert "Der neue Zeitpunkt liegt in der Vergangenheit." in html
    assert (
        Revision.page_revisions.get(object_id=str(page.pk), approved_go_live_at__isnull=False).approved_go_live_at
        == GO_LIVE
    )


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "go_live", "at": "morgen"},
        {"kind": "go_live", "at": "2036-02-30T10:00"},
        {"kind": "go_live", "at": "9999-01-01T10:00"},
        {"kind": "publish", "at": ""},
        {"kind": "expiry", "at": "2036-07-03T11:15"},
        {"kind": "go_live", "page": "x"},
        {"kind": "go_live", "page": "99999999"},
        {"kind": "go_live", "at": "\x00"},
    ],
)
def test_bad_move_input_gets_a_message_or_404(client, home, comms, data):
    page = new_page(home, "Robust")
    schedule(page, GO_LIVE, comms)
    client.force_login(comms)
    response = client.post(MOVE, {"page": page.pk, "at": "2036-07-03T11:15", **data})
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        html = client.get(response["Location"]).content.decode()
        assert "Bitte geben Sie den neuen Zeitpunkt" in html or "kein Ablauf geplant" in html
    assert (
        Revision.page_revisions.get(object_id=str(page.pk), approved_go_live_at__isnull=False).approved_go_live_at
        == GO_LIVE
    )


def test_ical_feed_behind_a_personal_token(client, planned, editor, freeze_clock):
    freeze_clock(datetime(2036, 6, 15, 12, 0, tzinfo=UTC))
    client.force_login(editor)
    assert "Abo-Adresse erstellen" in client.get(CALENDAR).content.decode()
    client.post("/admin/redaktionskalender/abo-erneuern/")
    token = CalendarFeedToken.objects.get(user=editor).token
    url = f"/redaktionskalender/abo/{token}.ics"
    assert url in client.get(CALENDAR).content.decode()
    client.logout()  # calendar apps have no session

    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"] and not response.cookies
    body = response.content.decode()
    assert "DTSTART:20360630T223000Z" in body  # UTC
    events = {str(event["SUMMARY"]): event for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}
    assert set(events) == {
        "Geht online: Geplante Meldung",
        "Läuft ab: Auslaufende Ausschreibung",
        "Wartet auf Freigabe: Pressemitteilung in Freigabe",
        "Entwurf mit geplantem Termin: Entwurf mit Termin",
        "Veranstaltung: Fachtag Sozialplanung",
    }
    go_live = events["Geht online: Geplante Meldung"]
    assert go_live.decoded("DTSTART") == GO_LIVE
    assert len({str(event["UID"]) for event in events.values()}) == 5
    assert str(go_live["UID"]) in client.get(url).content.decode()  # stable between requests

    assert client.get("/redaktionskalender/abo/gefaelscht.ics").status_code == 404
    assert client.get(f"/redaktionskalender/abo/{token[:-1]}x.ics").status_code == 404
    editor.is_active = False
    editor.save()
    assert client.get(url).status_code in (403, 404)
    editor.is_active = True
    editor.save()
    assert client.get(url).status_code == 200

    client.force_login(editor)
    client.post("/admin/redaktionskalender/abo-erneuern/")
    client.logout()
    assert client.get(url).status_code == 404  # the old address stops working
    assert (
        client.get(f"/redaktionskalender/abo/{CalendarFeedToken.objects.get(user=editor).token}.ics").status_code == 200
    )


def test_calendar_query_count_is_bounded(client, home, editor, comms, django_assert_max_num_queries):
    index = EventIndexPage(title="Termine", slug="termine")
    home.add_child(instance=index)

    def add_items(first, count):
        for number in range(first, first + count):
            at = GO_LIVE + timedelta(hours=number)
            kind = number % 3
            if kind == 0:
                schedule(new_page(home, f"Eintrag {number}"), at, comms, expire_at=at + timedelta(days=1))
            elif kind == 1:
                submit(new_page(home, f"Eintrag {number}"), editor, at)
            else:
                EventPageFactory(parent=index, title=f"Eintrag {number}", start=at, end=at, all_day=False)

    client.force_login(comms)
    add_items(0, 3)
    client.get(f"{CALENDAR}?monat=2036-07")
    with django_assert_max_num_queries(30) as few:
        client.get(f"{CALENDAR}?monat=2036-07")
    add_items(3, 27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(f"{CALENDAR}?monat=2036-07")
    assert "Eintrag 29" in response.content.decode()
    assert Page.objects.filter(title__startswith="Eintrag").count() == 30
