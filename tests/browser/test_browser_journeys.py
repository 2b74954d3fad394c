"""Visitor journeys and accessibility of every page type, in Debian's Chromium."""

import re
from pathlib import Path

import bibtexparser
import icalendar
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PAGE_TYPES, axe_violations, page_type_paths


@pytest.mark.parametrize("width", [390, 1280])
def test_every_page_type_has_no_axe_violations(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    failures = {}
    for name, path in page_type_paths(page).items():
        response = page.goto(path)
        assert response.status == (404 if name == "404" else 200), (name, path, response.status)
        violations = axe_violations(page)
        if violations:
            failures[f"{name} {path}"] = violations
    assert failures == {}


def test_video_loads_from_the_provider_only_after_the_click(page):
    foreign = []
    page.on("request", lambda request: foreign.append(request.url) if "127.0.0.1" not in request.url else None)
    page.route(
        re.compile(r"https://(www\.youtube-nocookie\.com|player\.vimeo\.com)/.*"),
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>Video</p>"),
    )
    page.goto(PAGE_TYPES["Meldung"])
    assert page.locator("iframe").count() == 0
    assert foreign == []
    button = page.locator(".video-consent-button").first
    button.focus()
    page.keyboard.press("Enter")  # keyboard use of the placeholder
    frame = page.locator("iframe").first
    frame.wait_for()
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/")
    assert frame.get_attribute("title")
    assert any("youtube-nocookie.com" in url for url in foreign)
    assert page.context.cookies() == []


def test_visitor_finds_a_contact_person_from_the_home_page(page):
    page.goto("/")
    page.get_by_role("link", name="Ansprechperson finden").click()
    assert page.url.endswith("/kontakt/")
    kai = page.locator("main .person-card", has_text="Kai Rompczyk")
    huber = page.locator("main .person-card", has_text="Stefan Huber")
    expect(kai).to_be_visible()
    expect(huber).to_be_visible()
    search = page.get_by_label(re.compile("filtern", re.I))
    search.fill("Sozialstrukturatlas")
    expect(huber).to_be_hidden()  # the filter hides who is not responsible
    expect(kai).to_be_visible()
    search.fill("")
    expect(huber).to_be_visible()
    mail = page.locator("a[href^='mailto:kai.rompczyk']").first
    assert mail.get_attribute("href") == "mailto:kai.rompczyk@ikpe-erfurt.de"
    assert page.locator("a[href^='tel:']").first.get_attribute("href").startswith(("tel:0361", "tel:+49361"))


def test_visitor_reads_a_news_post_from_the_listing(page):
    page.goto("/aktuelles/")
    first = page.locator("main article").first
    title = first.locator("h2, h3").first.inner_text().strip()
    more = first.get_by_role("link", name=re.compile("Mehr lesen"))
    assert title in more.inner_text()  # the accessible name carries the title (visually hidden part)
    more.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().strip() == title


def test_visitor_filters_publications_and_downloads_bibtex(page):
    page.goto("/publikationen/")
    option = page.locator("#filter-kategorie option", has_text="Beiträge in Zeitschriften")
    page.get_by_label("Kategorie").select_option(value=option.get_attribute("value"))
    page.get_by_role("button", name=re.compile("Filter")).click()
    page.wait_for_url(re.compile("kategorie="))
    assert "kategorie=" in page.url
    titles = page.locator("main h2 a, main h3 a").all_inner_texts()
    assert any("Familienpolitische Ansätze" in title for title in titles)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="BibTeX").first.click()
    text = Path(download_info.value.path()).read_text(encoding="utf-8")
    library = bibtexparser.parse_string(text)
    assert library.entries
    assert any("Familienpolitische" in entry["title"] for entry in library.entries)


def test_visitor_subscribes_to_the_events_calendar(page, live_site):
    page.goto("/termine/")
    href = page.locator("link[rel='alternate'][type='text/calendar']").first.get_attribute("href")
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    icalendar.Calendar.from_ical(response.body())  # a valid calendar (the seeds' events are older than its year)
    # One event into one's own calendar: the event page's download.
    single = page.request.get("/termine/arbeitskreis-sozialplanung-2020/ics/")
    assert single.ok and single.headers["content-type"].startswith("text/calendar")
    summaries = [str(event["SUMMARY"]) for event in icalendar.Calendar.from_ical(single.body()).walk("VEVENT")]
    assert any("Arbeitskreis Sozialplanung" in summary for summary in summaries)


def test_visitor_searches_from_the_header(page):
    page.goto("/")
    page.get_by_label("Website durchsuchen").fill("Sozialstrukturatlas")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/suche/"))
    # A result, not the repeated query: Kai Rompczyk is the person responsible for the Sozialstrukturatlas.
    expect(page.locator("main .search-results").get_by_role("link", name=re.compile("Kai Rompczyk"))).to_be_visible()


def test_contact_emails_on_project_pages_become_mailto_links(page):
    page.goto("/projekte/arm/")
    protected = page.locator("main .protected-email")
    mail_links = page.locator('main a[href^="mailto:"]')
    expect(protected).to_have_count(0)  # people.js, loaded on every page, replaced each "name [ät] domain"
    assert mail_links.count() >= 1
    assert all("@" in mail_links.nth(i).inner_text() for i in range(mail_links.count()))


LAYOUT_SHIFT = """
window.__shift = 0;
new PerformanceObserver(list => list.getEntries().forEach(entry => {
    if (!entry.hadRecentInput) { window.__shift += entry.value; }
})).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("width", [390, 1280])
def test_pages_do_not_jump_while_loading(page, width):
    """Cumulative layout shift below 0.1 ("good" in Core Web Vitals): nothing moves the text being read."""
    page.set_viewport_size({"width": width, "height": 900})
    page.add_init_script(LAYOUT_SHIFT)
    shifts = {}
    for path in ("/", "/aktuelles/", PAGE_TYPES["Meldung"], "/team/", "/publikationen/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        shifts[path] = page.evaluate("window.__shift")
    assert {path: shift for path, shift in shifts.items() if shift >= 0.1} == {}
