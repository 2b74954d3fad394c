"""Trust, proven in the browser: the approval journey with scheduled publishing, keyboard-only use, privacy."""

import datetime
import json
import re
import subprocess
import uuid
import zoneinfo
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from tests.browser.conftest import PAGE_TYPES, PASSWORD, ROOT, page_type_paths

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
# What has the keyboard focus, and whether it can be seen: an outline or a box shadow, on a box with a size.
FOCUSED = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
    return {tag: element.tagName.toLowerCase(), id: element.id, href: element.getAttribute("href"),
            text: (element.innerText || "").trim(), inMenu: !!element.closest("nav.main-nav"),
            visible: ring && box.width > 0 && box.height > 0};
}"""
# The clock reaches the go-live time: the approved revision (its `approved_go_live_at` and the go-live time
# stored in its content, which `publish()` reads again) and the page move one minute into the past.
MOVE_GO_LIVE_INTO_THE_PAST = """
from datetime import timedelta
from django.utils import timezone
from wagtail.models import Page
page = Page.objects.get(pk={pk})
past = timezone.now() - timedelta(minutes=1)
revisions = list(page.revisions.filter(approved_go_live_at__isnull=False))
assert len(revisions) == 1 and not page.live, (revisions, page.live)
for revision in revisions:
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
Page.objects.filter(pk=page.pk).update(go_live_at=past)
"""
# Every address a page loads (or would load) from its markup; links to other sites are fine, loads are not.
RESOURCE_URLS = """() => {
    const urls = [];
    const loading = "img, source, script, iframe, video, audio, embed, object, track, input[type=image], "
        + "link:is([rel~=stylesheet], [rel~=icon], [rel~=preload], [rel~=modulepreload], [rel~=prefetch], "
        + "[rel~=preconnect], [rel~=dns-prefetch], [rel~=manifest])";
    for (const element of document.querySelectorAll(loading)) {
        for (const name of ["src", "href", "poster", "data"]) {
            if (element.getAttribute(name)) urls.push(new URL(element.getAttribute(name), document.baseURI).href);
        }
        for (const name of ["srcset", "imagesrcset"]) {
            for (const part of (element.getAttribute(name) || "").split(",")) {
                if (part.trim()) urls.push(new URL(part.trim().split(/\\s+/)[0], document.baseURI).href);
            }
        }
    }
    return urls;
}"""
# Loads the Content-Security-Policy refused (they never show up as requests).
BLOCKED_LOADS = """window.blockedLoads = [];
document.addEventListener("securitypolicyviolation", (event) => window.blockedLoads.push(event.blockedURI));"""
LIVE_PAGES_BY_TYPE = """
import json
from wagtail.models import Page
urls = {}
for page in Page.objects.live().public().specific():
    if page.url:
        urls.setdefault(type(page).__name__, []).append(page.url)
print(json.dumps(urls))
"""


def manage(live_site, *args):
    """Run a management command against the live site's database; return its output."""
    result = subprocess.run(
        [*live_site["manage"], *args], env=live_site["env"], cwd=ROOT, check=True, capture_output=True, text=True
    )
    return result.stdout


@pytest.fixture
def new_tab(browser, live_site):
    """Tabs in fresh browser contexts (one per person), closed after the test."""
    contexts = []

    def open_tab(**options):
        context = browser.new_context(
            base_url=live_site["url"],
            locale="de-DE",
            timezone_id="Europe/Berlin",
            viewport={"width": 1280, "height": 1000},
            **options,
        )
        contexts.append(context)
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        return tab

    yield open_tab
    for context in contexts:
        context.close()


def log_in(tab, username):
    tab.goto("/admin/")
    tab.get_by_label("Benutzername").fill(username)
    tab.get_by_label(re.compile("Passwor[dt]")).fill(PASSWORD)  # Wagtail's form leaves "Password" untranslated
    tab.get_by_role("button", name="Anmelden").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))
    expect(tab.get_by_role("heading", name=username, exact=True)).to_be_visible()  # the dashboard greets the user


def photo(path, token):
    """A small PNG of its own, coloured by `token` (Wagtail asks before storing a file identical to an existing
    image, so a second run in the same database must not upload the same bytes)."""
    image = Image.new("RGB", (640, 400), tuple(bytes.fromhex(token[:6])))
    ImageDraw.Draw(image).rectangle((40, 40, 600, 360), fill=(242, 177, 52))
    image.save(path)
    return path


def news_feed_url(tab):
    tab.goto("/aktuelles/")
    return tab.locator("link[rel='alternate'][type='application/rss+xml']").first.get_attribute("href")


def assert_visible_to_visitors(visitor, url, title, alt, visible):
    response = visitor.goto(url)
    assert response.status == (200 if visible else 404), (url, response.status)
    if visible:
        expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
        expect(visitor.get_by_role("img", name=alt)).to_be_visible()
    feed_url = news_feed_url(visitor)  # also loads the listing
    listing = visitor.locator("main")
    if visible:
        expect(listing.get_by_role("link", name=re.compile(re.escape(title))).first).to_be_visible()
    else:
        expect(listing).not_to_contain_text(title)
    feed = visitor.request.get(feed_url)
    assert feed.ok and "xml" in feed.headers["content-type"]
    items = [
        (item.findtext("title"), unquote(urlsplit(item.findtext("link")).path))
        for item in ElementTree.fromstring(feed.body()).iter("item")
    ]
    assert items, "the feed lists the other posts"
    assert ((title, url) in items) is visible


def test_editor_submits_communications_schedules_and_the_scheduler_publishes(new_tab, live_site, tmp_path):
    """Redaktion writes and submits, Kommunikation approves for later; visitors see the post only once it is due."""
    # Its own post and image, named for this run: the test does not depend on what other tests did before.
    token = uuid.uuid4().hex[:6]
    title, alt = f"Neue Fördermittel für die Sozialplanung {token}", f"Grafik: Fördermittel für Sozialplanung {token}"
    # Redaktion: log in, create the post under "Aktuelles" with a newly uploaded image, submit it for approval.
    editor = new_tab()
    log_in(editor, "redaktion")
    editor.goto("/admin/pages/")
    editor.get_by_role("link", name=re.compile("Unterseiten von .Startseite. durchsehen")).click()
    editor.get_by_role("link", name=re.compile("Unterseiten von .Aktuelles. durchsehen")).click()
    editor.get_by_role("link", name="Unterseite hinzufügen").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Neu: Meldung")
    editor.get_by_role("textbox", name="Titel*").fill(title)
    editor.get_by_role("textbox", name="Anreißer").fill("Das Land fördert kommunale Sozialplanung ab 2026 neu.")

    editor.get_by_role("button", name="Bild auswählen").click()
    chooser = editor.locator(".modal")
    chooser.get_by_role("tab", name="Hochladen").click()
    upload = chooser.get_by_role("tabpanel", name="Hochladen")
    upload.get_by_label("Datei").set_input_files(photo(tmp_path / f"foerdermittel-{token}.png", token))
    upload.get_by_label("Titel").fill(f"Fördermittel-Grafik {token}")
    upload.get_by_label("Alternativtext").fill(alt)
    upload.get_by_label("Bildnachweis").fill("Grafik: IKPE")
    upload.get_by_role("button", name="Hochladen").click()
    expect(chooser).to_have_count(0)
    expect(editor.get_by_role("region", name="Aufmacherbild")).to_contain_text(f"Fördermittel-Grafik {token}")

    actions = editor.get_by_role("navigation", name="Aktionen (Fußzeile)")
    actions.get_by_role("button", name="Mehr Aktionen").click()
    actions.get_by_role("button", name="In Freigabe durch Kommunikation einreichen").click()
    expect(editor.get_by_role("status").first).to_contain_text(title)
    row = editor.get_by_role("row").filter(has=editor.get_by_role("link", name=title, exact=True))
    expect(row).to_contain_text("in Freigabe")
    page_id = re.search(r"/pages/(\d+)/", row.get_by_role("link", name=title, exact=True).get_attribute("href"))[1]

    # Kommunikation: open the post from the dashboard, approve it for an hour from now in one dialog.
    reviewer = new_tab()
    log_in(reviewer, "kommunikation")
    reviewer.get_by_role("region", name="Ihre Überprüfung steht aus").get_by_role("link", name=title).click()
    url = f"/aktuelles/{reviewer.locator('input[name=slug]').input_value()}/"
    assert re.fullmatch(r"/aktuelles/[\w-]+/", url)  # Wagtail keeps umlauts in slugs made from the title
    go_live = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)).astimezone(BERLIN)
    actions = reviewer.get_by_role("navigation", name="Aktionen (Fußzeile)")
    actions.get_by_role("button", name="Mehr Aktionen").click()
    actions.get_by_role("button", name="Freigeben und planen", exact=True).click()
    dialog = reviewer.locator(".modal")
    dialog.get_by_label("Online ab").fill(go_live.strftime("%Y-%m-%dT%H:%M"))  # Europe/Berlin
    dialog.get_by_label("Kommentar").fill("Passt, bitte zur geplanten Zeit.")
    dialog.get_by_role("button", name="Freigeben und planen").click()
    expect(reviewer.get_by_role("status").first).to_contain_text(
        f"‚{title}‘ ist freigegeben und geht am {go_live:%d.%m.%Y, %H:%M} Uhr online."
    )
    expect(reviewer).to_have_url(re.compile(r"/admin/pages/\d+/$"))
    row = reviewer.get_by_role("row").filter(has=reviewer.get_by_role("link", name=title, exact=True))
    expect(row).to_contain_text("geplant")

    # Approved but scheduled: a visitor sees nothing yet.
    visitor = new_tab()
    assert_visible_to_visitors(visitor, url, title, alt, visible=False)

    # A typo fix on the scheduled post: Redaktion edits it without unscheduling and submits; Kommunikation approves
    # the correction, which goes live at the same planned time.
    editor.goto(f"/admin/pages/{page_id}/edit/")
    editor.get_by_role("textbox", name="Anreißer").fill("Das Land fördert die kommunale Sozialplanung ab 2026 neu.")
    actions = editor.get_by_role("navigation", name="Aktionen (Fußzeile)")
    actions.get_by_role("button", name="Mehr Aktionen").click()
    actions.get_by_role("button", name="In Freigabe durch Kommunikation einreichen").click()
    expect(editor.get_by_role("status").first).to_contain_text(title)  # "… zur Freigabe eingereicht"
    reviewer.goto("/admin/")
    reviewer.get_by_role("region", name="Ihre Überprüfung steht aus").get_by_role("link", name=title).click()
    actions = reviewer.get_by_role("navigation", name="Aktionen (Fußzeile)")
    actions.get_by_role("button", name="Mehr Aktionen").click()
    actions.get_by_role("button", name=f"Freigeben (online ab {go_live:%d.%m.%Y, %H:%M} Uhr)", exact=True).click()
    row = reviewer.get_by_role("row").filter(has=reviewer.get_by_role("link", name=title, exact=True))
    expect(row).to_contain_text("geplant")
    assert_visible_to_visitors(visitor, url, title, alt, visible=False)

    # The clock reaches the go-live time; the scheduler (as run by cron or `make run`) publishes the post.
    manage(live_site, "shell", "-v0", "-c", MOVE_GO_LIVE_INTO_THE_PAST.format(pk=int(page_id)))
    manage(live_site, "run_scheduler", "--once")
    assert_visible_to_visitors(visitor, url, title, alt, visible=True)
    visitor.goto(url)
    expect(visitor.locator("main")).to_contain_text("fördert die kommunale Sozialplanung")  # the corrected text


def tab_to(tab, wanted, limit=60):
    """Press Tab until `wanted(focused)` is true, checking on the way that every focused element shows its focus."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(FOCUSED)
        assert focused["visible"], f"focus not visible: {focused}"
        if wanted(focused):
            return focused
    pytest.fail(f"not reached by keyboard within {limit} Tab presses")


@pytest.mark.parametrize("width", [390, 1280])
def test_main_menu_works_with_the_keyboard(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    menu = page.locator("details.menu-toggle")
    if width < 896:  # below 56rem the links sit behind a "Menü" toggle (<details>, which needs no JavaScript)
        tab_to(page, lambda focused: focused["tag"] == "summary")
        assert not menu.evaluate("details => details.open"), "on a narrow screen the menu starts closed"
        assert not tab_to(page, lambda focused: True)["inMenu"], "Tab must skip the links of a closed menu"
        page.keyboard.press("Shift+Tab")
        focused = page.evaluate(FOCUSED)
        assert focused["tag"] == "summary" and focused["visible"]
        page.keyboard.press("Space")
        assert menu.evaluate("details => details.open")
    else:
        expect(menu.locator(":scope > summary")).to_be_hidden()
    focused = tab_to(page, lambda focused: focused["inMenu"] and focused["text"] == "Publikationen")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"{re.escape(focused['href'])}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Publikationen")
    # (on a narrow screen the menu is closed again on the new page, so look past visibility)
    expect(page.locator('nav.main-nav a[aria-current="page"]')).to_have_text("Publikationen")


def test_header_search_works_with_the_keyboard(page):
    page.goto("/verein/")
    tab_to(page, lambda focused: focused["id"] == "header-search")
    page.keyboard.type("Sozialstrukturatlas")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/suche/\?q=Sozialstrukturatlas$"))
    expect(page.locator("main")).to_contain_text("Sozialstrukturatlas")
    expect(page.locator("main h2 a, main h3 a").first).to_be_visible()


def test_publication_filters_work_with_the_keyboard(page):
    page.goto("/publikationen/")
    count = page.locator("#publication-results-heading")
    before = count.inner_text()
    tab_to(page, lambda focused: focused["id"] == "filter-kategorie")
    page.keyboard.press("ArrowDown")  # a closed <select> changes its value with the arrow keys
    category = page.locator("#filter-kategorie")
    chosen = category.evaluate("select => select.selectedOptions[0].textContent")
    slug = category.input_value()
    assert slug, "the arrow key did not choose a category"
    tab_to(page, lambda focused: focused["tag"] == "button" and focused["text"] == "Filter anwenden")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"[?&]kategorie={slug}(&|$)"))
    expect(count).not_to_have_text(before)
    number = int(re.search(r"\((\d+)\)", chosen)[1])  # "Beiträge in Zeitschriften und Sammelwerken (2)"
    expect(count).to_have_text(f"{number} Publikation" + ("en" if number != 1 else ""))
    expect(page.locator(".publication-list > li")).to_have_count(number)
    expect(page.locator("#filter-kategorie")).to_have_value(slug)


def test_page_type_list_covers_every_page_model(page, live_site):
    """Every page model with a live page on the demo site is in the list every browser check walks."""
    paths = set(page_type_paths(page).values())
    urls_by_type = json.loads(manage(live_site, "shell", "-v0", "-c", LIVE_PAGES_BY_TYPE))
    missing = {name: urls[:3] for name, urls in urls_by_type.items() if paths.isdisjoint(urls)}
    assert missing == {}, "add these page types to PAGE_TYPES/DETAIL_PAGES in tests/browser/conftest.py"


def test_no_cookies_and_no_foreign_requests_on_any_page_type(browser, live_site):
    """Every request goes to our own host and no page sets a cookie or stores anything, for every page type.

    Requests that the Content-Security-Policy blocks never reach the network, so attempts are caught as well:
    by the policy's violation reports and by the addresses of everything the page would load.
    """
    context = browser.new_context(base_url=live_site["url"], viewport={"width": 1280, "height": 900})
    context.add_init_script(BLOCKED_LOADS)
    own_host = urlsplit(live_site["url"]).netloc
    requests, cookie_headers = [], []
    context.on("request", lambda request: requests.append(request.url))
    context.on(
        "response",
        lambda response: cookie_headers.extend(
            f"{response.url}: {value}" for name, value in response.headers_array() if name.lower() == "set-cookie"
        ),
    )
    tab = context.new_page()
    paths = page_type_paths(tab)
    for name, path in paths.items():
        tab.goto(path)
        tab.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # lazy images and embeds come into view
        tab.wait_for_load_state("networkidle")
        loads = requests + tab.evaluate(RESOURCE_URLS) + tab.evaluate("window.blockedLoads")
        foreign = {
            url
            for url in loads
            if urlsplit(url).scheme in ("http", "https", "ws", "wss", "") and urlsplit(url).netloc not in ("", own_host)
        }
        assert foreign == set(), f"{name} {path}: requests to other hosts"
        assert cookie_headers == [], f"{name} {path}: Set-Cookie"
        assert context.cookies() == [], f"{name} {path}: cookies"
        assert tab.evaluate("localStorage.length + sessionStorage.length") == 0, f"{name} {path}: web storage"
    assert len({urlsplit(url).path for url in requests}) > len(paths)  # the listener saw the pages and their files
    context.close()


def test_video_page_asks_before_any_request_to_the_video_host(page):
    """Showing, scrolling to, hovering and focusing the video placeholder load nothing from the video host."""
    hosts = []
    page.on("request", lambda request: hosts.append(urlsplit(request.url).netloc))
    page.goto(PAGE_TYPES["Meldung"], wait_until="domcontentloaded")
    placeholder = page.locator("figure[data-video]").first
    button = placeholder.get_by_role("button", name=re.compile("Video laden"))
    placeholder.scroll_into_view_if_needed()
    placeholder.hover()
    button.focus()
    expect(button).to_be_visible()
    expect(button).to_be_focused()
    page.wait_for_load_state("networkidle")  # 500 ms without requests after all of the above
    assert page.locator("iframe").count() == 0
    assert [host for host in hosts if re.search(r"youtube|ytimg|vimeo|googlevideo|doubleclick", host)] == []
