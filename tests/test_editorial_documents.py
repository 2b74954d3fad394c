"""Documents of unreleased pages: editors and embargo links only, public once a page that links them is live."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from editorial.models import EmbargoLink
from ikpe_site.core.models import StandardPage
from tests.factories import pdf_document

EMBARGO = "2036-07-01T08:00Z"


def make_user(username, group):
    user = get_user_model().objects.create_user(username=username, password="geheim-123456")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def pdf(db):
    return pdf_document("Pressemitteilung Sozialbericht (PDF)", ["Volltext unter Sperrfrist"])


@pytest.fixture
def press_release(home, pdf):
    """A press release under embargo: written and approved, not yet published, its PDF in the body."""
    page = StandardPage(title="Pressemitteilung Sozialbericht", slug="pressemitteilung-sozialbericht", live=False)
    page.body = [
        ("paragraph", "<p>Text unter Sperrfrist</p>"),
        ("document", {"document": pdf, "title": "Volltext als PDF"}),
    ]
    home.add_child(instance=page)
    page.save_revision()
    return page


def embargo_document_url(client, link, pdf):
    """The document address the embargo page itself offers the partner."""
    html = client.get(f"/vorschau/{link.token}/").content.decode()
    url = f"/vorschau/{link.token}/dokumente/{pdf.pk}/{pdf.filename}"
    assert f'href="{url}"' in html
    assert f'"{pdf.url}"' not in html
    return url


def test_pdf_of_an_embargoed_press_release_is_not_public(client, press_release, pdf):
    assert pdf.url.startswith(f"/dokumente/{pdf.pk}/")
    assert client.get(pdf.url).status_code == 404


def test_editors_download_it_before_release(client, press_release, pdf):
    client.force_login(make_user("redakteurin", "Redaktion"))
    response = client.get(pdf.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_valid_embargo_link_downloads_it_until_revoked(client, press_release, pdf):
    link = EmbargoLink.objects.create(page=press_release, recipient="Ministerium", embargo_until=EMBARGO)
    url = embargo_document_url(client, link, pdf)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get(pdf.url).status_code == 404  # the link opens its own address, not the public one

    link.revoked = True
    link.save()
    assert client.get(url).status_code == 404


def test_an_embargo_link_opens_only_documents_of_its_page(client, press_release, pdf):
    other = pdf_document("Interner Entwurf", ["Nicht für Partner"])
    link = EmbargoLink.objects.create(page=press_release, recipient="Ministerium", embargo_until=EMBARGO)
    assert client.get(f"/vorschau/{link.token}/dokumente/{other.pk}/{other.filename}").status_code == 404
    assert client.get(f"/vorschau/unbekannt/dokumente/{pdf.pk}/{pdf.filename}").status_code == 404


def test_go_live_makes_it_public_and_unpublishing_hides_it_again(client, press_release, pdf):
    press_release.get_latest_revision().publish()
    assert client.get(pdf.url).status_code == 200
    press_release.refresh_from_db()
    press_release.unpublish()
    assert client.get(pdf.url).status_code == 404


def test_a_freshly_uploaded_document_is_not_public(client, home):
    document = pdf_document("Neu hochgeladen", ["Noch nirgends verlinkt"])
    assert client.get(document.url).status_code == 404
