"""Every admin screen of every page type and snippet opens in German (issue 15).

For one demo object of each page type and each snippet, an administrator opens add, edit, preview, history,
compare and revert, as they are linked from the admin ("Historie" offers preview, compare and restore because the
demo content is loaded as revisions). Each must answer 200 without an English leftover of the known list.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PreviewableMixin, RevisionMixin, get_page_models
from wagtail.snippets.models import get_snippet_models

from ikpe_site.core.models import HomePage
from newsletter.models import NewsletterIssuePage, NewsletterPage
from tests.test_editorial_admin_german import visible_text

# English (or "None") that Wagtail's German catalogue or its templates leave on screens the roles use.
LEFTOVERS = re.compile(
    r"\b(Actions|Root|None|Go-Live|Update|Reviewer|Moderation|\d+ of \d+|ago|minutes?|hours?|days?|Editor Guide"
    r"|Preview|History|Compare|Revert|Edit|Delete|Save|Publish|Draft|True|False)\b"
)

PAGE_TYPES = [model for model in get_page_models() if model is not Page]


@pytest.fixture
def administrator(client, demo_site):
    client.force_login(get_user_model().objects.create_superuser("bildschirme", "b@example.org", "geheim-123456"))
    return client


def english_on(client, url, method="get", data=None):
    response = client.post(url, data) if method == "post" else client.get(url)
    if response.status_code != 200:
        return f"{url}: status {response.status_code}"
    text = visible_text(response)
    found = sorted({match[0] for match in LEFTOVERS.finditer(text)})
    if found:
        match = LEFTOVERS.search(text)
        return f"{url}: {found} …{text[max(match.start() - 80, 0) : match.end() + 80]}…"
    return None


def revision_screens(client, app_url, revisions, previewable=True):
    """Preview, compare and revert of the first revision, as "Historie" links them. The preview shows the public
    page (whose content may quote English titles): it must open; the admin screens must be German."""
    first, latest = revisions[0], revisions[-1]
    if previewable:
        preview = client.get(app_url("revisions_view", first.pk))
        assert preview.status_code == 200, app_url("revisions_view", first.pk)
    return [app_url("revisions_compare", first.pk, latest.pk), app_url("revisions_revert", first.pk)]


def newsletter_pages():
    """The demo content has no newsletter (the seeds announce none): the test adds a sign-up page and an issue,
    each with two revisions as the demo pages have."""
    home = HomePage.objects.get()
    page = home.add_child(instance=NewsletterPage(title="Newsletter", slug="newsletter-bildschirme"))
    issue = page.add_child(instance=NewsletterIssuePage(title="Ausgabe", slug="ausgabe", send_at=timezone.now()))
    for obj in (page, issue):
        obj.save_revision().publish()
        obj.save_revision()


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model._meta.label)
def test_every_page_type_opens_in_german(administrator, model):
    if model._meta.app_label == "newsletter":
        newsletter_pages()
    page = model.objects.order_by("pk").first()
    assert page is not None, "the demo content has an object of every page type"
    revisions = list(page.revisions.order_by("created_at", "pk"))
    assert len(revisions) >= 2, "demo pages are created as revisions: history can compare and restore"
    parent = page.get_parent()
    urls = [
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/{page.pk}/history/",
        *revision_screens(
            administrator, lambda name, *ids: reverse(f"wagtailadmin_pages:{name}", args=(page.pk, *ids)), revisions
        ),
    ]
    if model.can_create_at(parent.specific):
        urls.append(f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/")
    problems = [problem for url in urls if (problem := english_on(administrator, url))]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("model", get_snippet_models(), ids=lambda model: model._meta.label)
def test_every_snippet_opens_in_german(administrator, model):
    item = model.objects.order_by("pk").first()
    assert item is not None, "the demo content has an object of every snippet"
    viewset = model.snippet_viewset

    def url(name, *args):
        return reverse(viewset.get_url_name(name), args=args)

    urls = [url("add"), url("edit", item.pk), url("history", item.pk)]
    if issubclass(model, RevisionMixin):
        revisions = list(item.revisions.order_by("created_at", "pk"))
        assert revisions, "demo snippets with revisions are created as a revision: history works from day one"
        urls += revision_screens(
            administrator,
            lambda name, *ids: url(name, item.pk, *ids),
            revisions,
            previewable=issubclass(model, PreviewableMixin),
        )
    problems = [problem for address in urls if (problem := english_on(administrator, address))]
    if issubclass(model, PreviewableMixin):
        problems += [p for p in [english_on(administrator, url("preview_on_edit", item.pk))] if p]
    assert not problems, "\n".join(problems)


def test_a_diff_shows_labels_not_stored_values(db):
    from django.utils import translation
    from wagtail.admin.compare import comparison_class_registry, get_comparison_class_for_block

    from ikpe_site.core.blocks import MemberListBlock
    from people.models import PersonPage

    group = MemberListBlock().child_blocks["group"]
    field = PersonPage._meta.get_field("is_board")
    with translation.override("de"):
        choice = get_comparison_class_for_block(group)(group, True, True, "board", "founding").htmldiff()
        flag = comparison_class_registry.get(field)(field, PersonPage(is_board=False), PersonPage(is_board=True))
        assert "board" not in choice and "Vorstand" in choice
        assert "Nein" in flag.htmldiff() and "Ja" in flag.htmldiff() and "False" not in flag.htmldiff()
