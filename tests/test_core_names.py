"""English stored values with German addresses, and the institute's facts read from the site settings."""

import json
import re

import icalendar
from django.apps import apps as real_apps
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Revision

from ikpe_site.core.migration_operations import rename_choice_values
from ikpe_site.core.models import SiteSettings
from projects.models import District, ProjectPage
from publications.models import PublicationPage

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(html):
    return [json.loads(text) for text in JSON_LD.findall(html)]


def test_stored_values_are_english_and_addresses_stay_german(client, demo_site):
    report = PublicationPage.objects.live().filter(category="reports").first()
    assert report is not None and not PublicationPage.objects.filter(category="berichte").exists()
    html = client.get(report.url).content.decode()
    assert f'href="{report.get_parent().url}?kategorie=berichte"' in html
    catalogue = client.get(report.get_parent().url + "?kategorie=berichte")
    assert catalogue.status_code == 200 and report.title in catalogue.content.decode()
    assert '<option value="berichte" selected>' in catalogue.content.decode()
    assert client.get(report.get_parent().url + "?kategorie=reports").status_code == 404


def test_renaming_choice_values_updates_rows_and_revisions_both_ways(db):
    district = District.objects.get(slug="jena")
    content_type = ContentType.objects.get_for_model(District)
    Revision.objects.create(
        content_type=content_type,
        base_content_type=content_type,
        object_id=str(district.pk),
        content={"kind": "landkreis"},
    )
    District.objects.filter(pk=district.pk).update(kind="landkreis")
    operation = rename_choice_values("projects", "District", "kind", {"landkreis": "rural_district"})

    operation.code(real_apps, None)
    district.refresh_from_db()
    assert district.kind == "rural_district"
    assert {revision.content.get("kind") for revision in district.revisions.all()} == {
        "rural_district",
        "independent_city",
    }

    operation.reverse_code(real_apps, None)
    assert District.objects.get(pk=district.pk).kind == "landkreis"
    assert "landkreis" in {revision.content.get("kind") for revision in district.revisions.all()}


def test_institute_facts_come_from_the_site_settings(client, demo_site, settings):
    site_settings = SiteSettings.for_site(demo_site)
    site_settings.institute_name, site_settings.short_name = "Testinstitut e.V.", "TI"
    site_settings.university, site_settings.university_url = "Testhochschule", ""
    site_settings.save()

    calendar = icalendar.Calendar.from_ical(client.get("/termine/kalender/").content)
    assert str(calendar["PRODID"]) == "-//Testinstitut e.V.//Termine//DE"
    event = demo_site.root_page.get_descendants().live().get(slug="arbeitskreis-sozialplanung-2020")
    (vevent,) = icalendar.Calendar.from_ical(client.get(event.url + "ics/").content).walk("VEVENT")
    assert "Veranstalter: TI, Thüringer Ministerium" in str(vevent["DESCRIPTION"])

    [home] = json_ld(client.get("/").content.decode())
    assert home["name"] == "Testinstitut e.V."
    assert home["parentOrganization"] == {"@type": "CollegeOrUniversity", "name": "Testhochschule"}
    project = ProjectPage.objects.live().public().first()
    data = next(
        item for item in json_ld(client.get(project.url).content.decode()) if item["@type"] == "ResearchProject"
    )
    assert data["parentOrganization"]["name"] == "Testinstitut e.V."


def test_calendar_uids_use_the_sites_domain(client, demo_site, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://www.kommune.example"  # "www." is left out: …@ikpe-erfurt.de stays
    event = demo_site.root_page.get_descendants().live().get(slug="arbeitskreis-sozialplanung-2020")
    (vevent,) = icalendar.Calendar.from_ical(client.get(event.url + "ics/").content).walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{event.pk}@kommune.example"
