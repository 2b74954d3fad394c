"""The newsletter form in the browser: reachable and usable with the keyboard alone, no axe violations, no
cookie; after sending, the page says what happens next."""

import subprocess
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, axe_violations
from tests.browser.test_browser_trust import FOCUSED

CREATE_PAGE = """
from ikpe_site.core.models import HomePage
from newsletter.models import NewsletterPage
if not NewsletterPage.objects.exists():
    home = HomePage.objects.get()
    page = home.add_child(instance=NewsletterPage(title="Newsletter", slug="newsletter-test",
                                                  teaser="Neuigkeiten des IKPE per E-Mail."))
    page.save_revision().publish()
print(NewsletterPage.objects.get().url)
"""


DELETE_PAGE = """
from newsletter.models import NewsletterPage
for page in NewsletterPage.objects.all():
    page.delete()
"""


def shell(live_site, code):
    return subprocess.run(
        [*live_site["manage"], "shell", "-v0", "-c", code],
        env=live_site["env"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def newsletter_path(live_site):
    """A sign-up page for this test only: the demo site has none (the seeds announce no newsletter)."""
    yield shell(live_site, CREATE_PAGE).strip().splitlines()[-1]
    shell(live_site, DELETE_PAGE)


def test_subscribe_with_the_keyboard(page, newsletter_path):
    path = newsletter_path
    page.goto(path)
    assert axe_violations(page) == []
    page.locator("#id_email").focus()
    page.keyboard.type("planung@landkreis.example")
    for _ in range(60):  # on to the consent checkbox, every stop with a visible focus
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused["visible"], focused
        if focused["id"] == "id_consent":
            break
    page.keyboard.press("Space")
    expect(page.locator("#id_consent")).to_be_checked()
    time.sleep(2.2)  # people take longer than the form's minimum time
    for _ in range(5):  # past the link to the privacy policy to the button
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused["visible"], focused
        if focused["tag"] == "button":
            break
    assert focused["text"] == "Abonnieren"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Fast geschafft: Bitte prüfen Sie Ihr Postfach", page.locator(
        "main"
    ).inner_text()
    assert axe_violations(page) == []
    assert page.context.cookies() == []
