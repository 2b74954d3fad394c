"""Newsletter: subscribers with double opt-in, issues (pages under the newsletter page) and an outbox.

Nothing is sent from a web request: a subscription or an issue only writes rows; `run_scheduler` turns due
issues and announcements into one `Delivery` per recipient and sends them (newsletter/outbox.py).
"""

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from ikpe_site.core.blocks import RICH_TEXT_FEATURES
from ikpe_site.core.models import BasePage, BasePageForm

from .subscribers import CONSENT_TEXT, CONSENT_VERSION, Subscriber, new_key  # noqa: F401 (the app's models)
from .views import subscribe_response


# The consent text a subscriber agrees to; a new wording gets a new version, each subscriber keeps theirs.
class NewsletterPage(BasePage):
    """The page where visitors subscribe ("Newsletter"); its children are the issues (the archive)."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("teaser"), FieldPanel("intro")]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["newsletter.NewsletterIssuePage"]
    max_count = 1

    class Meta:
        verbose_name = _("newsletter page")

    # A form without a CSRF cookie (anonymous visitors get none): ikpe_site.core.security.csrf and an Origin check.
    @method_decorator(csrf_exempt)
    def serve(self, request, *args, **kwargs):
        return subscribe_response(request, page=self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["issues"] = (
            NewsletterIssuePage.objects.child_of(self)
            .live()
            .public()
            .order_by("-send_at")
            .only("id", "title", "url_path", "path", "depth", "send_at")
        )
        return context


class IssueForm(BasePageForm):
    """The send time starts the send: only those who may publish the issue (Kommunikation, Administration) set it.
    Others see it read-only; a value they post is ignored and the current one (the latest revision's) kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None or "send_at" not in self.fields:
            return
        if self.instance.pk:
            may_publish = self.instance.permissions_for_user(self.for_user).can_publish()
        else:
            parent = self.parent_page
            may_publish = parent is not None and parent.permissions_for_user(self.for_user).can_publish_subpage()
        if not may_publish:
            field = self.fields["send_at"]
            field.disabled = True
            field.help_text = _("Only Kommunikation sets the send time.")
            # Also when restoring an older revision: the send time stays the current one.
            stored = self.instance.pk and NewsletterIssuePage.objects.filter(pk=self.instance.pk).first()
            self.initial["send_at"] = stored.get_latest_revision_as_object().send_at if stored else None


class NewsletterIssuePage(BasePage):
    """An issue ("Ausgabe"): composed by Redaktion, approved through the workflow and given a send time by
    Kommunikation. It is sent once, when it is live and its send time has come."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    send_at = models.DateTimeField(
        _("send time"),
        null=True,
        blank=True,
        help_text=_(
            "Set by Kommunikation (Berlin time). The issue is sent once it is published and this time has "
            "come. Empty: not sent."
        ),
    )
    categories = ParentalManyToManyField(
        "news.NewsCategory",
        verbose_name=_("topics"),
        blank=True,
        related_name="+",
        help_text=_(
            "Who receives the issue: subscribers of these topics or programmes (none selected: all subscribers)."
        ),
    )
    projects = ParentalManyToManyField(
        "projects.ProjectPage", verbose_name=_("programmes"), blank=True, related_name="+"
    )
    include_new_posts = models.BooleanField(
        _("add everything new in these topics"),
        default=False,
        help_text=_(
            "Also list every news post of the selected topics and programmes published since the previous issue."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("items", label=_("Chosen posts, events and publications")),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("projects", widget=forms.CheckboxSelectMultiple),
                FieldPanel("include_new_posts"),
            ],
            _("Recipients and automatic content"),
        ),
        FieldPanel("send_at"),
    ]

    base_form_class = IssueForm
    exclude_fields_in_copy = ["send_at"]  # a copy is a new issue: Kommunikation gives it its own send time

    parent_page_types = ["newsletter.NewsletterPage"]
    subpage_types = []
    preview_modes = [("", _("HTML mail")), ("text", _("Plain text"))]

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def serve_preview(self, request, mode_name):
        from django.http import HttpResponse

        from .mail import render_issue

        subject, html, text = render_issue(self, sample=True)
        if mode_name == "text":
            return HttpResponse(text, content_type="text/plain; charset=utf-8")
        return HttpResponse(html)

    def get_context(self, request, *args, **kwargs):
        from .mail import entry

        context = super().get_context(request, *args, **kwargs)
        context["entries"] = [entry(page) for page in self.entries]
        return context

    def previous_issue(self):
        before = self.send_at or timezone.now()
        return (
            NewsletterIssuePage.objects.live()
            .exclude(pk=self.pk)
            .filter(send_at__lt=before)
            .order_by("-send_at")
            .first()
        )

    @cached_property
    def entries(self):
        """The pages the issue lists, specific and live, chosen ones first, then new posts of its topics."""
        chosen = [item.page.specific for item in self.items.all() if item.page_id and item.page.live]
        if self.include_new_posts:
            from news.models import NewsPage

            posts = NewsPage.objects.visible()
            if self.pk and (self.categories.exists() or self.projects.exists()):
                posts = posts.filter(
                    models.Q(categories__in=self.categories.all()) | models.Q(projects__in=self.projects.all())
                ).distinct()
            previous = self.previous_issue()
            if previous is not None:
                posts = posts.filter(first_published_at__gt=previous.send_at)
            seen = {page.pk for page in chosen}
            chosen += [post for post in posts.order_by("-first_published_at")[:30] if post.pk not in seen]
        return chosen


class IssueItem(Orderable):
    issue = ParentalKey(NewsletterIssuePage, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("page", ["news.NewsPage", "events.EventPage", "publications.PublicationPage"])]


class Mailing(models.Model):
    """One send: an issue or the announcement of a post. The page is unique, so each is sent at most once."""

    class Kind(models.TextChoices):
        ISSUE = "issue", _("Newsletter issue")
        ANNOUNCEMENT = "announcement", _("Announcement")

    page = models.OneToOneField("wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=255)
    html = models.TextField()
    text = models.TextField()
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")

    def __str__(self):
        return self.subject

    def counts(self):
        rows = self.deliveries.values("status").annotate(n=models.Count("id"))
        found = {row["status"]: row["n"] for row in rows}
        return {status: found.get(status, 0) for status in Delivery.Status.values}

    # Columns of the admin list (annotated there in one query; counted here otherwise).
    def queued(self):
        if hasattr(self, "n_queued"):
            return self.n_queued
        counts = self.counts()
        return counts["queued"] + counts["sending"]

    queued.short_description = _("queued")

    def sent(self):
        return self.n_sent if hasattr(self, "n_sent") else self.counts()["sent"]

    sent.short_description = _("sent")

    def failed(self):
        return self.n_failed if hasattr(self, "n_failed") else self.counts()["failed"]

    failed.short_description = _("failed")

    def failures(self):
        """The failed deliveries with their last error (no addresses: Kommunikation does not see subscribers)."""
        rows = self.deliveries.filter(status=Delivery.Status.FAILED).order_by("pk")[:200]
        return "\n".join(f"#{row.pk} ({row.attempts}×): {row.last_error}" for row in rows) or "–"

    failures.short_description = _("failures")


class Delivery(models.Model):
    """One mailing to one subscriber: the outbox row. Unique per mailing and subscriber."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled (unsubscribed)")

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=12, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [models.UniqueConstraint(fields=["mailing", "subscriber"], name="newsletter_one_per_recipient")]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.mailing_id}/{self.subscriber_id}: {self.status}"


class AnnouncementQuerySet(models.QuerySet):
    def due(self):
        return self.filter(post__live=True)


class Announcement(models.Model):
    """ "Send this post by mail when it goes live": Kommunikation adds one per post; subscribers of the
    post's categories get it once (the mailing is unique per page)."""

    post = models.OneToOneField(
        "news.NewsPage", verbose_name=_("news post"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AnnouncementQuerySet.as_manager()

    panels = [PageChooserPanel("post", "news.NewsPage")]

    class Meta:
        verbose_name = _("announcement by mail")
        verbose_name_plural = _("announcements by mail")

    def __str__(self):
        return str(self.post)
