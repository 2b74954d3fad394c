import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations


def open_menu(page):
    """On a narrow screen the main menu starts closed behind its "Menü" toggle."""
    toggle = page.locator(".menu-toggle > summary")
    if toggle.is_visible():
        assert not page.locator(".menu-toggle").evaluate("details => details.open")
        toggle.click()


@pytest.mark.parametrize("width", [390, 1280])
def test_home_navigation_and_accessibility(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    assert page.locator("h1").first.inner_text().startswith("Institut für kommunale Planung")
    assert axe_violations(page) == []

    open_menu(page)
    menu = page.get_by_role("navigation", name="Hauptnavigation")
    links = menu.get_by_role("link", include_hidden=True)  # with those in closed sub-menus
    titles = [links.nth(i).text_content().strip() for i in range(links.count())]
    assert "Der Verein" in titles and "Unsere Themen" in titles
    for title in titles:
        page.goto("/")
        open_menu(page)
        link = page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
            "link", name=title, exact=True, include_hidden=True)
        if not link.is_visible():  # in a sub-menu: open it first
            link.locator("xpath=ancestor::details[1]/summary").click()
        link.click()
        page.wait_for_load_state()
        assert page.locator("h1").first.is_visible()
        assert page.title().endswith("IKPE")
        violations = axe_violations(page)
        assert violations == [], f"{title}: {violations}"


def test_skip_link_is_first_and_moves_focus(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Zum Inhalt springen"
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")  # the next Tab continues inside the content, not at the top of the page
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_site_reads_without_javascript(browser, live_site):
    context = browser.new_context(base_url=live_site["url"], java_script_enabled=False)
    tab = context.new_page()
    tab.goto("/verein/")
    assert "gemeinnütziger Verein" in tab.content()
    tab.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Unsere Themen").click()
    assert re.search(r"/themen/$", tab.url)
    context.close()
