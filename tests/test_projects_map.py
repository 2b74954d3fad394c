"""The "Mein Landkreis" tile map: one linked tile per district, programmes by pattern, bounded queries."""

import re

import pytest

from projects.district_map import LAYOUT, label_lines
from projects.models import District, DistrictIndexPage, ProjectIndexPage
from tests.test_projects_pages import add, make_project
from tests.utils import count_queries


@pytest.fixture
def region(home):
    return {
        "index": add(home, ProjectIndexPage(title="Projekte", slug="projekte")),
        "districts": add(home, DistrictIndexPage(title="Mein Landkreis", slug="mein-landkreis")),
    }


def _svg(html):
    return html.split("<svg viewBox=")[1].split("</svg>\n        </div>")[0]


def _links(svg):
    return re.findall(r'<a href="([^"]+)" aria-label="([^"]+)" class="([^"]+)">', svg)


def test_layout_places_every_current_district_once(db):
    current = District.objects.filter(active_until__isnull=True)
    assert set(LAYOUT) == set(current.values_list("official_key", flat=True))
    assert len(set(LAYOUT.values())) == len(LAYOUT) == 22


def test_label_lines_break_after_hyphens_and_at_spaces():
    assert label_lines("Saale-Holzland-Kreis") == ["Saale-", "Holzland-Kreis"]
    assert label_lines("Altenburger Land") == ["Altenburger", "Land"]
    assert label_lines("Gotha") == ["Gotha"]
    assert label_lines("Unstrut-Hainich-Kreis") == ["Unstrut-", "Hainich-Kreis"]


def test_every_district_is_a_linked_tile_named_after_it(client, region):
    html = client.get("/mein-landkreis/").content.decode()
    links = _links(_svg(html))
    tiles = [(href, label) for href, label, cls in links if "district-tile" in cls]
    assert len(tiles) == 22
    for district in District.objects.filter(active_until__isnull=True):
        assert (f"/mein-landkreis/{district.slug}/", district.full_name) in tiles
    cities = [(href, label) for href, label, cls in links if cls == "district-city"]
    assert cities == [("/mein-landkreis/eisenach/", "Stadt Eisenach (kreisfreie Stadt bis 2021)")]
    # Eisenach is drawn inside the Wartburgkreis tile, right after it.
    hrefs = [href for href, _label, _cls in links]
    assert hrefs.index("/mein-landkreis/eisenach/") == hrefs.index("/mein-landkreis/wartburgkreis/") + 1
    # The list of districts stays as the text alternative, and the map can be skipped to it.
    assert 'href="#district-list"' in html and 'id="district-list"' in html
    assert "css/map.css" in html


def test_programmes_appear_by_pattern_in_tiles_legend_and_list(client, region):
    jena, gotha, eisenach = (District.objects.get(slug=slug) for slug in ("jena", "gotha", "eisenach"))
    make_project(region["index"], "arm", short_name="ARM", districts=[jena, gotha, eisenach])
    make_project(region["index"], "lsz", short_name="LSZ", districts=[jena])
    make_project(region["index"], "entwurf", short_name="ENTWURF", districts=[gotha]).unpublish()
    make_project(region["index"], "ohne", short_name="OHNE")
    html = client.get("/mein-landkreis/").content.decode()
    svg = _svg(html)
    legend = html.split('class="map-legend"')[1].split("</ul>")[0]
    entries = re.findall(r'url\(#(programme-\d)\)"/></svg>\s*<span><a href="[^"]+">(\w+): ', legend)
    patterns = {name: pid for pid, name in entries}
    assert set(patterns) == {"ARM", "LSZ"} and len(set(patterns.values())) == 2  # no draft, none without districts
    assert svg.count("<pattern ") == 2

    def tile(slug):
        return svg.split(f'<a href="/mein-landkreis/{slug}/"')[1].split("</a>")[0]

    assert re.findall(r"url\(#(programme-\d)\)", tile("jena")) == [patterns["ARM"], patterns["LSZ"]]
    assert 'aria-label="Landkreis Gotha: ARM"' in svg and "is-active" in tile("gotha")
    assert "url(#" not in tile("erfurt") and 'aria-label="Stadt Erfurt"' in svg
    assert 'aria-label="Stadt Eisenach (kreisfreie Stadt bis 2021): ARM"' in svg
    jena_item = html.split('href="/mein-landkreis/jena/">Jena</a>')[1].split("</li>")[0]
    assert "(ARM, LSZ)" in jena_item


def test_map_queries_do_not_grow_with_projects(client, region, django_assert_max_num_queries):
    districts = list(District.objects.all())

    def projects(start, stop):
        for number in range(start, stop):
            make_project(region["index"], f"p-{number}", districts=districts[number % 5 :: 3])

    projects(0, 2)
    for _ in range(2):  # warm the site settings and menu caches
        client.get("/mein-landkreis/")
    _, few = count_queries(client, "/mein-landkreis/")
    projects(2, 20)
    client.get("/mein-landkreis/")
    _, many = count_queries(client, "/mein-landkreis/")
    with django_assert_max_num_queries(8):
        html = client.get("/mein-landkreis/").content.decode()
    assert _svg(html).count("<pattern ") == 20
    assert many == few
