"""German that an editor would sign off: a contact's form of address, each district's "in …" phrase, and
catalogs without doubled sentences."""

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from events.models import BERLIN, EventIndexPage, EventPage
from ikpe_site.core.models import TopicIndexPage, TopicPage
from people.models import PeopleIndexPage, PersonPage, Responsibility, contact_heading
from projects.models import District, DistrictIndexPage, ProjectIndexPage
from tests.test_projects_pages import add, make_project

HEADINGS = {"female": "Ihre Ansprechpartnerin", "male": "Ihr Ansprechpartner", "": "Ihre Ansprechperson"}
CONTACT_FOR = {"female": "Ansprechpartnerin für", "male": "Ansprechpartner für", "": "Ansprechperson für"}

# Every district of the District table with the phrase a German text uses after "Unsere Projekte".
IN_PHRASES = {
    "altenburger-land": "im Altenburger Land",
    "eichsfeld": "im Landkreis Eichsfeld",
    "gotha": "im Landkreis Gotha",
    "greiz": "im Landkreis Greiz",
    "hildburghausen": "im Landkreis Hildburghausen",
    "ilm-kreis": "im Ilm-Kreis",
    "kyffhaeuserkreis": "im Kyffhäuserkreis",
    "nordhausen": "im Landkreis Nordhausen",
    "saale-holzland-kreis": "im Saale-Holzland-Kreis",
    "saale-orla-kreis": "im Saale-Orla-Kreis",
    "saalfeld-rudolstadt": "im Landkreis Saalfeld-Rudolstadt",
    "schmalkalden-meiningen": "im Landkreis Schmalkalden-Meiningen",
    "soemmerda": "im Landkreis Sömmerda",
    "sonneberg": "im Landkreis Sonneberg",
    "unstrut-hainich-kreis": "im Unstrut-Hainich-Kreis",
    "wartburgkreis": "im Wartburgkreis",
    "weimarer-land": "im Weimarer Land",
    "erfurt": "in Erfurt",
    "gera": "in Gera",
    "jena": "in Jena",
    "suhl": "in Suhl",
    "weimar": "in Weimar",
    "eisenach": "in Eisenach",
}


def person(gender, slug="kim-lehmann"):
    first, last = slug.split("-")
    return PersonPage(
        title=f"{first.title()} {last.title()}",
        slug=slug,
        first_name=first.title(),
        last_name=last.title(),
        grammatical_gender=gender,
    )


@pytest.mark.parametrize("gender", ["female", "male", ""])
def test_contact_heading_follows_the_form_of_address(gender):
    with translation.override("de"):
        assert person(gender).contact_heading == HEADINGS[gender]
        assert person(gender).contact_for_label == CONTACT_FOR[gender]
        assert contact_heading([person(gender)]) == HEADINGS[gender]
        assert contact_heading([person("female"), person("male")]) == "Ihre Ansprechpersonen"


@pytest.fixture
def tree(home):
    team = add(home, PeopleIndexPage(title="Team", slug="team"))
    people = {
        gender: add(team, person(gender, slug))
        for gender, slug in (("female", "anna-berg"), ("male", "paul-krause"), ("", "kim-lehmann"))
    }
    return {
        "home": home,
        "team": team,
        "people": people,
        "projects": add(home, ProjectIndexPage(title="Projekte", slug="projekte")),
        "events": add(home, EventIndexPage(title="Termine", slug="termine")),
        "districts": add(home, DistrictIndexPage(title="Mein Landkreis", slug="mein-landkreis")),
    }


@pytest.mark.parametrize("gender", ["female", "male", ""])
def test_project_event_district_and_topic_pages_address_the_contact_correctly(client, tree, gender):
    contact = tree["people"][gender]
    wrong = [text for key, text in HEADINGS.items() if key != gender]
    gotha = District.objects.get(slug="gotha")
    project = make_project(tree["projects"], "projekt", contact_person=contact, districts=[gotha])
    start = datetime(2030, 5, 4, 10, tzinfo=BERLIN)
    event = add(
        tree["events"],
        EventPage(title="Fachtag", slug="fachtag", start=start, end=start + timedelta(hours=2), contact_person=contact),
    )
    topic = add(
        add(tree["home"], TopicIndexPage(title="Themen", slug="themen")),
        TopicPage(title="Sozialplanung", slug="sozialplanung"),
    )
    Responsibility.objects.create(person=contact, page=topic, text="Sozialplanung")

    for url in (project.url, event.url, topic.url, "/mein-landkreis/gotha/"):
        html = client.get(url).content.decode()
        assert f">{HEADINGS[gender]}</h2>" in html, url
        assert not any(f">{text}</h2>" in html for text in wrong), url
    district = client.get("/mein-landkreis/gotha/").content.decode()
    assert f'{CONTACT_FOR[gender]}: <a href="{project.url}">' in district

    # Several contacts: the neutral plural, whatever their forms of address.
    other = tree["people"]["male" if gender == "female" else "female"]
    make_project(tree["projects"], "zweites-projekt", contact_person=other, districts=[gotha])
    Responsibility.objects.create(person=other, page=topic, text="Sozialplanung")
    for url in (topic.url, "/mein-landkreis/gotha/"):
        assert ">Ihre Ansprechpersonen</h2>" in client.get(url).content.decode(), url


def test_every_district_has_its_phrase(client, tree):
    assert set(District.objects.values_list("slug", flat=True)) == set(IN_PHRASES)
    for district in District.objects.all():
        expected = IN_PHRASES[district.slug]
        assert district.in_phrase == expected, district.slug
        html = client.get(f"/mein-landkreis/{district.slug}/").content.decode()
        assert f"Unsere Projekte {expected}</h2>" in html, district.slug
        assert f"Derzeit gibt es kein Projekt {expected}." in html, district.slug
        assert f'des IKPE {expected}."' in html, district.slug
        if expected.startswith("im "):
            assert f" in {district.name}" not in html, district.slug
    assert not re.search(
        r"Projekte in (Kyffhäuserkreis|Wartburgkreis|Eichsfeld|Weimarer Land)",
        client.get("/mein-landkreis/kyffhaeuserkreis/").content.decode(),
    )


def test_an_editors_phrase_wins(client, tree):
    District.objects.filter(slug="eichsfeld").update(locative="im Eichsfeld")
    assert "Unsere Projekte im Eichsfeld</h2>" in client.get("/mein-landkreis/eichsfeld/").content.decode()


def test_new_fields_have_german_labels():
    with translation.override("de"):
        assert str(PersonPage._meta.get_field("grammatical_gender").verbose_name) == "Anrede"
        assert [str(label) for _, label in PersonPage.Gender.choices] == [
            "weiblich („Ansprechpartnerin“)",
            "männlich („Ansprechpartner“)",
            "neutral („Ansprechperson“)",
        ]
        assert str(District._meta.get_field("locative").verbose_name) == "Wendung für „in …“"
        for model in ("news.NewsPage", "events.EventPage"):
            from django.apps import apps

            field = apps.get_model(model)._meta.get_field("date_precision")
            assert str(field.verbose_name) == "Genauigkeit des Datums"
            assert str(field.help_text).startswith("Nur Monat oder Jahr")
            assert [str(label) for _, label in field.choices] == [
                "Tag",
                "Monat",
                "Jahr",
                "unbekannt (kein Datum angezeigt)",
            ]


def catalogs():
    base = Path(settings.BASE_DIR)
    return sorted(path for path in base.glob("*/locale/de/LC_MESSAGES/django.po")) + sorted(
        base.glob("ikpe_site/locale/de/LC_MESSAGES/django.po")
    )


def test_no_translation_says_the_same_thing_twice():
    """A msgstr pasted twice (once on one line, once wrapped) showed every sentence twice on /termine/."""
    assert catalogs()
    for path in catalogs():
        text = path.read_text()
        for match in re.finditer(r'msgstr(?:\[\d\])? "(.*)"((?:\n".*")*)', text):
            value = match.group(1) + "".join(re.findall(r'"(.*)"', match.group(2)))
            half = len(value) // 2
            assert not (len(value) > 10 and value[:half] == value[half:]), (path, value[:60])


def test_events_page_says_each_sentence_once(client, tree):
    html = client.get("/termine/").content.decode()
    sentence = "Zurzeit stehen keine Termine an."
    assert html.count(sentence) == 1
    assert html.count("zeigen neue und geänderte Termine dann von selbst an.") == 1


def test_search_buttons_say_what_they_do(client, home):
    """The header's and the search page's buttons read "Suchen", like the 404 page's; the link stays "Suche"."""
    html = client.get("/suche/").content.decode()
    buttons = re.findall(r'<button type="submit">([^<]*)</button>', html)
    assert buttons == ["Suchen", "Suchen"], buttons
    assert '<a class="search-link" href="/suche/">Suche</a>' in html
