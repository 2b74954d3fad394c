import datetime
from zoneinfo import ZoneInfo

import pytest

from people.models import PeopleIndexPage
from projects.models import District, DistrictIndexPage, ProjectIndexPage, ProjectPage
from tests.test_projects_pages import add, make_person, make_project
from tests.utils import count_queries

LANDKREISE = {
    "Altenburger Land",
    "Eichsfeld",
    "Gotha",
    "Greiz",
    "Hildburghausen",
    "Ilm-Kreis",
    "Kyffhäuserkreis",
    "Nordhausen",
    "Saale-Holzland-Kreis",
    "Saale-Orla-Kreis",
    "Saalfeld-Rudolstadt",
    "Schmalkalden-Meiningen",
    "Sömmerda",
    "Sonneberg",
    "Unstrut-Hainich-Kreis",
    "Wartburgkreis",
    "Weimarer Land",
}
KREISFREIE_STAEDTE = {"Erfurt", "Gera", "Jena", "Suhl", "Weimar"}
BERLIN = ZoneInfo("Europe/Berlin")


def test_districts_are_data_17_landkreise_5_cities_and_eisenach(db, freeze_clock):
    """The migration loads them: production has them without any demo content."""
    current = District.objects.filter(active_until__isnull=True)
    assert set(current.filter(kind=District.Kind.RURAL_DISTRICT).values_list("name", flat=True)) == LANDKREISE
    assert set(current.filter(kind=District.Kind.INDEPENDENT_CITY).values_list("name", flat=True)) == KREISFREIE_STAEDTE
    eisenach = District.objects.get(slug="eisenach")
    assert eisenach.kind == District.Kind.INDEPENDENT_CITY
    assert eisenach.active_until == datetime.date(2021, 6, 30) and not eisenach.is_active
    assert eisenach.successor.name == "Wartburgkreis"
    assert District.objects.count() == 23
    keys = list(District.objects.values_list("official_key", flat=True))
    assert len(set(keys)) == 23 and all(key.startswith("160") and len(key) == 5 for key in keys)
    assert len(current) == 22 and all(district.is_active for district in current)
    # Eisenach joined the Wartburgkreis on 1 July 2021: active through 30 June, in Berlin time.
    freeze_clock(datetime.datetime(2021, 6, 30, 23, 30, tzinfo=BERLIN))
    assert eisenach.is_active
    freeze_clock(datetime.datetime(2021, 7, 1, 0, 30, tzinfo=BERLIN))
    assert not eisenach.is_active


def test_district_full_names():
    assert District(name="Gotha", kind="rural_district").full_name == "Landkreis Gotha"
    assert District(name="Wartburgkreis", kind="rural_district").full_name == "Wartburgkreis"
    assert District(name="Ilm-Kreis", kind="rural_district").full_name == "Ilm-Kreis"
    assert District(name="Jena", kind="independent_city").full_name == "Stadt Jena"


@pytest.fixture
def region(home):
    index = add(home, ProjectIndexPage(title="Projekte", slug="projekte"))
    districts = add(home, DistrictIndexPage(title="Mein Landkreis", slug="mein-landkreis"))
    team = add(home, PeopleIndexPage(title="Team", slug="team"))
    return {"index": index, "districts": districts, "team": team}


def test_overview_lists_all_districts_grouped_by_kind(client, region):
    jena = District.objects.get(slug="jena")
    make_project(region["index"], "a", districts=[jena])
    make_project(region["index"], "b", districts=[jena])
    draft = make_project(region["index"], "c", districts=[jena])
    draft.unpublish()
    html = client.get("/mein-landkreis/").content.decode()
    landkreise, cities = html.split("<h2>Landkreise</h2>")[1].split("<h2>Kreisfreie Städte</h2>")
    assert all(f">{name}</a>" in landkreise for name in LANDKREISE)
    assert all(f">{name}</a>" in cities for name in KREISFREIE_STAEDTE | {"Eisenach"})
    jena_item = cities.split('href="/mein-landkreis/jena/">Jena</a>')[1].split("</li>")[0]
    assert "2 Projekte" in jena_item  # drafts do not count


def test_district_page_gathers_projects_and_contacts(client, region):
    huber, hilse = make_person(region["team"], "stefan-huber"), make_person(region["team"], "theresa-hilse")
    jena, gotha = District.objects.get(slug="jena"), District.objects.get(slug="gotha")
    make_project(region["index"], "arm", title="Armutsprävention", districts=[jena, gotha], contact_person=huber)
    make_project(region["index"], "lsz", title="Generationen", districts=[gotha], contact_person=hilse)
    response = client.get("/mein-landkreis/jena/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Stadt Jena</h1>" in html and "<title>Stadt Jena – Mein Landkreis" in html
    assert "Armutsprävention" in html and "Generationen" not in html
    contacts = html.split('id="district-contacts"')[1]
    assert "Stefan Huber" in contacts and "Theresa Hilse" not in contacts


def test_former_city_points_to_its_successor(client, region):
    html = client.get("/mein-landkreis/eisenach/").content.decode()
    assert "Kreisfreie Stadt bis zum 30. Juni 2021" in html
    assert 'href="/mein-landkreis/wartburgkreis/"' in html
    html = client.get("/mein-landkreis/wartburgkreis/").content.decode()
    assert 'href="/mein-landkreis/eisenach/"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/mein-landkreis/gibt-es-nicht/",
        "/mein-landkreis/%00/",
        "/mein-landkreis/jena/x/",
        "/mein-landkreis/" + "a" * 300 + "/",
    ],
)
def test_unknown_district_is_404(client, region, path):
    assert client.get(path).status_code == 404


def test_district_page_query_count_does_not_grow(client, region):
    jena = District.objects.get(slug="jena")
    people = [make_person(region["team"], f"person-{number}") for number in range(3)]

    def projects(start, stop):
        for number in range(start, stop):
            make_project(region["index"], f"p-{number}", districts=[jena], contact_person=people[number % 3])

    projects(0, 2)
    for _ in range(2):  # the first request also creates the site settings, which invalidates the cache once more
        client.get("/mein-landkreis/jena/")
    _, few = count_queries(client, "/mein-landkreis/jena/")
    projects(2, 20)
    client.get("/mein-landkreis/jena/")  # publishing pages invalidates the cached menu: warm it up again
    response, many = count_queries(client, "/mein-landkreis/jena/")
    assert response.content.decode().count('class="teaser-title"') >= 20
    assert many == few


def test_sitemap_lists_every_district(client, region):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/mein-landkreis/jena/</loc>" in xml and "/mein-landkreis/eisenach/</loc>" in xml
    assert xml.count("/mein-landkreis/") == District.objects.count() + 1


def test_related_sections_receive_the_district(client, region):
    """Other apps add news, publications and events for a district through the `ikpe_related_sections` hook."""
    from wagtail import hooks

    seen = []

    def hook(page, request):
        seen.append(page)
        if isinstance(page, District):
            return [
                {
                    "title": "Neuigkeiten aus dem Landkreis",
                    "items": list(ProjectPage.objects.all()),
                    "more_url": "/aktuelles/?landkreis=jena",
                    "more_label": "Alle Neuigkeiten",
                }
            ]
        return []

    make_project(region["index"], "a", title="Ein Projekt")
    with hooks.register_temporarily("ikpe_related_sections", hook):
        html = client.get("/mein-landkreis/jena/").content.decode()
    assert seen == [District.objects.get(slug="jena")]
    assert "Neuigkeiten aus dem Landkreis" in html and 'href="/aktuelles/?landkreis=jena"' in html
