"""Admin: issues are pages (workflow, preview as HTML mail and plain text); a test send to oneself; the
mailings with their counts and failures for Kommunikation; subscribers for Administration only (exports
are logged); announcements per post; the send times for the Redaktionskalender."""

from types import SimpleNamespace

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from . import outbox
from .models import Announcement, Mailing, NewsletterIssuePage, Subscriber

# Every scheduler pass queues due issues and announcements and sends from the outbox (run_scheduler's hook).
hooks.register("scheduler_send", outbox.run)


def test_send(request, page_id):
    """Send the latest draft of an issue to the editor's own address (through the mail queue)."""
    from django.core.mail import EmailMultiAlternatives

    from .mail import render_issue

    page = get_object_or_404(NewsletterIssuePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        return redirect("wagtailadmin_home")
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if request.method == "POST":
        if not request.user.email:
            messages.error(request, _("Your account has no email address."))
            return redirect(edit_url)
        subject, html, text = render_issue(page.get_latest_revision_as_object(), sample=True)
        message = EmailMultiAlternatives(_("[Test] %(subject)s") % {"subject": subject}, text, to=[request.user.email])
        message.attach_alternative(html, "text/html")
        message.send()
        messages.success(request, _("A test mail is on its way to %(email)s.") % {"email": request.user.email})
        return redirect(edit_url)
    return TemplateResponse(request, "newsletter/admin/test_send.html", {"page": page, "edit_url": edit_url})


@hooks.register("register_admin_urls")
def admin_urls():
    return [path("newsletter/test/<int:page_id>/", test_send, name="newsletter_test_send")]


class TestSendMenuItem(ActionMenuItem):
    label = gettext_lazy("Send test mail to me")
    name = "action-newsletter-test"
    icon_name = "mail"

    def is_shown(self, context):
        return context["view"] == "edit" and isinstance(context["page"], NewsletterIssuePage)

    def get_url(self, parent_context):
        return reverse("newsletter_test_send", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def test_send_menu_item():
    return TestSendMenuItem(order=90)


class SubscriberIndexView(IndexView):
    def get(self, request, *args, **kwargs):
        if self.is_export:
            log(
                instance=request.user,
                action="newsletter.export",
                data={"format": request.GET.get("export"), "count": self.get_queryset().count()},
            )
        return super().get(request, *args, **kwargs)


class NoAddingPolicy(ModelPermissionPolicy):
    """Rows nobody adds by hand: subscribers sign up themselves (with consent), mailings come from the scheduler."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


class SubscriberViewSet(ModelViewSet):
    """Only Administration holds the subscriber permissions."""

    model = Subscriber
    name = "newsletter_subscribers"
    url_prefix = "newsletter/subscribers"
    icon = "user"
    menu_label = gettext_lazy("Subscribers")
    index_view_class = SubscriberIndexView
    list_display = ["email", "name", "confirmed_at", "created_at"]
    list_filter = ["confirmed_at"]
    list_export = ["email", "name", "confirmed_at", "created_at", "consent_version", "consented_at"]
    search_fields = ["email", "name"]
    form_fields = ["name", "categories", "projects"]
    inspect_view_enabled = True
    copy_view_enabled = False

    @property
    def permission_policy(self):
        return NoAddingPolicy(self.model)

    add_to_admin_menu = False


class MailingViewSet(ModelViewSet):
    """Per mailing: queued, sent and failed deliveries; the failed ones with their error in the inspect view."""

    model = Mailing
    name = "newsletter_mailings"
    url_prefix = "newsletter/mailings"
    icon = "mail"
    menu_label = gettext_lazy("Mailings")
    list_display = ["subject", "kind", "created_at", "queued", "sent", "failed"]
    inspect_view_enabled = True
    inspect_view_fields = ["subject", "kind", "created_at", "failures"]
    add_to_admin_menu = False
    form_fields = ["subject"]  # only Administration may change anything; Kommunikation only views
    copy_view_enabled = False

    @property
    def permission_policy(self):
        return NoAddingPolicy(self.model)

    def get_queryset(self, request):
        return Mailing.objects.annotate(
            n_queued=Count("deliveries", filter=Q(deliveries__status__in=["queued", "sending"])),
            n_sent=Count("deliveries", filter=Q(deliveries__status="sent")),
            n_failed=Count("deliveries", filter=Q(deliveries__status="failed")),
        )


class AnnouncementViewSet(ModelViewSet):
    model = Announcement
    name = "newsletter_announcements"
    url_prefix = "newsletter/announcements"
    icon = "mail"
    menu_label = gettext_lazy("Announcements by mail")
    list_display = ["post", "created_at"]
    add_to_admin_menu = False
    form_fields = ["post"]


class NewsletterGroup(ViewSetGroup):
    menu_label = gettext_lazy("Newsletter")
    menu_icon = "mail"
    menu_order = 250
    items = (MailingViewSet, AnnouncementViewSet, SubscriberViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return NewsletterGroup()


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "newsletter.export", gettext_lazy("Export subscribers"), gettext_lazy("Subscriber list exported")
    )


@hooks.register("editorial_calendar_items")
def calendar_items(start, end, user):
    """The send times of issues in [start, end) that the user may edit (contract of the Redaktionskalender)."""
    issues = NewsletterIssuePage.objects.filter(send_at__gte=start, send_at__lt=end).order_by("send_at")
    items = []
    for issue in issues:
        if issue.permissions_for_user(user).can_edit():
            items.append(
                SimpleNamespace(
                    kind="newsletter",
                    at=issue.send_at,
                    title=_("Newsletter: %(title)s") % {"title": issue.title},
                    edit_url=reverse("wagtailadmin_pages:edit", args=[issue.pk]),
                )
            )
    return items
