"""The German editor guide in the admin, and the "Beim Teilen" preview mode beside the live preview (issue 15)."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from ikpe_site.core.models import StandardPage
from ikpe_site.core.roles import COMMUNICATIONS, EDITORS
from news.models import NewsIndexPage, NewsPage
from tests.factories import placeholder_image
from tests.test_editorial_previews import form_data


@pytest.fixture
def editor(django_user_model):
    def make(group):
        user = django_user_model.objects.create_user(f"{group.lower()}-anleitung", password="x-secret-123")
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.mark.parametrize("role", [EDITORS, COMMUNICATIONS])
def test_the_help_links_lead_to_the_german_guide(client, home, editor, role):
    client.force_login(editor(role))
    dashboard = client.get("/admin/").content.decode()
    guide_url = reverse("editor_guide")
    assert "guide.wagtail.org" not in dashboard  # neither in the help menu nor in the account summary
    assert dashboard.count(f'"{guide_url}"') >= 2, "help menu and account summary link to the guide"
    guide = client.get(guide_url)
    assert guide.status_code == 200
    html = guide.content.decode()
    for topic in (
        "Alternativtext",
        "Leichte Sprache",
        "Freigabe durch Kommunikation",
        "Sperrfrist-Link erstellen",
        "Veröffentlicht bis",
        "Aktuellen Entwurf ersetzen",
        "Beim Teilen",
        "Partner*innen",
    ):
        assert topic in html, topic
    # One gender style: the asterisk, not slashes or inner capital I.
    assert not re.search(r"\w/innen|\w+Innen\b", html)


def test_the_checks_panel_explains_itself_through_the_german_guide(client, home, editor):
    """The explainer of the editor's "Prüfungen" panel pointed to Wagtail's English guide."""
    page = StandardPage(title="Prüfseite", slug="pruefseite")
    home.add_child(instance=page)
    client.force_login(editor(EDITORS))
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "guide.wagtail.org" not in html
    assert f'href="{reverse("editor_guide")}#pruefungen"' in html and "Anleitung für die Redaktion</a>" in html
    guide = client.get(reverse("editor_guide")).content.decode()
    assert 'id="pruefungen"' in guide and "Lesbarkeit" in guide


def test_the_guide_describes_the_document_rule_the_site_applies(client, home, editor):
    """The guide promises that documents of unpublished content answer "not found"; editorial/documents.py does."""
    client.force_login(editor(EDITORS))
    html = client.get(reverse("editor_guide")).content.decode()
    assert "nur an angemeldete Redaktion, Kommunikation und Administration" in html
    assert "„Seite nicht gefunden“" in html


def share_preview(client, page, data=None):
    url = f"/admin/pages/{page.pk}/edit/preview/"
    data = data or form_data(client, f"/admin/pages/{page.pk}/edit/", type(page))
    assert client.post(f"{url}?mode=teilen", data).json()["is_valid"]
    response = client.get(url, {"mode": "teilen"})
    assert response.status_code == 200
    return response.content.decode()


def test_the_share_preview_shows_the_open_graph_data_of_the_draft(admin_client, demo_site):
    post = NewsPage.objects.live().order_by("pk").first()
    post.listing_image = placeholder_image("Teilen-Test", "Balkendiagramm der Sozialplanung")
    post.save_revision().publish()
    live = admin_client.get(post.url).content.decode()
    og_title = re.search(r'<meta property="og:title" content="([^"]*)"', live)[1]
    og_image = re.search(r'<meta property="og:image" content="([^"]*)"', live)[1]

    assert ("teilen", "Beim Teilen") in [(mode, str(label)) for mode, label in post.preview_modes]
    client_html = share_preview(admin_client, post)
    assert og_title in client_html
    assert og_image in client_html  # the same rendition the og:image tag names
    assert 'alt="Balkendiagramm der Sozialplanung"' in client_html
    assert "testserver" in client_html  # the domain
    assert "IKPE" in client_html or "Institut für kommunale Planung" in client_html

    data = form_data(admin_client, f"/admin/pages/{post.pk}/edit/", NewsPage)
    data["seo_title"] = "Neuer Titel für soziale Netzwerke"
    data["teaser"] = "Ein geänderter Anreißer, noch nicht veröffentlicht."
    draft_html = share_preview(admin_client, post, data)
    assert "Neuer Titel für soziale Netzwerke" in draft_html
    assert "Ein geänderter Anreißer, noch nicht veröffentlicht." in draft_html


def test_a_new_page_without_image_or_teaser_gets_a_hint(admin_client, home):
    news = home.add_child(instance=NewsIndexPage(title="Aktuelles", slug="aktuelles"))
    add_url = f"/admin/pages/add/news/newspage/{news.pk}/"
    data = form_data(admin_client, add_url, NewsPage)
    data["title"] = "Entwurf ohne Bild"
    assert admin_client.post(f"{add_url}preview/?mode=teilen", data).json()["is_valid"]
    html = admin_client.get(f"{add_url}preview/", {"mode": "teilen"}).content.decode()
    assert "Entwurf ohne Bild" in html
    assert "Kein Aufmacherbild" in html and "Keine Beschreibung" in html
    assert "teilen" in dict(StandardPage(title="x").preview_modes)  # every page type inherits it from BasePage
