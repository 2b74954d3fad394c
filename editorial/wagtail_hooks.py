from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.userbar import ContentCheckerItem

from . import approval, expiry
from .bulk_actions import ScheduleBulkAction, UnscheduleBulkAction
from .calendar import EXPIRY_LOG_ACTION, expiry_log_formatter
from .checker import GermanContentChecker
from .documents import may_download
from .listings import EditorialListingsGroup
from .notifications import send_due_notices
from .panels import ScheduledPublicationsPanel
from .permissions import can_manage_embargo_links
from .views import EditorGuideView, EditorialCalendarView, renew_feed_token, reschedule_view
from .viewsets import EmbargoLinkViewSet

embargo_link_viewset = EmbargoLinkViewSet()


@hooks.register("construct_homepage_panels")
def add_scheduled_publications_panel(request, panels):
    panels.append(ScheduledPublicationsPanel())


@hooks.register("register_admin_urls")
def register_calendar_url():
    return [
        path("redaktionskalender/", EditorialCalendarView.as_view(), name="editorial_calendar"),
        path("redaktionskalender/verschieben/", reschedule_view, name="editorial_calendar_move"),
        path("redaktionskalender/abo-erneuern/", renew_feed_token, name="editorial_calendar_feed_renew"),
        path("freigabe/geplant/<int:revision_id>/", approval.confirm_scheduled, name="editorial_scheduled"),
        path("seiten/<int:page_id>/ablauf/", expiry.ExpiryView.as_view(), name="editorial_expiry"),
    ]


@hooks.register("register_log_actions")
def register_calendar_log_actions(actions):
    actions.register_action(EXPIRY_LOG_ACTION)(expiry_log_formatter())


@hooks.register("register_admin_menu_item")
def register_calendar_menu_item():
    return MenuItem(_("Editorial calendar"), reverse("editorial_calendar"), icon_name="calendar", order=150)


@hooks.register("register_admin_viewset")
def register_embargo_link_viewset():
    return embargo_link_viewset


@hooks.register("register_admin_viewset")
def register_listings():
    return EditorialListingsGroup()


class CreateEmbargoLinkMenuItem(PageMenuItem):
    label = _("Create embargo link")
    icon_name = "lock"

    def is_shown(self, user):
        return can_manage_embargo_links(user)

    @property
    def url(self):
        return f"{reverse(embargo_link_viewset.get_url_name('add'))}?page={self.page.pk}"


@hooks.register("register_page_header_buttons")
def page_header_embargo_button(page, user, view_name, next_url=None):
    yield CreateEmbargoLinkMenuItem(page=page, priority=68)


@hooks.register("register_page_listing_more_buttons")
def page_listing_embargo_button(page, user, next_url=None):
    yield CreateEmbargoLinkMenuItem(page=page, priority=55)


@hooks.register("before_serve_document")
def hold_back_unreleased_documents(document, request):
    """Documents used only by drafts and embargoed pages: editors and embargo links only (editorial/documents.py)."""
    if not may_download(document, request):
        raise Http404


@hooks.register("before_serve_page")
def hide_expired_pages(page, request, serve_args, serve_kwargs):
    """A page past its expiry is gone at that moment, as in every listing, not only when the scheduler next
    runs (up to a minute later) and unpublishes it."""
    if page.expire_at and page.expire_at <= timezone.now():
        raise Http404


@hooks.register("register_admin_urls")
def register_editor_guide_url():
    return [path("anleitung/", EditorGuideView.as_view(), name="editor_guide")]


@hooks.register("construct_help_menu")
def german_editor_guide_in_help_menu(request, items):
    """Help points to our German guide instead of Wagtail's English editor guide and release notes."""
    items[:] = [item for item in items if item.name != "editor-guide" and not item.name.startswith("whats-new")]
    items.append(
        MenuItem(_("Editor guide"), reverse("editor_guide"), name="ikpe-editor-guide", icon_name="help", order=1100)
    )


# Approve and schedule in one dialog; expiry on its own (editorial/approval.py, editorial/expiry.py).
hooks.register("after_edit_page", approval.after_edit_page)
hooks.register("construct_page_action_menu", approval.label_action_menu)
hooks.register("register_log_actions", expiry.register_log_actions)
# "ist jetzt online" and the daily digest, once each, in every scheduler pass (run_scheduler's hook).
hooks.register("scheduler_pass", send_due_notices)


@hooks.register("register_page_header_buttons")
def page_header_expiry_button(page, user, view_name, next_url=None):
    yield expiry.ExpiryMenuItem(page=page, priority=66, next_url=next_url)


@hooks.register("register_page_listing_more_buttons")
def page_listing_expiry_button(page, user, next_url=None):
    yield expiry.ExpiryMenuItem(page=page, priority=53, next_url=next_url)


hooks.register("register_bulk_action", ScheduleBulkAction)
hooks.register("register_bulk_action", UnscheduleBulkAction)


@hooks.register("construct_wagtail_userbar")
def use_german_content_checker(request, items, page):
    # Used for the userbar on the site, in the preview panel and for the editor's "Checks" side panel.
    items[:] = [
        GermanContentChecker(in_editor=item.in_editor) if isinstance(item, ContentCheckerItem) else item
        for item in items
    ]
