from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from .bulk_actions import ScheduleBulkAction, UnscheduleBulkAction
from .documents import may_download
from .listings import EditorialListingsGroup
from .panels import ScheduledPublicationsPanel
from .permissions import can_manage_embargo_links
from .views import EditorialCalendarView
from .viewsets import EmbargoLinkViewSet

embargo_link_viewset = EmbargoLinkViewSet()


@hooks.register("construct_homepage_panels")
def add_scheduled_publications_panel(request, panels):
    panels.append(ScheduledPublicationsPanel())


@hooks.register("register_admin_urls")
def register_calendar_url():
    return [path("redaktionskalender/", EditorialCalendarView.as_view(), name="editorial_calendar")]


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


hooks.register("register_bulk_action", ScheduleBulkAction)
hooks.register("register_bulk_action", UnscheduleBulkAction)
