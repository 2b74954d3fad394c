"""Permissions matrix: what an anonymous visitor, "Redaktion" and "Kommunikation" may see and change in the admin.

- MATRIX (plus every action of every snippet of our apps) lists admin views with the outcome expected for each role;
  anonymous visitors are sent to the login page from every row.
- Every other URL pattern under /admin/ is walked too: anonymous visitors always meet the login, the two roles never
  a server error nor anything of user, group, site, collection, workflow or settings management. A meta-test makes
  every admin view of our own apps join the matrix.
- CHANGES posts real changes and looks at the database afterwards; Administration is the control that the request
  itself is valid.
- The remaining tests cover the kinds of flaws Wagtail's security advisories were about: forced browsing to
  settings and bulk actions, escalation through the user and group forms, private pages and documents, revisions
  and copies of pages outside one's permission, submissions of another form.
"""

import io
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    DraftStateMixin,
    GroupPagePermission,
    Page,
    PageViewRestriction,
    Revision,
    Task,
    Workflow,
)
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from editorial.models import EmbargoLink
from feedback.models import FeedbackFormPage
from ikpe_site.core.models import HomePage, SiteSettings, StandardPage
from ikpe_site.core.roles import ADMINISTRATORS, COMMUNICATIONS, EDITORS, WORKFLOW_NAME
from news.models import NewsCategory, NewsPage
from newsletter.models import Announcement, Mailing, NewsletterIssuePage, NewsletterPage, Subscriber
from people.models import AssociationMember
from projects.models import District, Funder, ProjectIndexPage, ProjectPage
from tests.factories import paragraphs, pdf_document

ANONYMOUS = "anonym"
ROLES = [ANONYMOUS, EDITORS, COMMUNICATIONS]
# Every app of this repository (not Wagtail's or a library's), so a new app's admin views join the matrix.
PROJECT_APPS = {
    config.label
    for config in apps.get_app_configs()
    if Path(config.path).is_relative_to(settings.BASE_DIR) and "site-packages" not in Path(config.path).parts
}
OK, DENIED, LOGIN, GONE = "ok", "denied", "login", "not found"
ADD_FORM = "on to the add form"  # "choose a parent" with a single possible parent goes straight to the add form
PASSWORD = "x-secret-123"

# Admin views: (URL name[?query], arguments, Redaktion, Kommunikation). Arguments name attributes of the `objects`
# fixture (their primary key is used) or are literal strings. Anonymous visitors are always sent to the login.
MATRIX = [
    # Pages: both roles write; only Kommunikation publishes, unpublishes, moves, deletes live pages, sets privacy.
    ("wagtailadmin_home", (), OK, OK),
    ("wagtailadmin_explore_root", (), OK, OK),
    ("wagtailadmin_explore", ("home",), OK, OK),
    ("wagtailadmin_explore_results", ("home",), OK, OK),
    ("wagtailadmin_pages:search", (), OK, OK),
    ("wagtailadmin_pages:add_subpage", ("home",), OK, OK),
    ("wagtailadmin_pages:add", ("core", "standardpage", "home"), OK, OK),
    ("wagtailadmin_pages:edit", ("live",), OK, OK),
    ("wagtailadmin_pages:edit", ("form",), OK, OK),
    ("wagtailadmin_pages:view_draft", ("draft",), OK, OK),
    ("wagtailadmin_pages:history", ("live",), OK, OK),
    ("wagtailadmin_pages:revisions_view", ("live", "live_revision"), OK, OK),
    ("wagtailadmin_pages:revisions_compare", ("live", "earliest", "latest"), OK, OK),
    ("wagtailadmin_pages:workflow_history", ("live",), OK, OK),
    ("wagtailadmin_pages:usage", ("live",), OK, OK),
    ("wagtailadmin_pages:copy", ("live",), OK, OK),
    ("wagtailadmin_pages:delete", ("draft",), OK, OK),
    ("wagtailadmin_pages:delete", ("live",), DENIED, OK),
    ("wagtailadmin_pages:unpublish", ("live",), DENIED, OK),
    ("wagtailadmin_pages:move", ("live",), DENIED, OK),
    ("wagtailadmin_pages:set_privacy", ("live",), DENIED, OK),
    ("wagtailadmin_reports:locked_pages", (), DENIED, OK),
    # News categories go through the approval workflow like pages: only Kommunikation approves and unpublishes.
    ("wagtailsnippets_news_newscategory:unpublish", ("category",), DENIED, OK),
    # Bulk scheduling in the page listings: Kommunikation only (the confirmation page; CHANGES posts it).
    ("wagtail_bulk_action?id={draft}", ("wagtailcore", "page", "schedule"), DENIED, OK),
    ("wagtail_bulk_action?id={draft}", ("wagtailcore", "page", "unschedule"), DENIED, OK),
    ("wagtailsnippets_news_newscategory:lock", ("category",), GONE, GONE),  # POST only
    ("wagtailsnippets_news_newscategory:unlock", ("category",), GONE, GONE),
    ("wagtailsnippets_news_newscategory:revisions_compare", ("category_review", "earliest", "latest"), OK, OK),
    ("wagtailsnippets_news_newscategory:revisions_revert", ("category_review", "category_revision"), OK, OK),
    ("wagtailsnippets_news_newscategory:revisions_unschedule", ("category_review", "category_revision"), DENIED, OK),
    ("wagtailsnippets_news_newscategory:workflow_history", ("category_review",), OK, OK),
    ("wagtailsnippets_news_newscategory:workflow_history_detail", ("category_review", "category_workflow"), OK, OK),
    ("wagtailsnippets_news_newscategory:workflow_action", ("category_review", "approve", "category_task"), DENIED, OK),
    (
        "wagtailsnippets_news_newscategory:collect_workflow_action_data",
        ("category_review", "approve", "category_task"),
        DENIED,
        OK,
    ),
    ("wagtailsnippets_news_newscategory:confirm_workflow_cancellation", ("category_review",), OK, OK),
    ("wagtailadmin_reports:workflow", (), OK, OK),
    ("wagtailadmin_reports:aging_pages", (), OK, OK),
    ("wagtailadmin_reports:site_history", (), OK, OK),
    # Images and documents: both roles upload and edit (Wagtail counts deleting as editing for media).
    ("wagtailimages:index", (), OK, OK),
    ("wagtailimages:index_results", (), OK, OK),
    ("wagtailimages:add", (), OK, OK),
    ("wagtailimages:edit", ("image",), OK, OK),
    ("wagtailimages:delete", ("image",), OK, OK),
    ("wagtailimages:image_usage", ("image",), OK, OK),
    ("wagtailimages:url_generator", ("image",), GONE, GONE),  # no dynamic image serve view configured
    ("wagtailimages:url_generator_output", ("image",), GONE, GONE),
    ("wagtailimages_chooser:choose", (), OK, OK),
    ("wagtailimages_chooser:choose_results", (), OK, OK),
    ("wagtailimages_chooser:chosen", ("image",), OK, OK),
    ("wagtailimages_chooser:chosen_multiple?id={image}", (), OK, OK),
    ("wagtailimages_chooser:create", (), OK, OK),
    ("wagtailimages_chooser:select_format", ("image",), OK, OK),
    ("wagtaildocs:index", (), OK, OK),
    ("wagtaildocs:add", (), OK, OK),
    ("wagtaildocs:edit", ("document",), OK, OK),
    ("wagtaildocs:delete", ("document",), OK, OK),
    ("wagtaildocs_chooser:choose", (), OK, OK),
    ("wagtailsnippets:index", (), OK, OK),
    # Site settings (address, legal pages) are for Administration only.
    ("wagtailsettings:edit", ("core", "sitesettings"), DENIED, DENIED),
    ("wagtailsettings:edit", ("core", "sitesettings", "site"), DENIED, DENIED),
    ("wagtailsettings:preview_on_edit", ("core", "sitesettings", "site"), DENIED, DENIED),
    # Form submissions hold visitors' personal data: Kommunikation sees and exports them, Redaktion does not.
    ("wagtailforms:index", (), OK, OK),
    ("wagtailforms:index_results", (), OK, OK),
    ("wagtailforms:list_submissions", ("form",), DENIED, OK),
    ("wagtailforms:list_submissions?export=csv", ("form",), DENIED, OK),
    ("wagtailforms:list_submissions_results", ("form",), DENIED, OK),
    ("wagtailforms:delete_submissions?selected-submissions={submission}", ("form",), DENIED, OK),
    # Redirects, promoted search results and search statistics belong to Kommunikation.
    ("wagtailredirects:index", (), DENIED, OK),
    ("wagtailredirects:add", (), DENIED, OK),
    ("wagtailredirects:edit", ("redirect",), DENIED, OK),
    ("wagtailredirects:delete", ("redirect",), DENIED, OK),
    ("wagtailredirects:start_import", (), DENIED, OK),
    ("wagtailsearchpromotions:index", (), DENIED, OK),
    ("wagtailsearchpromotions:add", (), DENIED, OK),
    ("wagtailsearchpromotions:edit", ("query",), DENIED, OK),
    ("wagtailsearchpromotions:search_terms", (), DENIED, DENIED),
    ("sitesearch_statistics", (), DENIED, OK),
    ("sitesearch_statistics_results", (), DENIED, OK),
    # The institute's own views: editorial calendar for both, embargo links for Kommunikation.
    ("editorial_calendar", (), OK, OK),
    # POST only (rescheduling and the feed address: tests/test_editorial_calendar.py); a GET is "not allowed".
    ("editorial_calendar_move", (), GONE, GONE),
    ("editorial_calendar_feed_renew", (), GONE, GONE),
    ("editor_guide", (), OK, OK),
    # Expiry on its own and the confirmation after "approve and schedule": for those who may publish the page.
    ("editorial_expiry", ("live",), DENIED, OK),
    ("editorial_scheduled?next=/admin/pages/", ("live_revision",), DENIED, "302 /admin/pages/"),
    ("sperrfrist_links:index", (), DENIED, OK),
    ("sperrfrist_links:index_results", (), DENIED, OK),
    ("sperrfrist_links:add", (), DENIED, OK),
    ("sperrfrist_links:edit", ("embargo",), DENIED, OK),
    ("sperrfrist_links:delete", ("embargo",), DENIED, OK),
    ("sperrfrist_links:history", ("embargo",), DENIED, OK),
    ("sperrfrist_links:history_results", ("embargo",), DENIED, OK),
    ("sperrfrist_links:usage", ("embargo",), DENIED, OK),
    # Users, groups, workflows, sites and collections: Administration only. Everyone edits their own account.
    ("wagtailadmin_account", (), OK, OK),
    ("wagtailusers_users:index", (), DENIED, DENIED),
    ("wagtailusers_users:index_results", (), DENIED, DENIED),
    ("wagtailusers_users:add", (), DENIED, DENIED),
    ("wagtailusers_users:edit", ("me",), DENIED, DENIED),
    ("wagtailusers_users:edit", ("boss",), DENIED, DENIED),
    ("wagtailusers_users:copy", ("boss",), DENIED, DENIED),
    ("wagtailusers_users:delete", ("boss",), DENIED, DENIED),
    ("wagtailusers_users:usage", ("boss",), DENIED, DENIED),
    ("wagtailusers_users:history", ("boss",), DENIED, DENIED),
    ("wagtailusers_users:history_results", ("boss",), DENIED, DENIED),
    ("wagtailusers_groups:index", (), DENIED, DENIED),
    ("wagtailusers_groups:add", (), DENIED, DENIED),
    ("wagtailusers_groups:edit", ("my_group",), DENIED, DENIED),
    ("wagtailusers_groups:delete", ("admin_group",), DENIED, DENIED),
    ("wagtail_bulk_action?id={boss}", ("core", "user", "delete"), DENIED, DENIED),
    ("wagtail_bulk_action?id={boss}", ("core", "user", "assign_role"), DENIED, DENIED),
    ("wagtail_bulk_action?id={boss}", ("core", "user", "set_active_state"), DENIED, DENIED),
    ("wagtailadmin_workflows:index", (), DENIED, DENIED),
    ("wagtailadmin_workflows:add", (), DENIED, DENIED),
    ("wagtailadmin_workflows:edit", ("workflow",), DENIED, DENIED),
    ("wagtailadmin_workflows:task_index", (), DENIED, DENIED),
    ("wagtailadmin_workflows:edit_task", ("task",), DENIED, DENIED),
    # The task chooser of the workflow editor lists task names to every admin user; creating needs the right.
    ("wagtailadmin_workflows:task_chooser", (), OK, OK),
    ("wagtailadmin_workflows:task_chooser_results", (), OK, OK),
    ("wagtailadmin_workflows:task_chooser_create", (), OK, OK),
    ("wagtailadmin_workflows:task_chosen", ("task",), OK, OK),
    ("wagtailsites:index", (), DENIED, DENIED),
    ("wagtailsites:edit", ("site",), DENIED, DENIED),
    ("wagtailadmin_collections:index", (), DENIED, DENIED),
    ("wagtailadmin_collections:add", (), DENIED, DENIED),
    ("wagtailadmin_collections:edit", ("collection",), DENIED, DENIED),
    ("wagtailadmin_collections:set_privacy", ("collection",), DENIED, DENIED),
    ("admin:index", (), LOGIN, LOGIN),  # Django's own admin: staff accounts only, and our roles are not staff
]
# Funders, districts and the association's members go through the same workflow as news categories: the same
# rows, for their views.
MATRIX += [
    (
        name.replace("news_newscategory", f"{app}_{model}"),
        tuple(arg.replace("category", model) for arg in args),
        editors,
        communications,
    )
    for name, args, editors, communications in list(MATRIX)
    if name.startswith("wagtailsnippets_news_newscategory:")
    for app, model in (("projects", "funder"), ("projects", "district"), ("people", "associationmember"))
]
# The admin's per-type listings ("Übersichten", editorial/listings.py): both roles.
LISTINGS = ("news_listing", "event_listing", "publication_listing", "person_listing", "project_listing")
MATRIX += [(f"{listing}:{view}", (), OK, OK) for listing in LISTINGS for view in ("index", "index_results")]
MATRIX += [(f"{listing}:choose_parent", (), ADD_FORM, ADD_FORM) for listing in LISTINGS]

# The newsletter, with a third column for Administration: Redaktion composes issues (edit, previews as HTML mail and
# plain text, test send to oneself); Kommunikation also sees the mailings with counts and failures and adds
# announcements, but changes no mailing; only Administration sees, changes, exports and deletes subscribers.
NEWSLETTER = [
    ("wagtailadmin_pages:edit", ("newsletter_issue",), OK, OK, OK),
    ("wagtailadmin_pages:view_draft", ("newsletter_issue",), OK, OK, OK),  # the default preview: the HTML mail
    ("wagtailadmin_pages:preview_on_edit?mode=text", ("newsletter_issue",), OK, OK, OK),
    ("newsletter_test_send", ("newsletter_issue",), OK, OK, OK),
    ("newsletter_mailings:index", (), DENIED, OK, OK),
    ("newsletter_mailings:index_results", (), DENIED, OK, OK),
    ("newsletter_mailings:inspect", ("mailing",), DENIED, OK, OK),  # the failures with their errors
    ("newsletter_mailings:add", (), DENIED, DENIED, DENIED),  # mailings come from the scheduler only
    ("newsletter_mailings:edit", ("mailing",), DENIED, DENIED, OK),
    ("newsletter_mailings:delete", ("mailing",), DENIED, DENIED, OK),
    ("newsletter_mailings:history", ("mailing",), DENIED, DENIED, OK),
    ("newsletter_mailings:history_results", ("mailing",), DENIED, DENIED, OK),
    ("newsletter_mailings:usage", ("mailing",), DENIED, DENIED, OK),
    ("newsletter_subscribers:index", (), DENIED, DENIED, OK),
    ("newsletter_subscribers:index?export=csv", (), DENIED, DENIED, OK),  # logged: test_newsletter_admin.py
    ("newsletter_subscribers:index_results", (), DENIED, DENIED, OK),
    ("newsletter_subscribers:inspect", ("subscriber",), DENIED, DENIED, OK),
    ("newsletter_subscribers:add", (), DENIED, DENIED, DENIED),  # people subscribe themselves, with consent
    ("newsletter_subscribers:edit", ("subscriber",), DENIED, DENIED, OK),
    ("newsletter_subscribers:delete", ("subscriber",), DENIED, DENIED, OK),
    ("newsletter_subscribers:history", ("subscriber",), DENIED, DENIED, OK),
    ("newsletter_subscribers:history_results", ("subscriber",), DENIED, DENIED, OK),
    ("newsletter_subscribers:usage", ("subscriber",), DENIED, DENIED, OK),
]
NEWSLETTER += [
    (f"newsletter_announcements:{view}", args, DENIED, OK, OK)
    for view, args in (
        ("index", ()),
        ("index_results", ()),
        ("add", ()),
        ("edit", ("announcement",)),
        ("copy", ("announcement",)),
        ("delete", ("announcement",)),
        ("history", ("announcement",)),
        ("history_results", ("announcement",)),
        ("usage", ("announcement",)),
    )
]
MATRIX += [row[:4] for row in NEWSLETTER]

# Every snippet of our apps, action by action: (namespace, action, needs an instance, Redaktion, Kommunikation).
SNIPPET_ACTIONS = [
    ("wagtailsnippets", "list", False, OK, OK),
    ("wagtailsnippets", "list_results", False, OK, OK),
    ("wagtailsnippets", "add", False, OK, OK),
    ("wagtailsnippets", "edit", True, OK, OK),
    ("wagtailsnippets", "copy", True, OK, OK),
    ("wagtailsnippets", "usage", True, OK, OK),
    ("wagtailsnippets", "history", True, OK, OK),
    ("wagtailsnippets", "history_results", True, OK, OK),
    ("wagtailsnippets", "delete", True, DENIED, OK),
    ("wagtailsnippets", "reorder", True, GONE, GONE),  # POST only: see CHANGES for what a POST does
    ("wagtailsnippetchoosers", "choose", False, OK, OK),
    ("wagtailsnippetchoosers", "choose_results", False, OK, OK),
    ("wagtailsnippetchoosers", "chosen", True, OK, OK),
    ("wagtailsnippetchoosers", "chosen_multiple", False, OK, OK),
    ("wagtailsnippetchoosers", "create", False, OK, OK),
]


def snippet_rows():
    for model in get_snippet_models():
        label = f"{model._meta.app_label}_{model._meta.model_name}"
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for namespace, action, with_instance, editors, communications in SNIPPET_ACTIONS:
            name = f"{namespace}_{label}:{action}"
            args = (f"snippet:{model._meta.label}",) if with_instance else ()
            try:
                reverse(name, args=[1] if with_instance else [])
            except NoReverseMatch:
                continue  # e.g. "reorder" exists only for snippets with a sort order
            if action == "reorder" and issubclass(model, DraftStateMixin):
                editors = DENIED  # reordering a published list changes it at once: only those who may publish
            yield name, args, editors, communications


def png_file(name="bild.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def make_user(name, group=None, **fields):
    user = get_user_model().objects.create_user(
        name,
        email=f"{name}@ikpe.example",
        password=PASSWORD,
        first_name=name.capitalize(),
        last_name="Muster",
        **fields,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def add_page(parent, title, live=True, model=StandardPage, **fields):
    page = model(title=title, slug=re.sub(r"\W+", "-", title.lower()), body=paragraphs(f"Text von {title}"), **fields)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    else:
        page.live = False
        page.save(update_fields=["live"])
    return page


@pytest.fixture
def objects(demo_site):
    """The objects the admin views act on; users of every role; `me` is whoever `login` signed in last."""
    home = HomePage.objects.get()
    live = add_page(home, "Geprüfte Seite")
    live.save_revision()  # a second revision to compare
    form = FeedbackFormPage.objects.get(slug="rueckmeldung")
    collection = Collection.get_first_root_node().add_child(name="Intern")
    users = {role: make_user(role.lower(), role) for role in (EDITORS, COMMUNICATIONS, ADMINISTRATORS)}
    query = Query.get("sozialplanung")
    query.editors_picks.create(page=live, sort_order=0, description="Empfohlen")
    in_review = add_page(home, "In Prüfung", live=False)
    Workflow.objects.get(name=WORKFLOW_NAME).start(in_review, users[EDITORS])
    category_review = NewsCategory.objects.create(name="Stellenangebot", slug="stellenangebot", live=False)
    category_review.save_revision(user=users[EDITORS])
    Workflow.objects.get(name=WORKFLOW_NAME).start(category_review, users[EDITORS])
    snippet_reviews = {}
    for name, model, fields in [
        ("funder", Funder, {"name": "Neuer Geldgeber"}),
        ("district", District, {"name": "Neustadt", "slug": "neustadt", "kind": "rural_district"}),
        ("associationmember", AssociationMember, {"name": "Neues Mitglied"}),
    ]:
        review = model.objects.create(live=False, **fields)
        review.save_revision(user=users[EDITORS])
        Workflow.objects.get(name=WORKFLOW_NAME).start(review, users[EDITORS])
        snippet_reviews.update(
            {
                name: model.objects.filter(live=True).first(),
                f"{name}_review": review,
                f"{name}_revision": review.latest_revision,
                f"{name}_task": review.current_workflow_task_state,
                f"{name}_workflow": review.current_workflow_state,
            }
        )
    newsletter = newsletter_objects(home, users)
    locked = add_page(home, "Gesperrt")
    Page.objects.filter(pk=locked.pk).update(locked=True, locked_at=timezone.now(), locked_by=users[ADMINISTRATORS])
    return SimpleNamespace(
        home=home,
        live=live,
        live_revision=live.latest_revision,
        draft=add_page(home, "Entwurf", live=False),
        in_review=in_review,
        in_review_task=in_review.current_workflow_task_state,
        locked=locked,
        other_parent=StandardPage.objects.get(slug="verein"),
        colleague=make_user("ehemalige"),
        spare_group=Group.objects.create(name="Praktikum"),
        form=form,
        submission=FormSubmission.objects.create(page=form, form_data={"ihr_name": "Erika Muster"}),
        image=get_image_model().objects.first(),
        document=get_document_model().objects.first(),
        category=NewsCategory.objects.first(),
        category_review=category_review,
        category_revision=category_review.latest_revision,
        category_task=category_review.current_workflow_task_state,
        category_workflow=category_review.current_workflow_state,
        site=demo_site,
        collection=collection,
        query=query,
        redirect=Redirect.objects.create(old_path="/alte-seite", redirect_page=live),
        embargo=EmbargoLink.objects.create(page=live, recipient="Ministerium", embargo_until="2036-07-01T08:00Z"),
        workflow=Workflow.objects.get(name=WORKFLOW_NAME),
        boss=make_user("chefin", is_superuser=True),
        admin_group=Group.objects.get(name=ADMINISTRATORS),
        users=users,
        me=None,
        my_group=None,
        **snippet_reviews,
        **newsletter,
    )


def newsletter_objects(home, users):
    """An issue in the works, a subscriber, a mailing with a failed delivery and an announcement."""
    page = home.add_child(instance=NewsletterPage(title="Newsletter", slug="newsletter-abo"))
    issue = page.add_child(instance=NewsletterIssuePage(title="Ausgabe Juli", slug="ausgabe-juli", live=False))
    issue.save_revision(user=users[EDITORS])
    now = timezone.now()
    subscriber = Subscriber.objects.create(
        email="leserin@example.org", confirmed_at=now, consent_version="t", consent_text="t", consented_at=now
    )
    first, second, third = NewsPage.objects.live().order_by("pk")[:3]
    mailing = Mailing.objects.create(page=first, kind=Mailing.Kind.ANNOUNCEMENT, subject=first.title, html="", text="")
    mailing.deliveries.create(subscriber=subscriber, status="failed", last_error="SMTPRecipientsRefused")
    return {
        "newsletter_issue": issue,
        "subscriber": subscriber,
        "mailing": mailing,
        "announcement": Announcement.objects.create(post=second),
        "unannounced_post": third,
    }


def login(client, objects, role):
    client.logout()
    user = objects.users.get(role)
    objects.me = user or objects.boss  # anonymous visitors try the views with somebody's account
    objects.my_group = Group.objects.filter(name=role).first() or objects.admin_group
    if user:
        client.force_login(user)
    return user


def resolve_arg(objects, arg):
    if arg.startswith("snippet:"):
        from django.apps import apps

        return str(apps.get_model(arg.removeprefix("snippet:")).objects.order_by("pk").first().pk)
    if arg == "task":
        return str(objects.workflow.tasks.get().pk)
    value = getattr(objects, arg, arg)
    return str(getattr(value, "pk", value))


def matrix_url(objects, name, args):
    name, _, query = name.partition("?")
    url = reverse(name, args=[resolve_arg(objects, arg) for arg in args])
    if query:
        url += "?" + re.sub(r"\{(\w+)\}", lambda match: resolve_arg(objects, match[1]), query)
    return url


def outcome(response):
    """What a visitor gets: the view (200), Wagtail's "permission denied" (back to the dashboard with a message,
    or 403), the login page, or "not found"."""
    status, location = response.status_code, response.get("Location", "")
    if status == 200:
        return OK
    if status == 302 and "/login/" in location:
        return LOGIN
    if status == 302 and location.startswith("/admin/pages/add/"):
        return ADD_FORM
    if status == 403 or (status == 302 and location == reverse("wagtailadmin_home")):
        return DENIED
    if status in (404, 405):
        return GONE
    return f"{status} {location}".strip()


def all_rows():
    return [*MATRIX, *snippet_rows()]


@pytest.mark.parametrize("role", ROLES)
def test_admin_matrix(client, objects, role):
    login(client, objects, role)
    expected_by_role = {EDITORS: 2, COMMUNICATIONS: 3}
    mismatches = []
    for row in all_rows():
        expected = row[expected_by_role[role]] if role in expected_by_role else LOGIN
        url = matrix_url(objects, row[0], row[1])
        got = outcome(client.get(url))
        if got != expected:
            mismatches.append(f"{url}: expected {expected}, got {got}")
    assert not mismatches, "\n".join(mismatches)


def test_administration_sees_the_newsletter_views(client, objects):
    """The control for the newsletter rows: Administration opens every view the two roles may not."""
    login(client, objects, ADMINISTRATORS)
    mismatches = []
    for name, args, _editors, _communications, expected in NEWSLETTER:
        url = matrix_url(objects, name, args)
        got = outcome(client.get(url))
        if got != expected:
            mismatches.append(f"{url}: expected {expected}, got {got}")
    assert not mismatches, "\n".join(mismatches)


def admin_patterns():
    """(name, sample path, view) of every named URL pattern under /admin/, arguments filled with placeholders."""
    # Primary keys are "1" even where the route takes a string: Wagtail's snippet chooser answers "chosen/x/" with
    # a server error (ValueError for an integer key), a Wagtail bug reachable only by admin users.
    placeholders = [
        (r"\(\?P<\w+>\.\+\)", "1"),
        (r"\(\?P<(\w+)>(live\|\w+\|\\d\+)\)", r"(\2)"),
        (r"<(?:int|str):(?:\w+_)?(?:pk|id)>", "1"),
        (r"<(?:str:|slug:)?\w+>", "x"),
        (r"\(\\d\+\)", "1"),
        (r"\(live\|earliest\|\\d\+\)", "earliest"),
        (r"\(live\|latest\|\\d\+\)", "latest"),
        (r"\\\.", "."),
        (r"[\^$]", ""),
    ]

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route, ":".join(filter(None, [namespace, pattern.namespace])))
            elif pattern.name:
                for regex, value in placeholders:
                    route = re.sub(regex, value, route)
                yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), "/" + route, pattern.callback

    admin = next(pattern for pattern in get_resolver().url_patterns if str(pattern.pattern) == "admin/")
    return list(walk(admin.url_patterns, "admin/", None))


PUBLIC_ADMIN_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}


def test_anonymous_visitors_are_sent_to_the_login_from_every_admin_view(client, db):
    patterns = admin_patterns()
    assert len(patterns) > 200
    wrong = []
    for name, url, _ in patterns:
        got = {method: outcome(getattr(client, method)(url)) for method in ("get", "post")}
        expected = {OK, GONE} if name in PUBLIC_ADMIN_VIEWS else {LOGIN}
        if not set(got.values()) <= expected:
            wrong.append(f"{name} {url}: {got}")
    assert not wrong, "\n".join(wrong)


ADMINISTRATION_ONLY = (
    "wagtailusers_users:",
    "wagtailusers_groups:",
    "wagtailsites:",
    "wagtailadmin_collections:",
    "wagtailadmin_workflows:",
    "wagtailsettings:",
)


def administration_url(objects, name, url):
    """`url` of an administration-only view with the ids of existing objects instead of the placeholders: a 404 for
    a missing object must not pass for "denied"."""
    task = objects.workflow.tasks.first().specific
    ids = {
        "wagtailadmin_collections:": objects.collection.pk,
        "wagtailsites:": objects.site.pk,
        "wagtailusers_users:": objects.boss.pk,
        "wagtailusers_groups:": objects.spare_group.pk,
        "wagtailadmin_workflows:": task.pk if "task" in name else objects.workflow.pk,
    }
    prefix = next(prefix for prefix in ids if name.startswith(prefix))
    if name == "wagtailadmin_workflows:remove" and url.endswith("/1/1/"):
        return url.replace("/1/1/", f"/{objects.workflow.pk}/{objects.home.pk}/")
    if name == "wagtailadmin_workflows:add_task":
        return url.replace("/x/x/", f"/{task._meta.app_label}/{task._meta.model_name}/")
    if name.startswith("wagtailsettings:"):
        return url.replace("/x/x/1/", f"/core/sitesettings/{objects.site.pk}/").replace("/x/x/", "/core/sitesettings/")
    return url.replace("/1/", f"/{ids[prefix]}/")


# Wagtail answers these with "not found" for the objects at hand, whoever asks: an enabled workflow or task cannot
# be enabled, a workflow not assigned to the home page cannot be removed from it.
NOT_FOUND_FOR_EVERYONE = {
    "wagtailadmin_workflows:enable",
    "wagtailadmin_workflows:enable_task",
    "wagtailadmin_workflows:remove",
}
# Wagtail looks up the collection among those the user may delete: "not found" for the roles, the form for admins.
HIDDEN_FROM_ROLES = {"wagtailadmin_collections:delete"}


@pytest.mark.parametrize("role", [EDITORS, COMMUNICATIONS])
def test_every_admin_view_answers_the_roles_without_error(client, objects, role):
    """Also the views the matrix does not list, with placeholder arguments: never a server error, and nothing of
    user, group, site, collection, workflow and settings management (tried on existing objects, which the
    superuser can open)."""
    login(client, objects, role)
    covered = {row[0].partition("?")[0] for row in all_rows()}
    wrong, administration = [], []
    for name, url, _ in admin_patterns():
        # Wagtail's "failwhale" raises on purpose; set_page_position fails on the root page (placeholder id 1), which
        # has no parent: a Wagtail bug without consequence (admin users only, nothing changes).
        if name in ("wagtailadmin_logout", "wagtailadmin_error_test", "wagtailadmin_pages:set_page_position"):
            continue
        check = name.startswith(ADMINISTRATION_ONLY) and name not in covered  # the matrix says what to expect
        if check:
            url = administration_url(objects, name, url)
            if name not in NOT_FOUND_FOR_EVERYONE:
                administration.append(url)
        got = client.get(url)
        expected = GONE if name in NOT_FOUND_FOR_EVERYONE | HIDDEN_FROM_ROLES else DENIED
        if got.status_code >= 500 or (check and outcome(got) != expected):
            wrong.append(f"{name} {url}: {outcome(got)}")
    assert not wrong, "\n".join(wrong)
    # Control: the same addresses exist and open for the superuser.
    assert len(administration) >= 20
    client.force_login(objects.boss)
    outcomes = {url: outcome(client.get(url)) for url in administration}
    assert {url: got for url, got in outcomes.items() if got != OK} == {}


def test_matrix_covers_every_admin_view_of_the_project():
    """A new admin view of one of our apps (or a new snippet action, or setting) must join the matrix."""
    covered = {row[0].partition("?")[0] for row in all_rows()}
    owned = set()
    for name, _, view in admin_patterns():
        view_class = getattr(view, "view_class", None)
        model = getattr(view, "view_initkwargs", {}).get("model") or getattr(view_class, "model", None)
        app = getattr(getattr(model, "_meta", None), "app_label", None)
        module = (view_class or view).__module__.split(".")[0]
        if module in PROJECT_APPS or app in PROJECT_APPS:
            owned.add(name)
    assert {"editorial_calendar", "sitesearch_statistics", "sperrfrist_links:index", "wagtailimages:index"} <= owned
    assert not owned - covered, sorted(owned - covered)
    settings_rows = {row[1][:2] for row in MATRIX if row[0] == "wagtailsettings:edit"}
    for model in settings_registry:
        if model._meta.app_label in PROJECT_APPS:
            assert (model._meta.app_label, model._meta.model_name) in settings_rows, model


def live(page):
    return Page.objects.get(pk=page.pk).live


def gone(model, attribute):
    return lambda o: not model.objects.filter(pk=getattr(o, attribute).pk).exists()


def page_form(page, action):
    data = nested_form_data(
        {"title": page.title, "slug": page.slug, "body": streamfield([]), "teaser": "", "comments": inline_formset([])}
    )
    return {**data, action: "1"}


def post(name, *args, data=None):
    """A POST to the admin view `name` (arguments as in MATRIX); `data` may depend on the objects."""
    return lambda client, o: client.post(matrix_url(o, name, args), data(o) if callable(data) else data or {})


SETTINGS_FORM = {
    "institute_name": "Gekapert",
    "short_name": "IKPE",
    "street": "Anger 10",
    "postal_code": "99084",
    "city": "Erfurt",
}
NEW_USER = {
    "username": "hintertuer",
    "email": "hintertuer@ikpe.example",
    "first_name": "Hinter",
    "last_name": "Tür",
    "password1": "Ein-langes-Passwort-2024",
    "password2": "Ein-langes-Passwort-2024",
}
WRITERS = {EDITORS, COMMUNICATIONS, ADMINISTRATORS}
PUBLISHERS = {COMMUNICATIONS, ADMINISTRATORS}
# Changes: (what, the request, whether it happened, who may). Administration is the control that the request is valid.
CHANGES = [
    (
        "publish a draft in the editor",
        post("wagtailadmin_pages:edit", "draft", data=lambda o: page_form(o.draft, "action-publish")),
        lambda o: live(o.draft),
        PUBLISHERS,
    ),
    (
        "publish a draft as bulk action",
        post("wagtail_bulk_action?id={draft}", "wagtailcore", "page", "publish"),
        lambda o: live(o.draft),
        PUBLISHERS,
    ),
    (
        "schedule a draft as bulk action",
        post(
            "wagtail_bulk_action?id={draft}", "wagtailcore", "page", "schedule", data={"go_live_at": "01.07.2036 10:00"}
        ),
        lambda o: Revision.page_revisions.filter(object_id=str(o.draft.pk)).exclude(approved_go_live_at=None).exists(),
        PUBLISHERS,
    ),
    (
        "approve a page in review",
        post("wagtailadmin_pages:workflow_action", "in_review", "approve", "in_review_task"),
        lambda o: live(o.in_review),
        PUBLISHERS,
    ),
    ("unpublish a live page", post("wagtailadmin_pages:unpublish", "live"), lambda o: not live(o.live), PUBLISHERS),
    ("delete a live page", post("wagtailadmin_pages:delete", "live"), gone(Page, "live"), PUBLISHERS),
    ("delete a draft", post("wagtailadmin_pages:delete", "draft"), gone(Page, "draft"), WRITERS),
    (
        "move a live page",
        post("wagtailadmin_pages:move_confirm", "live", "other_parent"),
        lambda o: Page.objects.get(pk=o.live.pk).get_parent().pk == o.other_parent.pk,
        PUBLISHERS,
    ),
    (
        "reorder live pages",
        post("wagtailadmin_pages:set_page_position?position=0", "live"),
        lambda o: o.home.get_children().first().pk == o.live.pk,
        PUBLISHERS,
    ),
    (
        "make a page private",
        post("wagtailadmin_pages:set_privacy", "live", data={"restriction_type": "login"}),
        lambda o: PageViewRestriction.objects.filter(page=o.live).exists(),
        PUBLISHERS,
    ),
    (
        "unlock a page someone else locked",
        post("wagtailadmin_pages:unlock", "locked"),
        lambda o: not Page.objects.get(pk=o.locked.pk).locked,
        PUBLISHERS,
    ),
    (
        "delete a snippet",
        post("wagtailsnippets_news_newscategory:delete", "category"),
        gone(NewsCategory, "category"),
        PUBLISHERS,
    ),
    (
        "upload an image",
        post(
            "wagtailimages:add",
            data=lambda o: {
                "title": "Hochgeladen",
                "file": png_file(),
                "description": "Blaugrüne Fläche",
                "credit": "Foto: IKPE",
                "collection": Collection.get_first_root_node().pk,
                "tags": "",
            },
        ),
        lambda o: get_image_model().objects.filter(title="Hochgeladen").exists(),
        WRITERS,
    ),
    # Wagtail counts deleting a document or image as editing it (CollectionOwnershipPermissionPolicy).
    ("delete a document", post("wagtaildocs:delete", "document"), gone(get_document_model(), "document"), WRITERS),
    (
        "delete form submissions",
        post("wagtailforms:delete_submissions?selected-submissions={submission}", "form"),
        gone(FormSubmission, "submission"),
        PUBLISHERS,
    ),
    (
        "add a redirect",
        post(
            "wagtailredirects:add",
            data=lambda o: {
                "old_path": "/hintertuer",
                "site": "",
                "is_permanent": "on",
                "redirect_page": o.live.pk,
                "redirect_link": "",
            },
        ),
        lambda o: Redirect.objects.filter(old_path="/hintertuer").exists(),
        PUBLISHERS,
    ),
    (
        "set the send time of a newsletter issue",
        post(
            "wagtailadmin_pages:edit",
            "newsletter_issue",
            data=lambda o: nested_form_data(
                {
                    "title": o.newsletter_issue.title,
                    "slug": o.newsletter_issue.slug,
                    "intro": rich_text(""),
                    "send_at": "2036-07-01 09:00",
                    "items": inline_formset([]),
                    "comments": inline_formset([]),
                }
            ),
        ),
        lambda o: (
            NewsletterIssuePage.objects.get(pk=o.newsletter_issue.pk).get_latest_revision_as_object().send_at
            is not None
        ),
        PUBLISHERS,
    ),
    (
        "announce a post by mail",
        post("newsletter_announcements:add", data=lambda o: {"post": o.unannounced_post.pk}),
        lambda o: Announcement.objects.filter(post=o.unannounced_post).exists(),
        PUBLISHERS,
    ),
    (
        "change a mailing",
        post("newsletter_mailings:edit", "mailing", data={"subject": "Geändert"}),
        lambda o: Mailing.objects.get(pk=o.mailing.pk).subject == "Geändert",
        {ADMINISTRATORS},
    ),
    (
        "delete a subscriber",
        post("newsletter_subscribers:delete", "subscriber"),
        gone(Subscriber, "subscriber"),
        {ADMINISTRATORS},
    ),
    (
        "change the site settings",
        post("wagtailsettings:edit", "core", "sitesettings", "site", data=SETTINGS_FORM),
        lambda o: SiteSettings.for_site(o.site).institute_name == "Gekapert",
        {ADMINISTRATORS},
    ),
    (
        "create a user",
        post("wagtailusers_users:add", data=NEW_USER),
        lambda o: get_user_model().objects.filter(username="hintertuer").exists(),
        {ADMINISTRATORS},
    ),
    (
        "delete a user as bulk action",
        post("wagtail_bulk_action?id={colleague}", "core", "user", "delete"),
        gone(get_user_model(), "colleague"),
        {ADMINISTRATORS},
    ),
    ("delete a group", post("wagtailusers_groups:delete", "spare_group"), gone(Group, "spare_group"), {ADMINISTRATORS}),
    (
        "disable the approval workflow",
        post("wagtailadmin_workflows:disable", "workflow"),
        lambda o: not Workflow.objects.get(pk=o.workflow.pk).active,
        {ADMINISTRATORS},
    ),
    (
        "create a workflow task in the chooser",
        post(
            "wagtailadmin_workflows:task_chooser_create?create_model=wagtailcore.GroupApprovalTask",
            data=lambda o: {"create-task-name": "Hintertür", "create-task-groups": [o.my_group.pk]},
        ),
        lambda o: Task.objects.filter(name="Hintertür").exists(),
        {ADMINISTRATORS},
    ),
]


@pytest.mark.parametrize("what, request_, happened, allowed", CHANGES, ids=[change[0] for change in CHANGES])
def test_changes(client, objects, what, request_, happened, allowed):
    wrong = []
    for role in [*ROLES, ADMINISTRATORS]:
        with transaction.atomic():  # every role starts from the same state
            login(client, objects, role)
            response = request_(client, objects)
            if response.status_code >= 500 or happened(objects) != (role in allowed):
                wrong.append(
                    f"{role}: {'did' if role not in allowed else 'could not'} {what} "
                    f"({response.status_code} {response.get('Location', '')})"
                )
            transaction.set_rollback(True)
        for cache in caches.all():
            cache.clear()
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", [EDITORS, COMMUNICATIONS])
def test_nobody_gives_themselves_more_rights(client, objects, role):
    """Through the user form, the own account form or the group form: the request is refused and nothing changes."""
    user = login(client, objects, role)
    group = objects.my_group
    permissions = set(group.permissions.values_list("pk", flat=True))
    response = client.post(
        reverse("wagtailusers_users:edit", args=[user.pk]),
        {
            "username": user.username,
            "email": user.email,
            "first_name": "X",
            "last_name": "Y",
            "is_active": "on",
            "is_superuser": "on",
            "groups": [objects.admin_group.pk],
        },
    )
    assert outcome(response) == DENIED
    client.post(
        reverse("wagtailadmin_account"),
        {
            "is_superuser": "on",
            "is_staff": "on",
            "groups": [objects.admin_group.pk],
            "name_email-first_name": "X",
            "name_email-last_name": "Y",
            "name_email-email": user.email,
        },
    )
    response = client.post(
        reverse("wagtailusers_groups:edit", args=[group.pk]),
        {"name": group.name, "permissions": list(Permission.objects.values_list("pk", flat=True))},
    )
    assert outcome(response) == DENIED
    user.refresh_from_db()
    assert not (user.is_superuser or user.is_staff)
    assert list(user.groups.values_list("name", flat=True)) == [role]
    assert set(group.permissions.values_list("pk", flat=True)) == permissions


@pytest.mark.parametrize("role", [EDITORS, COMMUNICATIONS])
def test_bulk_actions_do_not_reveal_user_names(client, objects, role):
    login(client, objects, role)
    for action in ("delete", "assign_role", "set_active_state"):
        response = client.get(
            matrix_url(objects, "wagtail_bulk_action?id={boss}", ("core", "user", action)), follow=True
        )
        assert response.status_code == 200 and response.redirect_chain[0][0] == reverse("wagtailadmin_home")
        assert objects.boss.email not in response.content.decode()


@pytest.fixture
def confidential(objects):
    """A page and a document only Kommunikation may see (view restrictions for that group)."""
    communications = Group.objects.get(name=COMMUNICATIONS)
    page = add_page(objects.home, "Interne Sprachregelung")
    PageViewRestriction.objects.create(page=page, restriction_type="groups").groups.add(communications)
    document = pdf_document("Interner Vermerk", ["Nur für die Kommunikation"])
    document.collection = objects.collection
    document.save()
    CollectionViewRestriction.objects.create(collection=objects.collection, restriction_type="groups").groups.add(
        communications
    )
    return page, document


@pytest.mark.parametrize("role, sees", [(ANONYMOUS, False), (EDITORS, False), (COMMUNICATIONS, True)])
def test_private_pages_and_documents(client, objects, confidential, role, sees):
    login(client, objects, role)
    page, document = confidential
    for url, secret in ((page.url, b"Text von Interne Sprachregelung"), (document.url, b"%PDF")):
        response = client.get(url)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert (response.status_code == 200 and secret in content) == sees, url
        if not sees and url == page.url:
            assert response.status_code == 302 and "login" in response["Location"]
        elif not sees:  # a document no live page links is not released: 404 for anyone outside the admin
            assert response.status_code in {302, 404}


def test_revisions_of_another_page_are_not_shown(client, objects):
    """A revision is only shown, compared or restored through the page it belongs to."""
    login(client, objects, EDITORS)
    other = objects.draft.latest_revision.pk
    own = objects.live_revision.pk
    for name, args in (
        ("revisions_view", (objects.live.pk, other)),
        ("revisions_revert", (objects.live.pk, other)),
        ("revisions_compare", (objects.live.pk, other, own)),
        ("revisions_compare", (objects.live.pk, own, other)),
    ):
        assert client.get(reverse(f"wagtailadmin_pages:{name}", args=args)).status_code == 404, name
    assert client.get(reverse("wagtailadmin_pages:revisions_view", args=[objects.live.pk, own])).status_code == 200


def test_an_editor_of_one_section_sees_no_other_section(client, objects):
    """Pages without permission: no editor, history, revision, comparison, draft, preview or copy – also not by
    copying them into the own section (the class of Wagtail's advisories on copy and revisions)."""
    section = Group.objects.create(name="Redaktion Projekte")
    section.permissions.add(Permission.objects.get(codename="access_admin"))
    projects = ProjectIndexPage.objects.get()
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=section, page=projects, permission=Permission.objects.get(codename=codename)
        )
    client.force_login(make_user("projektredakteur"))
    get_user_model().objects.get(username="projektredakteur").groups.add(section)
    inside, outside = ProjectPage.objects.first(), NewsPage.objects.first()
    for page, expected in ((inside, OK), (outside, DENIED)):
        revision = page.latest_revision.pk
        for name, args in (
            ("edit", ()),
            ("history", ()),
            ("revisions_view", (revision,)),
            ("copy", ()),
            ("revisions_compare", ("earliest", "latest")),
            ("view_draft", ()),
            ("preview_on_edit", ()),
            ("workflow_history", ()),
        ):
            url = reverse(f"wagtailadmin_pages:{name}", args=[page.pk, *args])
            assert outcome(client.get(url)) == expected, url
    for page, copied in ((outside, False), (inside, True)):
        copies = Page.objects.filter(title=page.title).count()
        client.post(
            reverse("wagtailadmin_pages:copy", args=[page.pk]),
            {"new_title": page.title, "new_slug": f"kopie-{page.pk}", "new_parent_page": projects.pk},
        )
        assert Page.objects.filter(title=page.title).count() == copies + copied


def test_deleting_submissions_spares_other_forms(client, objects):
    """Submission ids of another form page are ignored by a form page's delete view."""
    login(client, objects, COMMUNICATIONS)
    other = FormSubmission.objects.create(page=FeedbackFormPage.objects.get(slug="nachricht"), form_data={})
    url = reverse("wagtailforms:delete_submissions", args=[objects.form.pk])
    client.post(f"{url}?selected-submissions={objects.submission.pk}&selected-submissions={other.pk}")
    assert not FormSubmission.objects.filter(pk=objects.submission.pk).exists()
    assert FormSubmission.objects.filter(pk=other.pk).exists()
