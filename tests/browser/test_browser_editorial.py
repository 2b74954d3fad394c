"""The editorial journeys of issue 15 in Chromium: a press release's PDF under Sperrfrist, and a new person."""

import json
import re
import uuid
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.browser.test_browser_trust import log_in, manage, new_tab  # noqa: F401 - new_tab is a fixture

# A press release written and approved, not yet published: its PDF (a real file through Wagtail's document
# pipeline) in the body. Prints the page id and the PDF's public address.
PRESS_RELEASE = """
import json
from news.models import NewsIndexPage, NewsPage
from tests.factories import pdf_document
pdf = pdf_document("Pressemitteilung Sozialstrukturatlas {token}", ["Volltext unter Sperrfrist"])
page = NewsPage(title="Pressemitteilung unter Sperrfrist {token}", live=False)
page.body = [("paragraph", "<p>Text unter Sperrfrist</p>"),
             ("document", {{"document": pdf, "title": "Volltext als PDF"}})]
NewsIndexPage.objects.get().add_child(instance=page)
page.save_revision()
print(json.dumps({{"page": page.pk, "pdf": pdf.url}}))
"""
GO_LIVE = """
from wagtail.models import Page
Page.objects.get(pk={pk}).specific.get_latest_revision().publish()
"""


def status(tab, url):
    return tab.request.get(url, max_redirects=0).status


def test_the_pdf_of_a_press_release_under_sperrfrist(new_tab, live_site):  # noqa: F811
    token = uuid.uuid4().hex[:6]
    created = json.loads(manage(live_site, "shell", "-v0", "-c", PRESS_RELEASE.format(token=token)))
    visitor = new_tab()
    assert status(visitor, created["pdf"]) == 404  # the address is sequential; knowing it is not enough

    # Kommunikation creates a Sperrfrist link from the page's own menu.
    communications = new_tab()
    log_in(communications, "kommunikation")
    communications.goto(f"/admin/pages/{created['page']}/edit/")
    communications.locator("#w-slim-header-buttons").get_by_role("button").last.click()
    communications.get_by_role("link", name="Sperrfrist-Link erstellen").click()
    communications.get_by_label("Empfänger").fill("Pressestelle des Ministeriums")
    communications.get_by_label("Sperrfrist bis").fill("01.07.2036 08:00")
    communications.keyboard.press("Escape")  # the date picker closes
    communications.get_by_role("button", name="Erstellen").press("Enter")
    link_url = urlsplit(communications.locator(".editorial-link-box__url").input_value()).path
    assert re.fullmatch(r"/vorschau/[A-Za-z0-9_-]+/", link_url)

    # The partner opens the link and downloads the PDF through it; the public address stays closed.
    response = visitor.goto(link_url)
    assert response.status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text(f"Pressemitteilung unter Sperrfrist {token}")
    pdf_link = visitor.get_by_role("link", name=re.compile("Volltext als PDF")).get_attribute("href")
    assert pdf_link.startswith(f"{link_url}dokumente/")
    download = visitor.request.get(pdf_link)
    assert download.status == 200 and download.body().startswith(b"%PDF")
    assert status(visitor, created["pdf"]) == 404

    # Kommunikation revokes the link: page and PDF are gone for its holder.
    communications.get_by_label("widerrufen").check()
    communications.get_by_role("button", name="Speichern").press("Enter")
    expect(communications.get_by_role("status").first).to_be_visible()
    assert status(visitor, pdf_link) == 404
    assert status(visitor, link_url) == 404
    assert status(visitor, created["pdf"]) == 404

    # Go-live (what the scheduler does at the approved time): the PDF is public.
    manage(live_site, "shell", "-v0", "-c", GO_LIVE.format(pk=created["page"]))
    download = visitor.request.get(created["pdf"])
    assert download.status == 200 and download.body().startswith(b"%PDF")


def test_redaktion_creates_previews_and_submits_a_new_person(new_tab):  # noqa: F811
    token = uuid.uuid4().hex[:6]
    editor = new_tab()
    log_in(editor, "redaktion")

    # The admin's script makes the address from a title as German does: ä → ae, ß → ss.
    editor.goto("/admin/pages/")
    editor.get_by_role("link", name=re.compile("Unterseiten von .Startseite. durchsehen")).click()
    editor.get_by_role("link", name=re.compile("Unterseiten von .Aktuelles. durchsehen")).click()
    editor.get_by_role("link", name="Unterseite hinzufügen").click()
    editor.get_by_role("textbox", name="Titel*").press_sequentially("Übergänge gestalten: Fachtag in Gößnitz")
    editor.get_by_role("textbox", name="Titel*").blur()
    expect(editor.locator("input[name=slug]")).to_have_value("uebergaenge-gestalten-fachtag-in-goessnitz")

    # A person: the name is typed once, title and address follow from it.
    editor.goto("/admin/pages/")
    editor.get_by_role("link", name=re.compile("Unterseiten von .Startseite. durchsehen")).click()
    editor.get_by_role("link", name=re.compile("Unterseiten von .Team. durchsehen")).click()
    editor.get_by_role("link", name="Unterseite hinzufügen").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Neu: Person")
    editor.get_by_role("textbox", name="Vorname*").fill("Jürgen")
    editor.get_by_role("textbox", name="Nachname*").fill(f"Weiß {token}")
    editor.get_by_role("button", name="Entwurf speichern").click()
    expect(editor.get_by_role("heading", level=1)).to_contain_text(f"Jürgen Weiß {token}")
    expect(editor.locator("input[name=slug]")).to_have_value(f"juergen-weiss-{token}")
    expect(editor.get_by_role("textbox", name="Titel", exact=True)).to_have_value(f"Jürgen Weiß {token}")

    # Preview beside the form, then submit to Kommunikation.
    editor.get_by_role("button", name="Vorschau umschalten").click()
    preview = editor.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_contain_text(f"Jürgen Weiß {token}")
    actions = editor.get_by_role("navigation", name="Aktionen (Fußzeile)")
    actions.get_by_role("button", name="Mehr Aktionen").click()
    actions.get_by_role("button", name="In Freigabe durch Kommunikation einreichen").click()
    row = editor.get_by_role("row").filter(has=editor.get_by_role("link", name=f"Jürgen Weiß {token}", exact=True))
    expect(row).to_contain_text("in Freigabe")


def test_redaktion_creates_previews_and_submits_an_event(new_tab):  # noqa: F811
    """An event, the page type whose preview used to crash: created, previewed beside the form, submitted."""
    token = uuid.uuid4().hex[:6]
    editor = new_tab()
    log_in(editor, "redaktion")
    editor.goto("/admin/pages/")
    editor.get_by_role("link", name=re.compile("Unterseiten von .Startseite. durchsehen")).click()
    editor.get_by_role("link", name=re.compile("Unterseiten von .Termine. durchsehen")).click()
    editor.get_by_role("link", name="Unterseite hinzufügen").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Neu: Termin")
    editor.get_by_role("textbox", name="Titel*").fill(f"Fachtag Sozialplanung {token}")
    editor.get_by_role("textbox", name="Beginn*").fill("15.06.2031 10:00")
    editor.get_by_role("textbox", name="Ende*").fill("15.06.2031 16:00")
    editor.get_by_role("button", name="Entwurf speichern").click()
    expect(editor.get_by_role("heading", level=1)).to_contain_text(f"Fachtag Sozialplanung {token}")

    editor.get_by_role("button", name="Vorschau umschalten").click()
    preview = editor.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_contain_text(f"Fachtag Sozialplanung {token}")
    expect(preview.locator("body")).to_contain_text("15. Juni 2031")
    actions = editor.get_by_role("navigation", name="Aktionen (Fußzeile)")
    actions.get_by_role("button", name="Mehr Aktionen").click()
    actions.get_by_role("button", name="In Freigabe durch Kommunikation einreichen").click()
    row = editor.get_by_role("row").filter(
        has=editor.get_by_role("link", name=f"Fachtag Sozialplanung {token}", exact=True)
    )
    expect(row).to_contain_text("in Freigabe")
