"""Funders and districts are shown to visitors, so Redaktion's changes wait for Kommunikation like pages do.

Runs with the page cache on (the suite's default): a page cached before the change must not show it early,
and must show it once approved.
"""

from django.contrib.auth.models import Group
from django.urls import reverse

from ikpe_site.core.roles import COMMUNICATIONS, EDITORS
from projects.models import District, Funder
from tests.factories import DistrictIndexPageFactory, FunderFactory, ProjectIndexPageFactory, ProjectPageFactory


def _user(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, password="x-secret-123")
    user.groups.add(Group.objects.get(name=group))
    return user


def _approve(client, model_name, obj):
    state = obj.current_workflow_state
    assert state is not None and state.status == "in_progress"
    url = reverse(
        f"wagtailsnippets_projects_{model_name}:workflow_action", args=[obj.pk, "approve", state.current_task_state.pk]
    )
    assert client.post(url, {"comment": ""}).status_code == 302


def test_existing_funders_and_districts_are_live_with_a_first_revision(demo_site):
    for model in (Funder, District):
        assert model.objects.exists()
        assert not model.objects.filter(live=False).exists()
        assert not model.objects.filter(live_revision=None).exists()
    district = District.objects.get(slug="jena")
    assert district.live_revision.as_object().name == "Jena"


def test_a_funder_rename_waits_for_communications(client, home, django_user_model):
    editor = _user(django_user_model, "redaktion-geldgeber", EDITORS)
    communications = _user(django_user_model, "kommunikation-geldgeber", COMMUNICATIONS)
    funder = FunderFactory(name="Thüringer Ministerium für Soziales")
    project = ProjectPageFactory(parent=ProjectIndexPageFactory(parent=home), funders=[funder])
    old_name = funder.name
    before = client.get(project.url).content.decode()  # cached for later anonymous visits
    assert old_name in before

    client.force_login(editor)
    edit_url = reverse("wagtailsnippets_projects_funder:edit", args=[funder.pk])
    assert client.get(edit_url).status_code == 200
    form = {
        "name": "Umbenannter Geldgeber",
        "url": funder.url,
        "logo": funder.logo_id or "",
        "is_client": "on" if funder.is_client else "",
        "sort_order": funder.sort_order,
    }
    client.post(edit_url, {**form, "action-publish": "1"})  # refused: Redaktion may not publish
    assert client.post(edit_url, {**form, "action-submit": "1"}).status_code == 302
    funder.refresh_from_db()
    assert funder.name == old_name and funder.has_unpublished_changes
    assert not editor.has_perm("projects.publish_funder") and communications.has_perm("projects.publish_funder")

    client.logout()
    waiting = client.get(project.url).content.decode()
    assert old_name in waiting and "Umbenannter Geldgeber" not in waiting

    client.force_login(communications)
    _approve(client, "funder", funder)
    funder.refresh_from_db()
    assert funder.name == "Umbenannter Geldgeber" and funder.live
    client.logout()
    assert "Umbenannter Geldgeber" in client.get(project.url).content.decode()


def test_a_new_district_stays_invisible_until_approved(client, home, django_user_model):
    editor = _user(django_user_model, "redaktion-kreis", EDITORS)
    communications = _user(django_user_model, "kommunikation-kreis", COMMUNICATIONS)
    overview = DistrictIndexPageFactory(parent=home).url
    before = client.get(overview).content.decode()
    assert "Neustadt am Test" not in before

    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippets_projects_district:add"),
        {
            "name": "Neustadt am Test",
            "slug": "neustadt-am-test",
            "locative": "",
            "kind": "independent_city",
            "official_key": "",
            "active_until": "",
            "successor": "",
            "action-submit": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    district = District.objects.get(slug="neustadt-am-test")
    assert not district.live

    client.logout()
    assert "Neustadt am Test" not in client.get(overview).content.decode()
    assert client.get(f"{overview}neustadt-am-test/").status_code == 404
    assert "neustadt-am-test" not in client.get("/sitemap.xml").content.decode()
    assert "Neustadt am Test" not in client.get("/suche/?q=Neustadt").content.decode()

    client.force_login(communications)
    _approve(client, "district", district)
    client.logout()
    assert "Neustadt am Test" in client.get(overview).content.decode()
    assert client.get(f"{overview}neustadt-am-test/").status_code == 200
    assert "neustadt-am-test" in client.get("/sitemap.xml").content.decode()
