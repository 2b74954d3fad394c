"""Design: the menu row, the phone header, keyboard sub-menus, narrow screens and card grids; screenshots."""

import pytest

from tests.browser.conftest import ROOT, _first_link

SCREENSHOTS = ROOT / "var" / "screenshots"


def _project(page):
    return _first_link(page, "/projekte/", r"^/projekte/[a-z0-9-]+/$")


def test_main_menu_is_one_row_of_at_most_seven_items_at_1280(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/", timeout=60_000)  # often the session's first page: the server and the browser start cold
    tops = page.eval_on_selector_all(".main-nav .menu-row > li", "items => items.map(li => li.offsetTop)")
    assert 2 <= len(tops) <= 7
    assert len(set(tops)) == 1, tops
    row = page.locator(".menu-row").bounding_box()
    last = page.locator(".menu-row > li").last.bounding_box()
    assert last["x"] + last["width"] <= row["x"] + row["width"] + 1  # nothing spills out of the row
    # The pages beyond the row are grouped under their section, one button away.
    buttons = page.locator(".menu-row > li > button.menu-top")
    assert [buttons.nth(i).inner_text() for i in range(buttons.count())] == ["Institut", "Projekte & Themen"]
    institute = page.locator(".menu-row > li.has-submenu").first.locator(".submenu a")
    assert [institute.nth(i).text_content() for i in range(institute.count())] == [
        "Der Verein",
        "Satzung",
        "Team",
        "Arbeitsbereiche",
    ]


def test_phone_header_is_compact_with_search_and_menu_button(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/verein/")
    height = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
    assert height <= 130, height
    search = page.locator(".site-header").get_by_role("link", name="Suche", exact=True)
    assert search.is_visible() and search.get_attribute("href") == "/suche/"
    assert page.locator(".site-header").get_by_role("link", name="Leichte Sprache").is_visible()
    menu_button = page.locator(".menu-toggle > summary")
    assert menu_button.is_visible() and menu_button.inner_text() == "Menü"
    assert page.locator(".menu-row").is_hidden()  # closed until asked for: the content comes first
    assert page.locator(".breadcrumbs").is_visible()


def _tab_to(page, selector, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("sel => document.activeElement && document.activeElement.matches(sel)", selector):
            return
    raise AssertionError(f"{selector} not reached by Tab")


@pytest.mark.parametrize("width", [390, 1280])
def test_every_submenu_opens_by_keyboard(page, width):
    """Each section's button opens its list (aria-expanded), Tab enters it, Escape closes it and keeps the focus."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    count = page.locator(".menu-row button.menu-top").count()
    assert count >= 2
    for index in range(count):
        page.goto("/")  # each sub-menu from a fresh page: the others are closed
        if width < 900:
            _tab_to(page, ".menu-toggle > summary")
            page.keyboard.press("Enter")
        button = page.locator(".menu-row button.menu-top").nth(index)
        _tab_to(page, f"button[aria-controls='{button.get_attribute('aria-controls')}']")
        submenu = page.locator(f"#{button.get_attribute('aria-controls')}")
        links = submenu.locator("a")
        assert button.get_attribute("aria-expanded") == "false" and not links.first.is_visible()
        page.keyboard.press("Enter")
        assert button.get_attribute("aria-expanded") == "true"
        for i in range(links.count()):
            assert links.nth(i).is_visible()
        page.keyboard.press("Tab")  # the first link comes next in the tab order
        assert page.evaluate("document.activeElement.href") == links.first.evaluate("a => a.href")
        page.keyboard.press("Escape")
        assert button.get_attribute("aria-expanded") == "false" and not links.first.is_visible()
        assert page.evaluate("document.activeElement.classList.contains('menu-top')")
        page.keyboard.press("Enter")  # open again and Tab past its last link: leaving the list closes it
        for _ in range(links.count() + 1):
            page.keyboard.press("Tab")
        assert button.get_attribute("aria-expanded") == "false"


@pytest.mark.parametrize("width", [390, 1280])
def test_every_submenu_opens_by_touch(browser, live_site, width):
    """On a touch screen a tap opens a section's list, a tap elsewhere closes it, and a tap on a link follows it."""
    context = browser.new_context(
        base_url=live_site["url"], has_touch=True, is_mobile=width < 900, viewport={"width": width, "height": 900}
    )
    tab = context.new_page()
    tab.goto("/")
    if width < 900:
        tab.locator(".menu-toggle > summary").tap()
    buttons = tab.locator(".menu-row button.menu-top")
    for index in range(buttons.count()):
        button = buttons.nth(index)
        button.tap()
        assert button.get_attribute("aria-expanded") == "true"
        links = tab.locator(f"#{button.get_attribute('aria-controls')} a")
        for i in range(links.count()):
            assert links.nth(i).is_visible()
        tab.locator("main h2").first.tap()  # outside the menu
        assert button.get_attribute("aria-expanded") == "false"
    buttons.last.tap()
    target = tab.locator(f"#{buttons.last.get_attribute('aria-controls')} a").last
    href = target.get_attribute("href")
    target.tap()
    tab.wait_for_url(f"**{href}")
    context.close()


# Pages with the seeds' longest words ("Integrationsmanagement", "Sozialstrategierichtlinie") in headings,
# filter menus, fact lists and card grids.
LONG_WORDS = [
    "/projekte/",
    "/projekte/thilik/",
    "/aktuelles/publikation-thilik-steuerungsstrukturen/",
    "/publikationen/kommunales-integrationsmanagement-in-thueringen-1/",
    "/mein-landkreis/jena/",
    "/verein/auftraggeber/",
]


def test_no_horizontal_scrolling_at_320(page):
    page.set_viewport_size({"width": 320, "height": 700})
    for path in ["/", _project(page), *LONG_WORDS, "/team/"]:  # the team last: its e-mail addresses follow
        page.goto(path)
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, (path, scroll, inner)
    # The team's e-mail addresses break, if at all, after "@" or a hyphen or before a dot: each part stays on one line.
    broken = page.eval_on_selector_all(
        ".person-card .email-link",
        """links => links.flatMap(link =>
        [...link.childNodes].filter(node => node.nodeType === 3).filter(node => {
            const range = document.createRange(); range.selectNodeContents(node);
            return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size > 1;
        }).map(node => link.textContent))""",
    )
    assert page.locator(".person-card .email-link").count() >= 5
    assert broken == []


@pytest.mark.parametrize("width", [900, 1280])
def test_short_card_grids_have_no_holes(page, width):
    """One to four cards fill their rows: the last card of every row reaches the grid's right edge."""
    page.set_viewport_size({"width": width, "height": 900})
    checked = 0
    for path in ["/", "/arbeitsbereiche/", _project(page), "/termine/"]:
        page.goto(path)
        grids = page.eval_on_selector_all(
            ".card-grid",
            """grids => grids.map(g => {
            const right = g.getBoundingClientRect().right, rows = {};
            for (const card of g.children) {
                const box = card.getBoundingClientRect();
                rows[Math.round(box.top)] = Math.max(rows[Math.round(box.top)] || 0, box.right);
            }
            return {n: g.children.length, gaps: Object.values(rows).map(r => Math.round(right - r))};
        })""",
        )
        for grid in grids:
            if 1 <= grid["n"] <= 4:
                checked += 1
                assert max(grid["gaps"]) < 2, (path, grid)
    assert checked >= 4


def test_news_cards_keep_their_text_inside(page):
    """Card titles stay inside their cards at 1280 px, and a post without a date starts its line with the
    category, not with the separator "·"."""
    page.set_viewport_size({"width": 1280, "height": 900})
    for path in ["/aktuelles/", "/projekte/"]:
        page.goto(path)
        wide = page.eval_on_selector_all(
            ".teaser-title", "els => els.filter(e => e.scrollWidth > e.clientWidth).map(e => e.textContent)"
        )
        assert wide == [], (path, wide)
    page.goto("/aktuelles/")
    starts = page.eval_on_selector_all(
        ".teaser-meta > :first-child",
        "els => els.map(e => [e.tagName, getComputedStyle(e, '::before').content])",
    )
    assert ["SPAN", "none"] in starts  # a dateless post's first category
    assert all(content in ("none", "normal") for _tag, content in starts), starts


def test_home_page_weighs_under_60_kb(page):
    """HTML, CSS, JavaScript and fonts of the home page as served (static files compressed, as WhiteNoise serves
    them in production; the HTML as it is), photos aside: under 60 KB."""
    import gzip

    sizes = {}

    def count(response):
        kind = response.request.resource_type
        if kind in ("document", "stylesheet", "script", "font") and response.status == 200:
            body = response.body()
            sizes[response.url] = len(body) if kind in ("document", "font") else len(gzip.compress(body, 9))

    page.on("response", count)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/", wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    assert any(url.endswith(".woff2") for url in sizes), sizes  # the web font is part of the weight
    assert sum(sizes.values()) < 60 * 1024, sizes
