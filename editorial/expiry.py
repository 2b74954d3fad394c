"""Set or clear the expiry of a live page on its own, without publishing the pending draft.

Wagtail applies an expiry only when a revision is published, and with it the latest draft. Here Kommunikation
(whoever may publish the page) sets `Page.expire_at` directly; `publish_scheduled` (run by `run_scheduler`)
unpublishes the page at that time. The same time is written into the revisions that may still be published
(the latest draft and a scheduled one), so publishing them later keeps the expiry instead of clearing it.
The change is logged in the page history ("Ablauf festgelegt" / "Ablauf aufgehoben").
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page

from .approval import BerlinDateTimeField
from .formats import format_datetime

SET_ACTION = "ikpe.expiry.set"
CLEAR_ACTION = "ikpe.expiry.clear"


class ExpiryForm(forms.Form):
    expire_at = BerlinDateTimeField(
        label=_("Expiry"),
        required=False,
        help_text=_("Date and time in Europe/Berlin at which the page goes offline. Empty: no expiry."),
    )

    def clean_expire_at(self):
        value = self.cleaned_data["expire_at"]
        if value and value <= timezone.now():
            raise forms.ValidationError(
                gettext('The expiry must lie in the future. To take the page offline now, use "Unpublish".')
            )
        return value


def can_set_expiry(page, user):
    return page.live and page.permissions_for_user(user).can_publish()


def set_expiry(page, expire_at, user):
    """The live page's expiry, and that of the revisions still to be published; logged in the history."""
    page.expire_at = expire_at
    page.save(update_fields=["expire_at"], clean=False)  # a public change: the page cache learns the new time
    value = DjangoJSONEncoder().default(expire_at) if expire_at else None
    pending = page.revisions.filter(approved_go_live_at__isnull=False)
    if page.latest_revision_id:
        pending = pending | page.revisions.filter(pk=page.latest_revision_id)
    for revision in pending:
        revision.content["expire_at"] = value
        revision.save(update_fields=["content"])
    log(instance=page, action=SET_ACTION if expire_at else CLEAR_ACTION, user=user, data={"expire_at": value})


class ExpiryView(WagtailAdminTemplateMixin, FormView):
    """ "Ablauf festlegen": one field, for a live page, by whoever may publish it."""

    template_name = "editorial/expiry_form.html"
    form_class = ExpiryForm
    page_title = _("Set expiry")
    header_icon = "time"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, pk=page_id).specific
        if not can_set_expiry(self.page, request.user):
            raise PermissionDenied
        self.next_url = get_valid_next_url_from_request(request) or reverse(
            "wagtailadmin_explore", args=[self.page.get_parent().pk]
        )
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_initial(self):
        return {"expire_at": self.page.expire_at}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=self.page,
            next_url=self.next_url,
            has_draft=self.page.has_unpublished_changes,
            current=format_datetime(self.page.expire_at) if self.page.expire_at else "",
            **kwargs,
        )

    def form_valid(self, form):
        expire_at = form.cleaned_data["expire_at"]
        set_expiry(self.page, expire_at, self.request.user)
        if expire_at:
            message = gettext("'%(title)s' goes offline on %(when)s.") % {
                "title": self.page.title,
                "when": format_datetime(expire_at),
            }
        else:
            message = gettext("'%(title)s' no longer has an expiry.") % {"title": self.page.title}
        messages.success(self.request, message)
        return redirect(self.next_url)


class ExpiryMenuItem(PageMenuItem):
    label = _("Set expiry")
    icon_name = "time"

    def is_shown(self, user):
        return can_set_expiry(self.page, user)

    @property
    def url(self):
        url = reverse("editorial_expiry", args=[self.page.pk])
        return f"{url}?{urlencode({'next': self.next_url})}" if self.next_url else url


class ExpiryFormatter(LogFormatter):
    label = _("Set expiry")

    def format_message(self, log_entry):
        from django.utils.dateparse import parse_datetime

        value = parse_datetime((log_entry.data or {}).get("expire_at") or "")
        if value is None:
            return gettext("Expiry removed")
        return gettext("Expiry set to %(when)s") % {"when": format_datetime(value)}


class ExpiryClearedFormatter(ExpiryFormatter):
    label = _("Remove expiry")


def register_log_actions(actions):
    actions.register_action(SET_ACTION)(ExpiryFormatter)
    actions.register_action(CLEAR_ACTION)(ExpiryClearedFormatter)
