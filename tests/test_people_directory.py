"""The contact directory, the team page and email protection (people app)."""

import base64
import re

import pytest
import yaml

from ikpe_site.core.demo_loader import DATA_DIR
from ikpe_site.core.phones import phone_display
from people.models import ContactPage, PeopleIndexPage, PersonPage, Responsibility
from tests.factories import ContactPageFactory, PeopleIndexPageFactory, PersonPageFactory
from tests.utils import count_queries

PEOPLE = [
    page
    for page in yaml.safe_load((DATA_DIR / "02-people.yaml").read_text(encoding="utf-8"))["pages"]
    if page["type"] == "people.PersonPage"
]
REACHABLE = [person for person in PEOPLE if person.get("phone") or person.get("email")]
# The programme teams the seeds name without phone or e-mail (ESF+ Sozialstrategie, Thüringer Präventionsketten).
TEAMS = ["josefine-struening", "gernot-herzer", "rainer-vock", "heike-schaarschmidt"]


def card(html, slug):
    """The HTML of one person's card in the directory."""
    start = html.index(f'id="kontakt-{slug}"')
    return html[start : html.index("</article>", start)]


def test_directory_lists_each_person_once_with_phone_and_responsibility(client, demo_site):
    html = client.get("/kontakt/").content.decode()
    assert "Wer ist wofür zuständig?" in html and "Zuständigkeiten" in html
    for person in REACHABLE:
        slug, first, last, phone = person["slug"], person["first_name"], person["last_name"], person["phone"]
        responsibilities = [item["text"] for item in person.get("responsibilities", [])]
        assert html.count(f'id="kontakt-{slug}"') == 1, slug
        assert html.count(f'<a href="/team/{slug}/">') == 1, slug  # the card's name link; the table links to #anchors
        person_card = card(html, slug)
        assert f"{first} {last}</a>" in person_card
        assert f">{phone_display(phone)}</a>" in person_card
        digits = re.sub(r"\D", "", phone)[1:]
        assert f'href="tel:+49{digits}"' in person_card
        for text in responsibilities:
            assert text in person_card
    # Theresa Hilse-Carstensen is repeated five times in the seeds: one person, one card.
    assert PersonPage.objects.filter(last_name="Hilse-Carstensen").count() == 1
    # The institute lead comes first, with the question visitors from outside Thuringia have.
    cards = re.findall(r'id="kontakt-([a-z-]+)"', html)
    assert cards[0] == "joerg-fischer"
    assert "Für Anfragen außerhalb Thüringens" in card(html, "joerg-fischer")
    # The others follow A–Z.
    others = [
        person for person in PEOPLE if not person.get("is_lead") and (person in REACHABLE or person["slug"] in TEAMS)
    ]
    assert cards[1:] == [person["slug"] for person in sorted(others, key=lambda person: person["last_name"])]
    # Programme team members without phone or e-mail are listed with their programme, and nothing invented.
    herzer = card(html, "gernot-herzer")
    assert "Prozessbegleitung Sozialstrategierichtlinie (ESF+)" in herzer and "tel:" not in herzer
    assert "Dr. Gernot Herzer" in client.get("/team/").content.decode()


def test_directory_groups_by_responsibility(client, demo_site):
    html = client.get("/kontakt/").content.decode()
    table = html[html.index('<table class="responsibility-table">') : html.index("</table>")]
    row = next(r for r in table.split("<tr data-filter-item>") if "Sozialstrukturatlas" in r)
    assert 'href="#kontakt-kai-rompczyk"' in row
    # Responsibilities linked to the same topic page form one group: four people under "Armutsprävention".
    row = next(r for r in table.split("<tr data-filter-item>") if ">Armutsprävention</a>" in r)
    for slug in ("katrin-bauer", "laurence-frank", "theresa-hilse-carstensen", "stefan-huber", "jens-kretzschmar"):
        assert f'href="#kontakt-{slug}"' in row
    assert "Projektleitung und Prozessbegleitung Armutsprävention (ARM)" in row


@pytest.fixture
def directory(home):
    """The contact page and a team of two reachable people."""
    team = PeopleIndexPageFactory(parent=home)
    for first, last in (("Kai", "Rompczyk"), ("Erika", "Muster")):
        PersonPageFactory(
            parent=team, first_name=first, last_name=last, phone="0361 30257-699", email="test@ikpe-erfurt.de"
        )
    return ContactPageFactory(parent=home)


def test_filter_box_is_progressive_enhancement(client, directory):
    html = client.get("/kontakt/").content.decode()
    box = re.search(r'<div class="directory-filter"[^>]*>', html).group(0)
    assert " hidden" in box  # without JavaScript there is no useless box, just the full list
    assert '<label for="directory-filter-input">' in html and 'id="directory-filter-input"' in html
    assert '<script src="/static/js/people.js" defer></script>' in html
    assert "<script>" not in html  # no inline script (strict CSP)


@pytest.mark.parametrize("path", ["/kontakt/", "/team/", "/team/stefan-huber/", "/team/joerg-fischer/"])
def test_email_addresses_never_appear_in_plain_form(client, demo_site, path):
    html = client.get(path).content.decode()
    for text in ("@ikpe-erfurt.de", "mailto:", "%40ikpe", "&#64;", "&#x40;"):
        assert text not in html, text
    assert "stefan.huber [ät] ikpe-erfurt.de" in html or path == "/team/joerg-fischer/"
    # The encoded form is what people.js turns into a working mailto link.
    encoded = re.findall(r'data-email="([^"]+)"', html)
    addresses = {base64.b64decode(value).decode()[::-1] for value in encoded}
    assert "joerg.fischer@ikpe-erfurt.de" in addresses or path == "/team/stefan-huber/"


def test_contact_page_is_wired_into_home_and_settings(client, demo_site):
    from ikpe_site.core.models import HomePage, SiteSettings

    contact = ContactPage.objects.get()
    assert contact.url == "/kontakt/" and contact.show_in_menus
    assert HomePage.objects.get().contact_page_id == contact.pk
    assert SiteSettings.for_site(demo_site).contact_page_id == contact.pk
    assert 'href="/kontakt/"' in client.get("/").content.decode()


def test_contact_page_links_its_sub_pages(client, demo_site):
    html = client.get("/kontakt/").content.decode()
    children = ContactPage.objects.get().get_children().live()
    assert children.exists()  # the contact form of the feedback app
    for child in children:
        assert f'href="{child.url}"' in html


def test_topic_page_lists_its_contact_persons(client, demo_site):
    html = client.get("/themen/integrations-management-thilik/").content.decode()
    assert "Ansprechpartner*innen" not in html  # "Ihre Ansprechpersonen" or the one person's form of address
    assert re.search(r">Ihre? Ansprech(personen|partnerin|partner|person)</h2>", html)
    assert 'href="/team/stefan-huber/"' in html
    assert 'href="/team/katja-nicke/"' not in html


def test_drafts_are_not_listed(client, directory):
    assert "Rompczyk" in client.get("/kontakt/").content.decode()  # control: listed while published
    assert "Rompczyk" in client.get("/team/").content.decode()
    PersonPage.objects.get(slug="kai-rompczyk").unpublish()
    assert "Rompczyk" not in client.get("/kontakt/").content.decode()
    assert "Rompczyk" not in client.get("/team/").content.decode()


def make_people(index, number, topic, image):
    existing = PersonPage.objects.child_of(index).count()
    for n in range(existing, number):
        person = PersonPage(
            title=f"Person {n}",
            slug=f"person-{n}",
            first_name="Vorname",
            last_name=f"Name {n:03}",
            phone=f"0361 {n:05}",
            email=f"p{n}@example.org",
            photo=image,
            position="Referentin",
        )
        index.add_child(instance=person)
        Responsibility.objects.bulk_create(
            [
                Responsibility(person=person, text="Armutsprävention", page=topic, sort_order=0),
                Responsibility(person=person, text=f"Projekt {n % 7}", sort_order=1),
            ]
        )


def test_query_count_does_not_grow_with_people(client, home):
    from ikpe_site.core.models import TopicIndexPage, TopicPage
    from tests.factories import placeholder_image

    topics = home.add_child(instance=TopicIndexPage(title="Themen", slug="themen"))
    topic = topics.add_child(instance=TopicPage(title="Armutsprävention", slug="armutspraevention"))
    index = home.add_child(instance=PeopleIndexPage(title="Team", slug="team"))
    home.add_child(instance=ContactPage(title="Kontakt", slug="kontakt"))
    image = placeholder_image("Porträt", "Porträt-Platzhalter", text="P", size=(200, 200))
    make_people(index, 10, topic, image)
    urls = ["/kontakt/", "/team/", "/team/person-3/", "/themen/armutspraevention/"]

    def measure(url):
        for _ in range(2):  # warm up: the first request makes renditions, which invalidates the memo cache
            client.get(url)
        return count_queries(client, url)

    few = {url: measure(url)[1] for url in urls}
    make_people(index, 300, topic, image)
    for url in urls:
        response, many = measure(url)
        assert response.status_code == 200
        assert many == few[url], url
    html = client.get("/kontakt/").content.decode()
    assert html.count('class="person-card"') == 300
    assert few["/kontakt/"] <= 15
