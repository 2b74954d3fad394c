import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from ikpe_site.core.models import HomePage, StandardPage, TopicIndexPage, TopicPage
from people.models import PeopleIndexPage, PersonPage, Responsibility
from projects.models import (
    District,
    DistrictIndexPage,
    Funder,
    ProjectIndexPage,
    ProjectMembership,
    ProjectPage,
    ProjectStatus,
)
from tests.utils import count_queries

# Half past midnight in Berlin is still the day before in UTC: the status must follow the Berlin date.
TODAY = datetime.date(2026, 6, 15)
NOW = datetime.datetime.combine(TODAY, datetime.time(0, 30), tzinfo=ZoneInfo("Europe/Berlin"))
LAST_YEAR = TODAY - datetime.timedelta(days=365)
NEXT_YEAR = TODAY + datetime.timedelta(days=365)


def add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_project(index, slug, **fields):
    fields.setdefault("title", slug.replace("-", " ").title())
    fields.setdefault("short_name", slug.upper()[:10])
    return add(index, ProjectPage(slug=slug, **fields))


def make_person(team, slug):
    first, last = slug.split("-", 1)
    return add(
        team,
        PersonPage(
            title=f"{first.title()} {last.title()}", slug=slug, first_name=first.title(), last_name=last.title()
        ),
    )


@pytest.fixture
def tree(home):
    topics = add(home, TopicIndexPage(title="Unsere Themen", slug="themen"))
    team = add(home, PeopleIndexPage(title="Team", slug="team"))
    return {
        "home": home,
        "index": add(home, ProjectIndexPage(title="Projekte", slug="projekte")),
        "districts": add(home, DistrictIndexPage(title="Mein Landkreis", slug="mein-landkreis")),
        "team": team,
        "poverty": add(topics, TopicPage(title="Armutsprävention", slug="armutspraevention")),
        "networks": add(topics, TopicPage(title="Netzwerke", slug="netzwerke")),
    }


def test_page_tree_rules():
    assert ProjectIndexPage.allowed_parent_page_models() == [HomePage]
    assert ProjectIndexPage.allowed_subpage_models() == [ProjectPage]
    assert ProjectIndexPage.max_count == 1
    assert ProjectPage.allowed_parent_page_models() == [ProjectIndexPage]
    assert ProjectPage.allowed_subpage_models() == []
    assert DistrictIndexPage.allowed_parent_page_models() == [HomePage]
    assert DistrictIndexPage.allowed_subpage_models() == []
    assert DistrictIndexPage.max_count == 1


def test_without_start_or_end_the_status_is_unknown(tree):
    project = make_project(tree["index"], "p")
    assert project.status == "" and project.status_label == ""
    assert not ProjectPage.objects.running().exists() and not ProjectPage.objects.completed().exists()


@pytest.mark.parametrize(
    ("start", "end", "override", "expected"),
    [
        (LAST_YEAR, None, "", ProjectStatus.RUNNING),
        (LAST_YEAR, NEXT_YEAR, "", ProjectStatus.RUNNING),
        (LAST_YEAR, TODAY, "", ProjectStatus.RUNNING),  # the last day still counts
        (LAST_YEAR, TODAY - datetime.timedelta(days=1), "", ProjectStatus.COMPLETED),
        (LAST_YEAR, None, ProjectStatus.COMPLETED, ProjectStatus.COMPLETED),
        (LAST_YEAR, LAST_YEAR, ProjectStatus.RUNNING, ProjectStatus.RUNNING),
    ],
)
def test_status_is_derived_from_the_period_unless_overridden(tree, start, end, override, expected, freeze_clock):
    freeze_clock(NOW)
    project = make_project(tree["index"], "p", start_date=start, end_date=end, status_override=override)
    assert project.status == expected
    # The database filter agrees with the property.
    assert list(ProjectPage.objects.with_status(expected)) == [project]
    other = ProjectStatus.COMPLETED if expected == ProjectStatus.RUNNING else ProjectStatus.RUNNING
    assert not ProjectPage.objects.with_status(other).exists()


def test_period_texts(settings):
    settings.LANGUAGE_CODE = "de"
    assert ProjectPage(start_date=datetime.date(2015, 1, 1), end_date=datetime.date(2020, 12, 31)).period == "2015–2020"
    assert (
        ProjectPage(start_date=datetime.date(2023, 9, 1), end_date=datetime.date(2025, 12, 31)).period
        == "September 2023 – Dezember 2025"
    )
    assert ProjectPage(start_date=datetime.date(2022, 9, 1)).period == "seit September 2022"
    assert ProjectPage().period == ""


def test_end_before_start_is_rejected(tree):
    from django.core.exceptions import ValidationError

    project = ProjectPage(title="X", slug="x", short_name="X", start_date=TODAY, end_date=LAST_YEAR)
    with pytest.raises(ValidationError):
        project.full_clean()


@pytest.fixture
def two_projects(tree):
    """Two projects that share nothing: each page must show only its own team, districts and funders."""
    team = tree["team"]
    huber, bauer, vock = (make_person(team, slug) for slug in ("stefan-huber", "katrin-bauer", "rainer-vock"))
    jena, gotha = District.objects.get(slug="jena"), District.objects.get(slug="gotha")
    auridis = Funder.objects.create(name="Auridis Stiftung", url="https://www.auridis.de/", is_client=True)
    esf = Funder.objects.create(name="ESF Plus")
    arm = make_project(
        tree["index"],
        "arm",
        title="Armutsprävention",
        short_name="ARM",
        start_date=LAST_YEAR,
        districts=[jena],
        funders=[auridis],
        topics=[tree["poverty"]],
        contact_person=huber,
        districts_confirmed_on=datetime.date(2019, 4, 1),
        memberships=[
            ProjectMembership(person=huber, role="Projektleitung", is_lead=True),
            ProjectMembership(person=bauer, role="Prozessbegleitung", end_date=LAST_YEAR),
        ],
    )
    lsz = make_project(
        tree["index"],
        "lsz",
        title="Generationen",
        short_name="LSZ",
        start_date=LAST_YEAR,
        end_date=LAST_YEAR + datetime.timedelta(days=30),
        districts=[gotha],
        funders=[esf],
        topics=[tree["networks"]],
        memberships=[ProjectMembership(person=vock, role="Beratung")],
    )
    return {"arm": arm, "lsz": lsz, "huber": huber, "bauer": bauer, "vock": vock}


def test_project_page_shows_only_its_own_items(client, two_projects):
    response = client.get("/projekte/arm/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Armutsprävention</h1>" in html
    assert "Projektleitung" in html and ">Stefan Huber</a>" in html
    assert ">Jena</a>" in html and 'href="/mein-landkreis/jena/"' in html
    assert "Stand April 2019" in html  # German catalogue and the confirmed date
    assert "Auridis Stiftung" in html and "laufend" in html
    for foreign in ("Rainer Vock", "Gotha", "ESF Plus", "Netzwerke"):
        assert foreign not in html
    # Former members are listed apart from the current team.
    current, former = html.split("Ehemalige Teammitglieder")
    assert "Stefan Huber" in current and "Katrin Bauer" not in current.split('id="team-heading"')[1]
    assert "Katrin Bauer" in former


def test_the_contact_person_appears_once(client, two_projects):
    """A person responsible for the project who is also its contact is shown once, in the contact box."""
    huber, vock = two_projects["huber"], two_projects["vock"]
    for person in (huber, vock):
        Responsibility.objects.create(person=person, text="Armutsprävention", page=two_projects["arm"])
    html = client.get("/projekte/arm/").content.decode()
    assert html.count('href="/team/stefan-huber/"') == 3  # project lead, team list, contact box: no teaser
    assert "Ihre Ansprechperson</h2>" in html  # the contact box
    further = html.split("Weitere Ansprechpersonen")[1]
    assert "Rainer Vock" in further and "Stefan Huber" not in further


def test_districts_are_grouped_by_kind(client, tree):
    make_project(tree["index"], "p", districts=list(District.objects.filter(slug__in=["jena", "gotha", "eisenach"])))
    html = client.get("/projekte/p/").content.decode()
    landkreise, cities = html.split("<h3>Landkreise</h3>")[1].split("<h3>Kreisfreie Städte</h3>")
    assert "Gotha" in landkreise and "Jena" not in landkreise
    assert "Jena" in cities and "Eisenach" in cities and "kreisfrei bis 2021" in cities


def test_project_page_query_count_does_not_grow(client, tree):
    team = tree["team"]
    people = [make_person(team, f"person-{number}") for number in range(5)]
    project = make_project(tree["index"], "gross", start_date=LAST_YEAR, contact_person=people[0])

    def grow(count):
        start = ProjectMembership.objects.filter(project=project).count()
        ProjectMembership.objects.bulk_create(
            ProjectMembership(
                project=project,
                person=people[number % 5],
                role=f"Rolle {number}",
                end_date=LAST_YEAR if number % 3 == 0 else None,
                sort_order=number,
            )
            for number in range(start, count)
        )
        existing = District.objects.count()
        districts = District.objects.bulk_create(
            District(name=f"Testkreis {number}", slug=f"testkreis-{number}", kind="rural_district")
            for number in range(existing, existing + count - project.districts.count())
        )
        project.districts.add(*districts)
        funders = Funder.objects.bulk_create(
            Funder(name=f"Förderer {number}", url="https://example.org/")
            for number in range(project.funders.count(), count)
        )
        project.funders.add(*funders)
        topics = [
            add(tree["poverty"].get_parent(), TopicPage(title=f"Thema {number}", slug=f"thema-{number}"))
            for number in range(project.topics.count(), count // 10)
        ]
        project.topics.add(*topics)
        project.save()  # parental many-to-many relations are written on save

    grow(5)
    for _ in range(2):  # the first request also creates the site settings, which invalidates the cache once more
        client.get("/projekte/gross/")
    response, few = count_queries(client, "/projekte/gross/")
    assert response.status_code == 200
    grow(500)
    client.get("/projekte/gross/")
    response, many = count_queries(client, "/projekte/gross/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rolle 499" in html and "Testkreis 400" in html and "Förderer 499" in html
    assert many == few, (few, many)


def test_json_ld_research_project_is_escaped(client, two_projects):
    arm = two_projects["arm"]
    arm.full_title = "Armut </script><script>alert(1)</script> & mehr"
    arm.save_revision().publish()
    html = client.get("/projekte/arm/").content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    projects = [json.loads(script) for script in scripts if '"ResearchProject"' in script]
    assert len(projects) == 1
    assert "<script>alert" not in html
    data = projects[0]
    assert data["@type"] == "ResearchProject"
    assert "Armut </script><script>alert(1)</script> & mehr" in data["alternateName"]
    assert data["funder"] == [{"@type": "Organization", "name": "Auridis Stiftung", "url": "https://www.auridis.de/"}]
    assert {"@type": "GovernmentOrganization", "name": "Stadt Jena"} in data["member"]
    assert data["foundingDate"] == LAST_YEAR.isoformat()


def listing_titles(html):
    return re.findall(r'class="teaser-title"><a href="[^"]*">([^<]+)</a>', html)


@pytest.fixture
def listing(tree):
    make_project(tree["index"], "laeuft", title="Läuft", start_date=LAST_YEAR, topics=[tree["poverty"]])
    make_project(
        tree["index"],
        "fertig",
        title="Fertig",
        start_date=LAST_YEAR,
        end_date=LAST_YEAR + datetime.timedelta(days=10),
        topics=[tree["networks"]],
    )
    make_project(tree["index"], "offen", title="Offen", topics=[tree["poverty"], tree["networks"]])
    draft = make_project(tree["index"], "entwurf", title="Entwurf")
    draft.unpublish()
    private = make_project(tree["index"], "intern", title="Intern")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return tree


def test_listing_filters_by_status_and_topic(client, listing):
    # "Offen" has neither start nor end: its status is unknown, neither running nor completed.
    assert listing_titles(client.get("/projekte/").content.decode()) == ["Läuft", "Fertig", "Offen"]
    assert listing_titles(client.get("/projekte/?status=laufend").content.decode()) == ["Läuft"]
    assert listing_titles(client.get("/projekte/?status=abgeschlossen").content.decode()) == ["Fertig"]
    assert listing_titles(client.get("/projekte/?thema=netzwerke").content.decode()) == ["Fertig", "Offen"]
    offen = client.get("/projekte/offen/").content.decode()
    assert "laufend" not in offen and "abgeschlossen" not in offen
    html = client.get("/projekte/?status=abgeschlossen&thema=netzwerke").content.decode()
    assert listing_titles(html) == ["Fertig"]
    assert '<option value="abgeschlossen" selected>' in html  # the form keeps the choice


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("status=kaputt", 404),
        ("status=", 200),
        ("thema=gibt-es-nicht", 404),
        ("thema=%00", 404),
        ("thema=%27%3B--", 404),
        ("status=laufend%00", 404),
        ("thema=" + "x" * 5000, 404),
        ("page=abc", 404),
        ("page=-1", 404),
        ("page=99999", 404),
        ("thema[]=1", 200),
        ("status=%F0%9F%98%80", 404),
    ],
)
def test_bad_filter_values_give_404_never_500(client, listing, query, status):
    """core/listing.py (issue 18): unknown values are a 404, no longer dropped silently."""
    response = client.get(f"/projekte/?{query}")
    assert response.status_code == status
    if status == 200:
        assert len(listing_titles(response.content.decode())) >= 1


def test_listing_query_count_does_not_grow(client, tree):
    for number in range(2):
        make_project(tree["index"], f"a-{number}", topics=[tree["poverty"]])
    for _ in range(2):  # the first request also creates the site settings, which invalidates the cache once more
        client.get("/projekte/?thema=armutspraevention")
    _, few = count_queries(client, "/projekte/?thema=armutspraevention")
    for number in range(2, 12):
        make_project(tree["index"], f"a-{number}", topics=[tree["poverty"]])
    client.get("/projekte/?thema=armutspraevention")  # publishing invalidates the cached menu: warm it up again
    response, many = count_queries(client, "/projekte/?thema=armutspraevention")
    assert len(listing_titles(response.content.decode())) == 12
    assert many == few


def test_topic_page_collects_its_projects(client, two_projects):
    html = client.get("/themen/armutspraevention/").content.decode()
    section = html.split(">Projekte</h2>")[1]
    assert "Armutsprävention" in section and "ARM · laufend" in section
    assert "Generationen" not in section
    assert 'href="/projekte/?thema=armutspraevention"' in section


def test_person_page_lists_projects_current_roles_first(client, two_projects):
    huber, bauer = two_projects["huber"], two_projects["bauer"]
    # Bauer also works in LSZ, which has ended; her ARM role ended last year as well. Huber leads ARM.
    lsz = two_projects["lsz"]
    lsz.memberships.add(ProjectMembership(person=bauer, role="Auswertung"))
    lsz.save_revision().publish()
    running = make_project(
        ProjectIndexPage.objects.get(),
        "neu",
        title="Neues Projekt",
        start_date=LAST_YEAR,
        memberships=[ProjectMembership(person=bauer, role="Analyse")],
    )
    assert running.status == ProjectStatus.RUNNING
    html = client.get(bauer.url).content.decode()
    section = html.split(">Projekte</h2>")[1]
    assert listing_titles(section)[:3] == ["Neues Projekt", "Armutsprävention", "Generationen"]
    assert "ehemals im Team" in section
    assert "Generationen" not in client.get(huber.url).content.decode().split(">Projekte</h2>")[1]


def test_client_list_block_shows_funders_with_links_and_logos(client, tree):
    from tests.factories import placeholder_image

    logo = placeholder_image("Logo Auridis", "Logo der Auridis Stiftung", size=(200, 80))
    Funder.objects.create(name="Auridis Stiftung", url="https://www.auridis.de/", logo=logo, is_client=True)
    Funder.objects.create(name="Boxverein Weimar e. V.", is_client=True)
    Funder.objects.create(name="ESF Plus", url="https://www.esf.de/")
    add(
        tree["home"],
        StandardPage(
            title="Unsere Auftraggeber",
            slug="auftraggeber",
            body=[("client_list", {"title": "Auftraggeber und Förderer"})],
        ),
    )
    html = client.get("/auftraggeber/").content.decode()
    assert '<a href="https://www.auridis.de/">Auridis Stiftung</a>' in html
    assert 'alt="Logo der Auridis Stiftung"' in html
    assert "<span>Boxverein Weimar e. V.</span>" in html
    assert html.index("Boxverein") < html.index("ESF Plus")  # clients first
    assert "Förderer</span>" in html


def test_project_can_be_created_in_admin(admin_client, tree):
    huber = make_person(tree["team"], "stefan-huber")
    jena = District.objects.get(slug="jena")
    data = nested_form_data(
        {
            "title": "Thüringer Präventionsketten",
            "slug": "praeventionsketten",
            "short_name": "Präventionsketten",
            "full_title": "",
            "start_date": "2022-09-01",
            "end_date": "",
            "status_override": "",
            "body": streamfield([("paragraph", rich_text("<p>Kinder und Familien</p>"))]),
            "memberships": inline_formset(
                [{"person": huber.pk, "role": "Programmleitung", "is_lead": "on", "start_date": "", "end_date": ""}]
            ),
            "contact_person": huber.pk,
            "districts_confirmed_on": "2023-09-08",
            "partners": "",
            "website_url": "https://www.thueringer-praeventionsketten.de/",
            "teaser": "",
            "action-publish": "publish",
        }
    )
    data.update({"districts": [jena.pk], "topics": [tree["poverty"].pk]})  # multiple values: not nested
    response = admin_client.post(f"/admin/pages/add/projects/projectpage/{tree['index'].pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    project = ProjectPage.objects.get(slug="praeventionsketten")
    assert project.live and project.memberships.get().is_lead
    assert list(project.districts.all()) == [jena] and list(project.topics.all()) == [tree["poverty"]]
    html = admin_client.get(project.url).content.decode()
    assert "Kinder und Familien" in html and "seit September 2022" in html


def test_editors_maintain_funders_and_districts(db):
    editors = Group.objects.get(name="Redaktion")
    codenames = set(editors.permissions.filter(content_type__app_label="projects").values_list("codename", flat=True))
    assert {"add_funder", "change_funder", "change_district"} <= codenames
    assert "delete_district" not in codenames


def test_snippets_in_the_admin(admin_client, db):
    Funder.objects.create(name="Bertelsmann Stiftung", is_client=True)
    html = admin_client.get("/admin/snippets/projects/district/").content.decode()
    assert "Eisenach" in html and "30. Juni 2021" in html and "16056" in html
    assert "Bertelsmann Stiftung" in admin_client.get("/admin/snippets/projects/funder/").content.decode()
    assert admin_client.get("/admin/snippets/projects/district/add/").status_code == 200
