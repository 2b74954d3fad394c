"""Dashboard panel "Geplante Veröffentlichungen" and the admin view "Redaktionskalender"."""

import re
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from editorial.formats import BERLIN
from ikpe_site.core.models import StandardPage
from tests.utils import count_queries

# Far enough ahead to stay in the future; one date in summer time (UTC+2), one in winter time (UTC+1).
SUMMER = datetime(2036, 7, 1, 8, 0, tzinfo=UTC)  # 10:00 in Berlin
WINTER = datetime(2036, 12, 1, 9, 15, tzinfo=UTC)  # 10:15 in Berlin


def make_user(username, group, first_name="", last_name=""):
    user = get_user_model().objects.create_user(
        username=username, password="geheim-123456", first_name=first_name, last_name=last_name
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def new_page(parent, title, **fields):
    page = StandardPage(title=title, slug=re.sub(r"\W+", "-", title.lower()), live=False, **fields)
    parent.add_child(instance=page)
    return page


def schedule(page, go_live_at, user, author=None, expire_at=None):
    """Schedule the page as the admin does: a revision with go_live_at, published an hour before that time."""
    page.go_live_at = go_live_at
    page.expire_at = expire_at
    revision = page.save_revision(user=author or user)
    revision = Revision.objects.get(pk=revision.pk)  # as the admin does: the page's state from the database
    with mock.patch("django.utils.timezone.now", return_value=go_live_at - timedelta(hours=1)):
        revision.publish(user=user)
    return revision


@pytest.fixture
def editor(db):
    return make_user("redakteurin", "Redaktion", "Rita", "Redaktion")


@pytest.fixture
def comms(db):
    return make_user("kommunikation", "Kommunikation", "Karla", "Kommunikation")


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_panel_lists_scheduled_page_with_scheduler_and_berlin_time(client, home, editor, comms):
    page = new_page(home, "Pressemitteilung Armutsbericht")
    # Drafted by Redaktion, approved and scheduled by Kommunikation: the panel names who scheduled it.
    schedule(page, SUMMER, comms, author=editor)
    other = new_page(home, "Winterempfang")
    schedule(other, WINTER, comms)
    page.refresh_from_db()
    assert not page.live

    html = dashboard(client, editor)
    assert "Geplante Veröffentlichungen" in html
    assert "(Zeitzone Europe/Berlin)" in html
    row = html[html.index("Pressemitteilung Armutsbericht") :]
    row = row[: row.index("</tr>")]
    assert "01.07.2036, 10:00 Uhr" in row
    assert "Karla Kommunikation" in row and "Rita Redaktion" not in row
    assert "Standardseite" in row
    assert f'href="/admin/pages/{page.pk}/edit/"' in html
    assert "12.2036, 10:15 Uhr" in html  # winter time: UTC+1
    assert html.index("Pressemitteilung Armutsbericht") < html.index("Winterempfang")  # next first
    assert "Zeitplaner läuft offenbar nicht" not in html


def test_panel_lists_changes_scheduled_for_a_live_page_and_expiries(client, home, comms):
    page = new_page(home, "Stellenausschreibung")
    page.save_revision(user=comms).publish(user=comms)
    page.refresh_from_db()
    page.title = "Stellenausschreibung (verlängert)"
    schedule(page, SUMMER, comms, expire_at=WINTER)
    expiring = new_page(home, "Tagungsankündigung")
    expiring.expire_at = SUMMER + timedelta(days=1)
    expiring.save_revision(user=comms).publish(user=comms)
    expiring.refresh_from_db()
    assert expiring.live and expiring.expire_at

    page.refresh_from_db()
    assert page.live and page.title == "Stellenausschreibung"  # until the scheduled revision goes live
    html = dashboard(client, comms)
    going_live, expiring_next = html.split("Laufen als Nächstes ab")
    assert "Stellenausschreibung (verlängert)" in going_live
    assert "Änderungen an veröffentlichter Seite" in going_live
    assert "Tagungsankündigung" in expiring_next and "02.07.2036, 10:00 Uhr" in expiring_next
    # The expiry that comes with the scheduled revision is known before it goes live.
    assert "Stellenausschreibung (verlängert)" in expiring_next and "01.12.2036, 10:15 Uhr" in expiring_next


def test_overdue_go_live_warns_that_the_scheduler_is_not_running(client, home, comms):
    page = new_page(home, "Überfälliger Beitrag")
    schedule(page, timezone.now() - timedelta(minutes=10), comms)
    page.refresh_from_db()
    assert not page.live  # nobody ran publish_scheduled

    html = dashboard(client, comms)
    assert "Der Zeitplaner läuft offenbar nicht." in html
    assert "1 geplante Veröffentlichung oder Ablauf ist seit mehr als 5 Minuten überfällig." in html
    assert "help-critical" in html and "überfällig" in html

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    html = dashboard(client, comms)
    assert "Zeitplaner läuft offenbar nicht" not in html
    assert "Überfälliger Beitrag" not in html


def test_a_few_minutes_late_is_not_yet_a_warning(client, home, comms):
    schedule(new_page(home, "Gleich online"), timezone.now() - timedelta(minutes=2), comms)
    html = dashboard(client, comms)
    assert "Gleich online" in html
    assert "Zeitplaner läuft offenbar nicht" not in html


def test_overdue_expiry_also_warns(client, home, comms):
    page = new_page(home, "Abgelaufene Ankündigung")
    page.save_revision(user=comms).publish(user=comms)
    StandardPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=30))
    assert "Der Zeitplaner läuft offenbar nicht." in dashboard(client, comms)


def test_dashboard_queries_do_not_grow_with_scheduled_pages(client, home, comms):
    scheduler = make_user("planer", "Kommunikation")
    for number in range(2):
        schedule(new_page(home, f"Beitrag {number}"), SUMMER + timedelta(hours=number), scheduler)
    client.force_login(comms)
    client.get("/admin/")
    _, few = count_queries(client, "/admin/")
    for number in range(2, 12):
        schedule(
            new_page(home, f"Beitrag {number}"),
            SUMMER + timedelta(hours=number),
            scheduler,
            expire_at=WINTER + timedelta(hours=number),
        )
    response, many = count_queries(client, "/admin/")
    assert "Beitrag 7" in response.content.decode()
    assert many == few


# Redaktionskalender


def day_section(html, heading):
    """The <section> of the calendar day whose heading is `heading` ("Montag, 21. Oktober 2030")."""
    start = html.index(heading)
    return html[start : html.index("</section>", start)]


def test_calendar_needs_admin_access(client, home):
    response = client.get("/admin/redaktionskalender/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_calendar_menu_item_for_every_editor(client, home, editor):
    html = dashboard(client, editor)
    assert "Redaktionskalender" in html and "/admin/redaktionskalender/" in html


def test_calendar_puts_items_on_their_berlin_day_across_the_clock_change(client, home, editor, comms):
    # Summer time ends on Sunday, 27 October 2030 (week 43): 03:00 CEST becomes 02:00 CET.
    monday_early = datetime(2030, 10, 20, 22, 30, tzinfo=UTC)  # Monday 21 Oct, 00:30 CEST; UTC: Sunday
    sunday_late = datetime(2030, 10, 27, 22, 30, tzinfo=UTC)  # Sunday 27 Oct, 23:30 CET
    next_monday = datetime(2030, 10, 27, 23, 30, tzinfo=UTC)  # Monday 28 Oct, 00:30 CET; UTC: Sunday
    schedule(new_page(home, "Frühaufsteher"), monday_early, comms)
    expiring = new_page(home, "Auslaufende Meldung")
    expiring.save_revision(user=comms).publish(user=comms)
    StandardPage.objects.filter(pk=expiring.pk).update(expire_at=sunday_late)
    schedule(new_page(home, "Montagsmeldung"), next_monday, comms)

    client.force_login(editor)
    response = client.get("/admin/redaktionskalender/?woche=2030-W43")
    assert response.status_code == 200
    html = response.content.decode()
    assert "KW 43: 21.10.2030 bis 27.10.2030" in html
    assert "(Zeitzone Europe/Berlin)" in html
    monday = day_section(html, "Montag, 21. Oktober 2030")
    assert "Frühaufsteher" in monday and "00:30 Uhr" in monday and "Geht online" in monday
    assert "Karla Kommunikation" in monday
    sunday = day_section(html, "Sonntag, 27. Oktober 2030")
    assert "Auslaufende Meldung" in sunday and "23:30 Uhr" in sunday and "Läuft ab" in sunday
    assert "Montagsmeldung" not in html
    assert "Frühaufsteher" not in client.get("/admin/redaktionskalender/?woche=2030-W42").content.decode()

    html = client.get("/admin/redaktionskalender/?woche=2030-W44").content.decode()
    assert "Montagsmeldung" in day_section(html, "Montag, 28. Oktober 2030")
    assert "?woche=2030-W43" in html and "?woche=2030-W45" in html  # week navigation


def test_calendar_in_spring_clock_change_week(client, home, comms):
    # Summer time starts on Sunday, 31 March 2030, 02:00 CET -> 03:00 CEST.
    schedule(new_page(home, "Nach der Umstellung"), datetime(2030, 3, 31, 1, 30, tzinfo=UTC), comms)
    client.force_login(comms)
    html = client.get("/admin/redaktionskalender/?woche=2030-W13").content.decode()
    sunday = day_section(html, "Sonntag, 31. März 2030")
    assert "Nach der Umstellung" in sunday and "03:30 Uhr" in sunday


@pytest.mark.parametrize(
    "value",
    [
        "abc",
        "2030-W54",
        "2030-W00",
        "2030-W53",
        "1899-W10",
        "9999-W52",
        "2030-W5",
        "2030-w12",
        "2030-W12x",
        "",
        "２０３０-W12",
        "2030-W12\x00",
        "x" * 5000,
    ],
)
def test_calendar_bad_week_values_show_the_current_week(client, home, editor, value, freeze_clock):
    # Monday 28 December 2026, 00:30 in Berlin, is still Sunday of week 52 in UTC: the current week is Berlin's 53rd.
    freeze_clock(datetime(2026, 12, 28, 0, 30, tzinfo=BERLIN))
    client.force_login(editor)
    response = client.get("/admin/redaktionskalender/", {"woche": value})
    assert response.status_code == 200
    assert 'value="2026-W53"' in response.content.decode()


def test_calendar_accepts_a_53rd_week(client, home, editor):
    client.force_login(editor)
    html = client.get("/admin/redaktionskalender/?woche=2026-W53").content.decode()
    assert "Montag, 28. Dezember 2026" in html and "Sonntag, 3. Januar 2027" in html


def test_calendar_queries_do_not_grow_with_items(client, home, comms):
    for number in range(2):
        schedule(new_page(home, f"Termin {number}"), SUMMER + timedelta(hours=number), comms)
    client.force_login(comms)
    url = "/admin/redaktionskalender/?woche=2036-W27"
    client.get(url)
    _, few = count_queries(client, url)
    for number in range(2, 14):
        schedule(
            new_page(home, f"Termin {number}"),
            SUMMER + timedelta(hours=number),
            comms,
            expire_at=SUMMER + timedelta(days=2, hours=number),
        )
    response, many = count_queries(client, url)
    assert "Termin 13" in response.content.decode()
    assert many == few
