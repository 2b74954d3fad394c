"""The main menu's grouping: sections in place of their pages, without moving a page or changing an address."""

from ikpe_site.core.templatetags.ikpe_tags import group_menu, menu_row


def item(slug, children=(), active=False):
    return {
        "pk": slug,
        "slug": slug,
        "title": slug.title(),
        "path": slug,
        "url": f"/{slug}/",
        "active": active,
        "current": False,
        "children": [item(child) for child in children],
    }


def test_groups_take_the_place_of_their_first_page_and_list_every_page():
    pages = [
        item("verein", ["satzung"]),
        item("team"),
        item("arbeitsbereiche"),
        item("projekte"),
        item("themen"),
        item("mein-landkreis", active=True),
        item("aktuelles"),
        item("termine"),
        item("publikationen"),
        item("kontakt"),
    ]
    row = group_menu(pages)
    assert [entry["title"] for entry in row] == [
        "Institut",
        "Projekte & Themen",
        "Aktuelles",
        "Termine",
        "Publikationen",
        "Kontakt",
    ]
    institute, projects = row[0], row[1]
    assert institute["url"] == "/verein/"  # the section's link where no script runs
    assert [(entry["url"], entry["nested"]) for entry in institute["children"]] == [
        ("/verein/", False),
        ("/satzung/", True),
        ("/team/", False),
        ("/arbeitsbereiche/", False),
    ]
    assert [entry["url"] for entry in projects["children"]] == ["/projekte/", "/themen/", "/mein-landkreis/"]
    assert projects["active"] and not institute["active"]
    assert row[2]["children"] == []  # a page without menu children stays a plain link


def test_members_stand_alone_without_their_lead_page_and_new_pages_join_the_row():
    row = group_menu([item("team"), item("projekte"), item("themen"), item("presse")])
    assert [entry["title"] for entry in row] == ["Team", "Projekte & Themen", "Presse"]
    assert row[0]["url"] == "/team/" and row[0]["children"] == []


def test_a_long_menu_keeps_seven_places_the_last_one_more():
    items = group_menu([item(f"seite-{n}") for n in range(9)])
    row = menu_row(items)
    assert len(row) == 7 and row[-1]["title"] == "Mehr"
    assert [entry["url"] for entry in row[-1]["children"]] == ["/seite-6/", "/seite-7/", "/seite-8/"]
    assert menu_row(items[:7]) == items[:7]  # seven fit without a "More"
