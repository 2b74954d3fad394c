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
            "link", name=title, exact=True, include_hidden=True
        )
        if not link.is_visible():  # in a sub-menu: open it with its section's button first
            link.locator("xpath=ancestor::li[contains(@class, 'has-submenu')]/button").click()
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
    menu = tab.get_by_role("navigation", name="Hauptnavigation")
    # Without the script a section's item is a link to its section page, and its list shows while focus is in it.
    menu.get_by_role("link", name="Projekte & Themen").focus()
    menu.get_by_role("link", name="Unsere Themen").click()
    assert re.search(r"/themen/$", tab.url)
    menu.get_by_role("link", name="Institut").click()
    assert re.search(r"/verein/$", tab.url)
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_home_and_a_post_pass_axe_in_the_dark_scheme(page, width):
    """The dark colour scheme keeps every contrast at AA (the light one is checked on every page elsewhere)."""
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme="dark")
    for path in ("/", "/aktuelles/kommunen-unterstuetzen-teilhabechancen/"):
        page.goto(path)
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
        assert axe_violations(page) == [], path
