"""Redaktionskalender in Chromium: Kommunikation moves a scheduled go-live by drag-and-drop and by keyboard."""

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.test_browser_trust import log_in, manage

BERLIN = ZoneInfo("Europe/Berlin")
SCHEDULE = """
from datetime import datetime
from django.contrib.auth import get_user_model
from wagtail.models import Page
from ikpe_site.core.models import StandardPage
user = get_user_model().objects.get(username="kommunikation")
home = Page.objects.get(depth=2)
page = StandardPage(title="{title}", slug="{slug}", live=False)
home.add_child(instance=page)
page.go_live_at = datetime.fromisoformat("{at}")
page.save_revision(user=user).publish(user=user)
print(page.pk)
"""
GO_LIVE_OF = """
from wagtail.models import Revision
print(Revision.page_revisions.get(object_id="{pk}", approved_go_live_at__isnull=False).approved_go_live_at.isoformat())
"""


@pytest.fixture
def tab(browser, live_site):
    context = browser.new_context(
        base_url=live_site["url"], locale="de-DE", timezone_id="Europe/Berlin", viewport={"width": 1280, "height": 1000}
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def scheduled_page(live_site, title, slug, weeks_ahead):
    """A new page scheduled for Monday 10:00 (Berlin) `weeks_ahead` weeks from now; returns (pk, Monday)."""
    today = date.today()
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=weeks_ahead)
    at = datetime.combine(monday, time(10), tzinfo=BERLIN)
    pk = manage(live_site, "shell", "-v0", "-c", SCHEDULE.format(title=title, slug=slug, at=at.isoformat())).strip()
    return int(pk), monday


def go_live_of(live_site, pk):
    value = manage(live_site, "shell", "-v0", "-c", GO_LIVE_OF.format(pk=pk)).strip()
    return datetime.fromisoformat(value).astimezone(BERLIN)


def week_param(monday):
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def test_drag_and_drop_moves_a_go_live_to_another_day(tab, live_site):
    pk, monday = scheduled_page(live_site, "Kalender Ziehen", "kalender-ziehen", 3)
    log_in(tab, "kommunikation")
    tab.goto(f"/admin/redaktionskalender/?woche={week_param(monday)}")
    wednesday = monday + timedelta(days=2)
    item = tab.locator(f'[data-date="{monday.isoformat()}"] li', has_text="Kalender Ziehen")
    expect(item).to_have_attribute("draggable", "true")
    target = tab.locator(f'[data-date="{wednesday.isoformat()}"]')
    item.drag_to(target)
    expect(tab.get_by_text(re.compile(r"„Kalender Ziehen“ geht jetzt am .* online\."))).to_be_visible()
    expect(target.locator("li", has_text="Kalender Ziehen")).to_be_visible()
    assert go_live_of(live_site, pk) == datetime.combine(wednesday, time(10), tzinfo=BERLIN)


def test_keyboard_only_moves_a_go_live(tab, live_site):
    pk, monday = scheduled_page(live_site, "Kalender Tastatur", "kalender-tastatur", 4)
    log_in(tab, "kommunikation")
    tab.goto(f"/admin/redaktionskalender/?woche={week_param(monday)}")
    link = tab.get_by_role("link", name="Kalender Tastatur")
    link.focus()  # the starting point; from here on only keys
    tab.keyboard.press("Shift+Tab")  # to the entry itself
    item = tab.locator("li[data-move-form]", has_text="Kalender Tastatur")
    expect(item).to_be_focused()
    tab.keyboard.press("ArrowRight")  # one day later
    expect(tab.get_by_text(re.compile(r"„Kalender Tastatur“ geht jetzt am .* online\."))).to_be_visible()
    tuesday = monday + timedelta(days=1)
    moved = tab.locator(f'[data-date="{tuesday.isoformat()}"] li', has_text="Kalender Tastatur")
    expect(moved).to_be_visible()
    assert go_live_of(live_site, pk) == datetime.combine(tuesday, time(10), tzinfo=BERLIN)

    # Without the arrow keys: "Verschieben" opens the form; Enter sends it (the time is kept).
    moved.get_by_role("link", name="Kalender Tastatur").focus()
    tab.keyboard.press("Tab")  # "Verschieben"
    tab.keyboard.press("Enter")
    tab.keyboard.press("Tab")
    expect(tab.get_by_label("Neuer Zeitpunkt (Europe/Berlin)").first).to_be_focused()
    tab.keyboard.press("Tab")
    tab.keyboard.press("Enter")  # the button
    expect(tab.get_by_text(re.compile(r"„Kalender Tastatur“ geht jetzt am .* online\."))).to_be_visible()
    assert go_live_of(live_site, pk) == datetime.combine(tuesday, time(10), tzinfo=BERLIN)


def test_redaktion_sees_no_handles(tab, live_site):
    _pk, monday = scheduled_page(live_site, "Kalender Redaktion", "kalender-redaktion", 5)
    log_in(tab, "redaktion")
    tab.goto(f"/admin/redaktionskalender/?woche={week_param(monday)}")
    item = tab.locator("li", has_text="Kalender Redaktion")
    expect(item).to_be_visible()
    expect(item).not_to_have_attribute("draggable", "true")
    expect(item.locator("summary")).to_have_count(0)
