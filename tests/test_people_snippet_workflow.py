"""The association's board and founding members are shown on "Der Verein": Redaktion's changes wait for
Kommunikation like pages do (page cache on, as in the suite's default)."""

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page

from ikpe_site.core.roles import COMMUNICATIONS, EDITORS
from people.models import AssociationMember


def _user(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, password="x-secret-123")
    user.groups.add(Group.objects.get(name=group))
    return user


def _verein_url():
    return next(page.url for page in Page.objects.live().specific() if "member_list" in str(getattr(page, "body", "")))


def test_existing_members_are_live_with_a_first_revision(demo_site):
    assert AssociationMember.objects.exists()
    assert not AssociationMember.objects.filter(live=False).exists()
    assert not AssociationMember.objects.filter(live_revision=None).exists()


def test_a_board_member_change_waits_for_communications(client, demo_site, django_user_model):
    editor = _user(django_user_model, "redaktion-verein", EDITORS)
    communications = _user(django_user_model, "kommunikation-verein", COMMUNICATIONS)
    member = AssociationMember.objects.order_by("pk").first()
    url = _verein_url()
    assert member.name in client.get(url).content.decode()  # cached for later anonymous visits

    client.force_login(editor)
    edit_url = reverse("wagtailsnippets_people_associationmember:edit", args=[member.pk])
    form = {
        "name": "Dr. Neu Gewählt",
        "function": member.function,
        "organisation": member.organisation,
        "group": member.group,
    }
    client.post(edit_url, {**form, "action-publish": "1"})  # refused: Redaktion may not publish
    assert client.post(edit_url, {**form, "action-submit": "1"}).status_code == 302
    member.refresh_from_db()
    assert member.name != "Dr. Neu Gewählt" and member.has_unpublished_changes
    client.logout()
    assert "Dr. Neu Gewählt" not in client.get(url).content.decode()

    client.force_login(communications)
    state = member.current_workflow_state
    approve = reverse(
        "wagtailsnippets_people_associationmember:workflow_action",
        args=[member.pk, "approve", state.current_task_state.pk],
    )
    assert client.post(approve, {"comment": ""}).status_code == 302
    client.logout()
    assert "Dr. Neu Gewählt" in client.get(url).content.decode()
