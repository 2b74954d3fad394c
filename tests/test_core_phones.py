"""Phone numbers in DIN 5008 form with `tel:` links, whatever form the editor typed (ikpe_site.core.phones)."""

import pytest
from wagtail.models import Site

from ikpe_site.core.models import SiteSettings
from ikpe_site.core.phones import phone_display, tel_uri
from people.models import PeopleIndexPage, PersonPage
from tests.test_projects_pages import add


@pytest.mark.parametrize(
    "typed, shown, uri",
    [
        ("0361 / 30257 - 602", "0361 30257-602", "tel:+4936130257602"),
        ("0361/30257-602", "0361 30257-602", "tel:+4936130257602"),
        ("0361-30257-602", "0361 30257-602", "tel:+4936130257602"),
        ("+49 361 30257-602", "0361 30257-602", "tel:+4936130257602"),
        ("+49 (0)361 30257-602", "0361 30257-602", "tel:+4936130257602"),
        ("0049 361 30257-602", "0361 30257-602", "tel:+4936130257602"),
        ("(0361) 30257602", "0361 30257602", "tel:+4936130257602"),  # no extension typed: none guessed
        ("036130257602", "0361 30257602", "tel:+4936130257602"),
        ("0361/6700-539", "0361 6700-539", "tel:+493616700539"),
        ("03641 123456", "03641 123456", "tel:+493641123456"),  # a five-digit area code (Jena)
        ("0170 1234567", "0170 1234567", "tel:+491701234567"),
        ("+43 1 5123456", "+43 1 5123456", "tel:+4315123456"),
        ("n. n.", "n. n.", ""),
        ("", "", ""),
    ],
)
def test_din_5008_display_and_tel_uri(typed, shown, uri):
    assert phone_display(typed) == shown
    assert tel_uri(typed) == uri


def test_person_card_and_site_address_show_din_5008_with_tel_links(client, home):
    team = add(home, PeopleIndexPage(title="Team", slug="team"))
    add(
        team,
        PersonPage(
            title="Anna Berg", slug="anna-berg", first_name="Anna", last_name="Berg", phone="0361 / 30257 - 602"
        ),
    )
    add(team, PersonPage(title="Kim Lehmann", slug="kim-lehmann", first_name="Kim", last_name="Lehmann", phone="n. n."))
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.phone = "+49 361 30257-600"
    settings.save()
    html = client.get("/team/anna-berg/").content.decode()
    assert '<a href="tel:+4936130257602">0361 30257-602</a>' in html
    assert '<a href="tel:+4936130257600">0361 30257-600</a>' in html  # the site's address in the footer
    assert "0361 / 30257" not in html
    html = client.get("/team/kim-lehmann/").content.decode()
    assert "<dd>n. n.</dd>" in html and 'href="tel:"' not in html
