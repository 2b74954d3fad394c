import datetime
import io

from django.core.management import call_command
from wagtail.models import Page, Revision

from projects.models import District, Funder, ProjectMembership, ProjectPage


def test_demo_programmes_from_the_seeds(client, demo_site):
    projects = {project.slug: project for project in ProjectPage.objects.live()}
    assert set(projects) == {"arm", "lsz", "thilik", "praeventionsketten", "sozialstrategie", "sozialstrukturatlas"}

    arm = projects["arm"]
    assert (arm.start_date, arm.end_date) == (datetime.date(2015, 1, 1), datetime.date(2020, 12, 31))
    assert arm.districts.count() == 15 and arm.districts_confirmed_on == datetime.date(2019, 4, 1)
    assert arm.districts.filter(slug="eisenach").exists()
    lead = arm.memberships.get(is_lead=True)
    assert lead.person.slug == "stefan-huber"
    assert set(arm.memberships.values_list("person__slug", flat=True)) == {
        "stefan-huber",
        "katrin-bauer",
        "laurence-frank",
        "theresa-hilse-carstensen",
        "jens-kretzschmar",
    }

    chains = projects["praeventionsketten"]
    assert set(chains.districts.values_list("name", flat=True)) == {
        "Jena",
        "Saale-Orla-Kreis",
        "Schmalkalden-Meiningen",
        "Sömmerda",
        "Wartburgkreis",
    }
    assert list(chains.funders.values_list("name", flat=True)) == ["Auridis Stiftung"]
    assert chains.start_date == datetime.date(2022, 9, 1) and chains.end_date is None

    esf = projects["sozialstrategie"]
    assert esf.end_date == datetime.date(2025, 12, 31)
    assert esf.funders.filter(name="Europäischer Sozialfonds Plus (ESF Plus)").exists()
    assert esf.memberships.count() == 5

    html = client.get("/projekte/arm/").content.decode()
    assert "2015–2020" in html and "Stand April 2019" in html and "abgeschlossen" in html
    assert client.get("/mein-landkreis/saale-orla-kreis/").status_code == 200
    clients = client.get("/verein/auftraggeber/").content.decode()
    assert "Bertelsmann Stiftung" in clients and "Landkreis Göttingen" in clients and "Auridis Stiftung" in clients


def test_demo_is_idempotent(demo_site):
    counts = (
        Page.objects.count(),
        Revision.objects.count(),
        ProjectMembership.objects.count(),
        Funder.objects.count(),
        District.objects.count(),
    )
    call_command("load_demo_content", force=True, stdout=io.StringIO())
    assert (
        Page.objects.count(),
        Revision.objects.count(),
        ProjectMembership.objects.count(),
        Funder.objects.count(),
        District.objects.count(),
    ) == counts
