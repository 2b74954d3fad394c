"""The living style guide: staff see every component and block rendered from the real templates; nobody else."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from editorial.styleguide import COMPONENTS_DIR

BLOCKS_DIR = Path(COMPONENTS_DIR).parent / "blocks"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("redakteurin", password="x")
    user.groups.add(Group.objects.get(name="Redaktion"))
    return user


def test_staff_see_every_component_and_block_with_samples(client, demo_site, editor):
    client.force_login(editor)
    response = client.get("/stilvorlage/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in html and response["X-Robots-Tag"].startswith("noindex")
    assert "Stilvorlage" in html
    components = sorted(path.name for path in COMPONENTS_DIR.glob("*.html"))
    assert len(components) >= 10
    for name in components:  # a new component without a sample fails here
        assert f"<code>components/{name}</code>" in html, name
    for path in BLOCKS_DIR.glob("*.html"):
        assert f"<code>blocks/{path.name}</code>" in html, path.name
    assert "Bild in der Mediathek" not in html  # the demo has images: the image samples render
    body = html.split('id="components"')[1]
    # Rendered from the real templates, with sample data marked as such
    assert 'class="teaser-title"><a href="/stilvorlage/">Beispiel: Projekt mit Bild</a>' in body
    assert '<article class="teaser teaser-text">' in body  # the card without an image
    assert 'class="person-card"' in body and "Beispiel Person" in body
    assert 'aria-label="Seitennummerierung"' in body or 'class="pagination"' in body
    assert body.count('class="specimen-sample"') >= len(components) + 11
    assert 'class="errorlist' in body  # the form sample shows an error


@pytest.mark.parametrize("login", [None, "plain"])
def test_style_guide_is_404_for_visitors(client, home, django_user_model, login):
    if login:
        client.force_login(django_user_model.objects.create_user("besucher", password="x"))
    response = client.get("/stilvorlage/")
    assert response.status_code == 404
    assert "Beispiel" not in response.content.decode()
    assert not response.cookies
