"""Every page type previews in the admin and every demo page opens through an embargo link.

The admin preview is fed with the page's own edit (or add) form, as the browser posts it; the embargo link shows
the latest revision. Both build pages whose relations live in memory (modelcluster's FakeQuerySet instead of a
queryset) or that have no primary key yet, which is where templates and related sections used to crash.
"""

import pytest
from django.contrib.auth import get_user_model
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from editorial.models import EmbargoLink
from events.models import EventPage
from people.models import PersonPage
from tests.factories import EventIndexPageFactory, PeopleIndexPageFactory

EMBARGO = "2036-07-01T08:00Z"


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("vorschau-admin", "admin@example.org", "geheim-123456")


def demo_pages(demo_site):
    return list(Page.objects.descendant_of(demo_site.root_page, inclusive=True).specific())


def form_data(client, url, model):
    """The form as the browser posts it; StreamFields (drawn by JavaScript, so not in the HTML) left empty."""
    html = client.get(url).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    data._mutable = True
    for field in model._meta.get_fields():
        if isinstance(field, StreamField):
            data.setdefault(f"{field.name}-count", "0")
    return data


def preview_failures(client, url, data, page):
    """POST the form to the preview view, then GET the preview in each mode, as the admin's preview panel does."""
    failures = []
    for mode, _label in page.preview_modes:
        posted = client.post(f"{url}?mode={mode}", data).json()
        status = client.get(url, {"mode": mode}).status_code if posted["is_valid"] else posted
        if status != 200:
            failures.append((type(page).__name__, page.url_path, mode, status))
    return failures


def test_one_demo_page_of_every_type_previews_from_its_edit_form(client, demo_site, admin_user):
    client.force_login(admin_user)
    one_of_each = {}
    for page in demo_pages(demo_site):
        one_of_each.setdefault(type(page), page)
    # Prefer a page with relations to preview: the event that links projects and topics.
    one_of_each.update(
        (type(page), page)
        for page in demo_pages(demo_site)
        if getattr(page, "projects", None) is not None and page.projects.exists()
    )
    assert len(one_of_each) >= 15
    failures = []
    for model, page in one_of_each.items():
        data = form_data(client, f"/admin/pages/{page.pk}/edit/", model)
        failures += preview_failures(client, f"/admin/pages/{page.pk}/edit/preview/", data, page)
    assert not failures


@pytest.mark.parametrize(
    ("model", "parent_factory", "fields"),
    [
        (
            PersonPage,
            PeopleIndexPageFactory,
            {"first_name": "Erika", "last_name": "Beispiel", "title": "Erika Beispiel"},
        ),
        (
            EventPage,
            EventIndexPageFactory,
            {"title": "Fachtag", "start": "01.07.2036 10:00", "end": "01.07.2036 16:00"},
        ),
    ],
)
def test_a_new_page_previews_before_it_is_saved(client, home, admin_user, model, parent_factory, fields):
    client.force_login(admin_user)
    parent = parent_factory(parent=home)
    add_url = f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/"
    data = form_data(client, add_url, model)
    for name, value in fields.items():
        data[name] = value
    assert not preview_failures(client, f"{add_url}preview/", data, model(title=fields["title"]))


def test_every_demo_page_opens_through_an_embargo_link_to_its_latest_draft(client, demo_site):
    failures = []
    for page in demo_pages(demo_site):
        page.save_revision()  # the draft an editor saves, relations and all
        link = EmbargoLink.objects.create(page=page, recipient="Ministerium", embargo_until=EMBARGO)
        status = client.get(f"/vorschau/{link.token}/").status_code
        if status != 200:
            failures.append((type(page).__name__, page.url_path, status))
    assert not failures
