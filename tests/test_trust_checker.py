import json
import re

import pytest
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import rich_text

from ikpe_site.core.models import StandardPage
from ikpe_site.core.roles import EDITORS
from tests.test_trust_headers import show_preview

RULES = {"ikpe-link-text", "ikpe-email-text", "ikpe-image-credit", "ikpe-heading-level"}
CHECKS = {"ikpe-link-text-meaningful", "ikpe-email-linked", "ikpe-figure-has-credit", "ikpe-heading-no-skip"}


@pytest.fixture
def editor(client, django_user_model, small_site):
    user = django_user_model.objects.create_user("redakteurin", password="x-secret-123")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


def axe_configuration(html):
    match = re.search(r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>', html, re.S)
    assert match, "no checker configuration in the page"
    return json.loads(match.group(1))


def assert_german_rules(config):
    assert {rule["id"] for rule in config["spec"]["rules"]} >= RULES
    assert {check["id"] for check in config["spec"]["checks"]} >= CHECKS
    run_only = config["options"]["runOnly"]
    assert set(run_only) >= RULES
    assert "heading-order" not in run_only  # replaced by ikpe-heading-level, so no problem is reported twice
    assert {"link-name", "alt-text-quality"} <= set(run_only)  # Wagtail's own rules stay
    assert config["messages"]["ikpe-link-text"]["error_name"] == "Linktext sagt allein nichts aus"
    assert config["messages"]["ikpe-heading-level"]["error_name"] == "Überschrift überspringt eine Ebene"
    assert config["messages"]["ikpe-image-credit"]["error_name"] == "Bild ohne Bildnachweis"
    assert "„[ät]“" in config["messages"]["ikpe-email-text"]["help_text"]
    phrases = next(check for check in config["spec"]["checks"] if check["id"] == "ikpe-link-text-meaningful")
    assert {"hier", "mehr", "mehr lesen", "klicken sie hier", "weiter"} <= set(phrases["options"]["phrases"])


def test_userbar_on_the_site_carries_the_german_rules(editor):
    html = editor.get("/verein/").content.decode()
    assert_german_rules(axe_configuration(html))
    assert '<script src="/static/js/content-checker.js"></script>' in html


def test_preview_panel_and_checks_panel_carry_them_too(editor):
    """The editor's "Checks" panel runs the rules inside the preview; both get them through the userbar hook."""
    page = StandardPage.objects.get(slug="verein")
    preview = show_preview(editor, page, [("paragraph", rich_text('<p><a href="/">hier</a></p>'))])
    html = preview.content.decode()
    assert_german_rules(axe_configuration(html))
    assert '<script src="/static/js/content-checker.js"></script>' in html
    assert_german_rules(axe_configuration(editor.get(f"/admin/pages/{page.pk}/edit/").content.decode()))


def test_visitors_get_neither_userbar_nor_checker(client, small_site):
    html = client.get("/verein/").content.decode()
    assert "content-checker.js" not in html and "checker-axe-configuration" not in html
