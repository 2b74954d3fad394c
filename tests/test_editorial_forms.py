"""Forms that fill themselves: German web addresses from titles, a person's title from the name."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from ikpe_site.core.models import StandardPage, german_slug
from people.models import PeopleIndexPage, PersonPage


def test_german_slug_transliterates():
    assert german_slug("Über Prävention & Maßnahmen in Gößnitz") == "ueber-praevention-massnahmen-in-goessnitz"


def test_empty_slug_follows_the_title_in_german(home):
    page = home.add_child(instance=StandardPage(title="Über uns"))
    assert page.slug == "ueber-uns"
    twin = home.add_child(instance=StandardPage(title="Über uns"))
    assert twin.slug == "ueber-uns-2"


def test_the_admin_scripts_automatic_slug_is_transliterated(home):
    # Wagtail's JavaScript writes "Über uns" as "uber-uns"; the server writes it as German.
    page = home.add_child(instance=StandardPage(title="Über uns", slug="uber-uns"))
    assert page.slug == "ueber-uns"


def test_a_typed_slug_and_a_published_address_stay(home):
    typed = home.add_child(instance=StandardPage(title="Über uns", slug="wir"))
    assert typed.slug == "wir"
    live = home.add_child(instance=StandardPage(title="Straße", slug="strasse"))
    live.save_revision().publish()
    live.title = "Größe"
    live.slug = "grose"
    live.save_revision().publish()
    live.refresh_from_db()
    assert live.slug == "grose"


@pytest.fixture
def team(home):
    return home.add_child(instance=PeopleIndexPage(title="Team", slug="team"))


@pytest.fixture
def admin_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("admin-formulare", "a@example.org", "geheim-1"))
    return client


def person_form(**fields):
    return nested_form_data(
        {
            "title": "",
            "slug": "",
            "academic_title": "Dr.",
            "first_name": "Jörg",
            "last_name": "Weiß",
            "grammatical_gender": "male",
            "position": "",
            "phone": "",
            "email": "",
            "office": "",
            "orcid": "",
            "website": "",
            "is_team_member": "on",
            "biography": rich_text(""),
            "responsibilities": inline_formset([]),
            "comments": inline_formset([]),
            **fields,
        }
    )


def test_a_new_person_takes_title_and_address_from_the_name(admin_client, team):
    response = admin_client.post(f"/admin/pages/add/people/personpage/{team.pk}/", person_form())
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    person = PersonPage.objects.get(last_name="Weiß")
    assert person.title == "Dr. Jörg Weiß"
    assert person.slug == "dr-joerg-weiss"


def test_a_missing_name_is_shown_at_the_field_and_at_the_top(admin_client, team):
    # A draft may be saved incomplete (Wagtail 7); publishing or submitting checks every required field.
    data = person_form(last_name="", **{"action-publish": "action-publish"})
    response = admin_client.post(f"/admin/pages/add/people/personpage/{team.pk}/", data)
    assert response.status_code == 200
    assert "last_name" in response.context["form"].errors
    html = response.content.decode()
    assert "Die Seite konnte wegen Prüfungsfehlern nicht erstellt werden." in html  # the summary at the top
    field = html[html.index('id="id_last_name"') - 1500 : html.index('id="id_last_name"') + 1500]
    assert "Dieses Feld muss ausgefüllt werden." in field  # and the message at the field
    assert not PersonPage.objects.exists()


def test_a_person_without_any_name_is_refused(admin_client, team):
    data = person_form(academic_title="", first_name="", last_name="")
    response = admin_client.post(f"/admin/pages/add/people/personpage/{team.pk}/", data)
    assert response.status_code == 200
    assert "title" in response.context["form"].errors


def test_the_admin_slug_script_writes_german_letters_as_the_server_does(admin_client, team):
    """The slug field's Stimulus controller (w-slug) applies these replacements before it makes the address from
    the title; the browser journey (tests/browser/test_browser_editorial.py) watches it happen."""
    import json
    import re

    html = admin_client.get(f"/admin/pages/add/core/standardpage/{team.get_parent().pk}/").content.decode()
    slug_input = re.search(r'<input[^>]*name="slug"[^>]*>', html)[0]
    formatters = json.loads(re.search(r'data-w-slug-formatters-value="([^"]*)"', slug_input)[1].replace("&quot;", '"'))
    replacements = {pattern: replacement for (pattern, _flags), replacement in formatters}
    assert replacements["ä"] == "ae" and replacements["ß"] == "ss" and replacements["Ü"] == "Ue"


def test_the_summary_names_fields_with_errors_also_on_another_tab(admin_client, team):
    # The address (slug, "Kurzname") is on the "Veröffentlichung" tab; the summary names it and the missing name.
    data = person_form(last_name="", slug="mit leerzeichen", **{"action-publish": "action-publish"})
    response = admin_client.post(f"/admin/pages/add/people/personpage/{team.pk}/", data)
    assert response.status_code == 200
    html = response.content.decode()
    summary = html[html.index("Die Seite konnte wegen Prüfungsfehlern nicht erstellt werden.") :][:400]
    assert "Bitte prüfen:" in summary and "<b>Nachname</b>" in summary and "<b>Kurzname</b>" in summary
