"""Every page type at 390 and 1280 px (screenshots for review, no sideways scrolling, axe), the Thuringia map's
tiles as working links, and pages on paper without navigation."""

import pytest

from tests.browser.conftest import ROOT, _first_link, axe_violations

SCREENSHOTS = ROOT / "var" / "screenshots"
# One address per page type; detail pages whose slugs the demo does not fix are found through their listing.
PAGES = {
    "startseite": "/",
    "aktuelles": "/aktuelles/",
    "meldung": "/aktuelles/filmbeitraege-integrierte-sozialplanung/",
    "termine": "/termine/",
    "termin": "/termine/arbeitskreis-sozialplanung-2020/",
    "projekte": "/projekte/",
    "projekt": ("/projekte/", r"^/projekte/[a-z0-9-]+/$"),
    "team": "/team/",
    "person": "/team/stefan-huber/",
    "publikationen": "/publikationen/",
    "publikation": ("/publikationen/", r"^/publikationen/[a-z0-9-]+/$"),
    "mein-landkreis": "/mein-landkreis/",
    "landkreis": "/mein-landkreis/wartburgkreis/",
    "suche": "/suche/?q=Armutspr%C3%A4vention",
    "kontakt": "/kontakt/",
    "404": "/gibt-es-nicht/",
}


def _paths(page):
    return {name: _first_link(page, *path) if isinstance(path, tuple) else path for name, path in PAGES.items()}


def test_every_page_type_at_both_widths(page):
    """Screenshots into var/screenshots/ (CI artefacts); each page answers, fits 390 px and passes axe."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for name, path in _paths(page).items():
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(path)
            assert response.status == (404 if name == "404" else 200), (path, response.status)
            if width == 390:
                scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
                assert scroll <= inner, (path, scroll, inner)
            target = SCREENSHOTS / f"seite-{name}-{width}.png"
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 10_000
            problems += [f"{path} @{width}: {violation}" for violation in axe_violations(page)]
    assert problems == []


@pytest.mark.parametrize("width", [390, 1280])
def test_every_map_tile_is_a_working_link_with_a_name(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/mein-landkreis/")
    tiles = page.eval_on_selector_all(
        ".district-map-svg a",
        "links => links.map(a => ({href: a.getAttribute('href'), name: a.getAttribute('aria-label'),"
        " text: a.textContent.replace(/\\s+/g, '')}))",
    )
    assert len(tiles) == 23  # 17 Landkreise, 5 cities and Eisenach inside the Wartburgkreis
    for tile in tiles:
        # The accessible name is the one assistive technology gets, and it holds the visible name.
        link = page.get_by_role("link", name=tile["name"], exact=True)
        assert link.count() == 1, tile
        assert link.is_visible(), tile
        assert tile["text"] in tile["name"].replace(" ", ""), tile
        assert page.request.get(tile["href"]).status == 200, tile
    # A tile reached by keyboard shows its focus: the tile's outline turns thick and dark.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.district-map-svg')"):
            break
    width_px = page.evaluate("getComputedStyle(document.activeElement.querySelector('rect')).strokeWidth")
    assert width_px == "5px"
    page.keyboard.press("Enter")
    page.wait_for_url("**/mein-landkreis/*/")
    assert page.locator("h1").inner_text() in {tile["name"].split(":")[0] for tile in tiles}


def test_detail_pages_print_without_navigation(page):
    paths = _paths(page)
    page.emulate_media(media="print")
    for name in ("person", "projekt", "publikation", "termin"):
        page.goto(paths[name])
        assert page.locator('link[href$="css/print.css"][media="print"]').count() == 1
        navs = page.locator("header nav, footer nav")
        assert navs.count() >= 1
        for index in range(navs.count()):
            assert navs.nth(index).is_hidden(), (name, index)
        assert page.locator("h1").is_visible()
        internal = page.locator('main a[href^="/"]:not(.person-name a):not(.teaser-title a)').first
        after = internal.evaluate("a => getComputedStyle(a, '::after').content")
        assert internal.get_attribute("href") in after, (name, after)
    page.emulate_media(media="screen")
    page.goto(paths["person"])
    assert page.locator("header nav").first.is_visible()


def test_style_guide_for_staff_only(page):
    """The designer's review page: 404 for visitors; for an editor every specimen renders, without axe findings."""
    assert page.goto("/stilvorlage/").status == 404
    from tests.browser.test_browser_trust import log_in

    log_in(page, "redaktion")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.goto("/stilvorlage/").status == 200
    assert page.locator(".specimen").count() >= 20
    assert page.locator(".specimen-body img").count() >= 2  # the card with an image and the figure
    page.screenshot(path=str(SCREENSHOTS / "stilvorlage-1280.png"), full_page=True)
    assert axe_violations(page) == []
