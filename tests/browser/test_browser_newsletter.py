"""The newsletter form in the browser: reachable and usable with the keyboard alone, no axe violations, no
cookie; after sending, the page says what happens next. An issue's preview in the admin, as HTML mail and as
plain text."""

import json
import subprocess
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, axe_violations
from tests.browser.test_browser_trust import FOCUSED, log_in

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


ISSUE = """
import json
from news.models import NewsPage
from newsletter.models import NewsletterIssuePage, NewsletterPage
post = NewsPage.objects.live().order_by("pk").first()
issue = NewsletterIssuePage(title="Ausgabe zur Vorschau", slug="ausgabe-zur-vorschau", live=False,
                            intro="<p>Einleitung der Testausgabe.</p>")
NewsletterPage.objects.get().add_child(instance=issue)
issue.items.create(page=post)
issue.save_revision()
print(json.dumps({"id": issue.pk, "post": post.title}))
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


def test_redaktion_previews_an_issue_as_html_mail_and_as_plain_text(page, live_site, newsletter_path):
    issue = json.loads(shell(live_site, ISSUE).strip().splitlines()[-1])
    log_in(page, "redaktion")
    page.goto(f"/admin/pages/{issue['id']}/edit/")
    page.get_by_role("button", name="Vorschau umschalten").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text("Ausgabe zur Vorschau")
    expect(preview.get_by_role("link", name=issue["post"])).to_be_visible()
    # The same preview on its own (the panel has stored the form's state): the mail as the admin shows it.
    page.goto(f"/admin/pages/{issue['id']}/edit/preview/?mode=")
    expect(page.locator("body")).to_contain_text("Einleitung der Testausgabe.")
    expect(page.locator("body")).to_contain_text("In dieser Fassung sind sie nicht aktiv.")
    assert axe_violations(page) == []
    response = page.goto(f"/admin/pages/{issue['id']}/edit/preview/?mode=text")
    assert response.headers["content-type"].startswith("text/plain")
    text = page.locator("body").inner_text()
    assert "Ausgabe zur Vorschau" in text and f"* {issue['post']}" in text and "<p>" not in text
