"""News ("Aktuelles"): posts, press releases and announcements with categories, tags, feeds and a year archive."""

import datetime

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, LockableMixin, Page, PageManager, RevisionMixin, WorkflowMixin
from wagtail.search import index

from ikpe_site.core.blocks import BodyBlock
from ikpe_site.core.cache import memoize
from ikpe_site.core.dates import format_date
from ikpe_site.core.listing import listing_context
from ikpe_site.core.models import BasePage, DatePrecision, SitePageQuerySet

from .forms import NewsFilterForm

PER_PAGE = 12


class NewsCategory(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """ "Pressemitteilung", "IKPE unterwegs", …: a snippet, so the communications team keeps the list.

    Shown on every post and in the news filter, so it is published like a page: a new category or a renamed
    one is a draft until Kommunikation approves it (the same workflow as pages); visitors see only live ones.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Used in addresses such as /aktuelles/?kategorie=pressemitteilung."),
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="newscategory")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="newscategory",
        for_concrete_model=False,
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = _("news tag")
        verbose_name_plural = _("news tags")


class NewsPageQuerySet(SitePageQuerySet):
    def for_listing(self):
        """Newest first by display date, with everything a teaser card shows, in a fixed number of queries."""
        return (
            self.defer_streamfields()
            .select_related("listing_image")
            .prefetch_related("categories", "listing_image__renditions")
            .order_by(models.F("date").desc(nulls_last=True), "-first_published_at", "-pk")
        )

    def cards(self):
        """`for_listing()` with only the columns a card shows (news/news_card.html, `meta_line`)."""
        return self.for_listing().card_fields("date", "date_precision", "first_published_at")


NewsPageManager = PageManager.from_queryset(NewsPageQuerySet)


class NewsIndexPage(RoutablePageMixin, BasePage):
    """ "Aktuelles": the listing with filters, the year archive (/aktuelles/2023/) and the feeds."""

    content_panels = [*Page.content_panels, FieldPanel("teaser")]
    promote_panels = [MultiFieldPanel(Page.promote_panels, _("Common page configuration")), FieldPanel("listing_image")]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1
    admin_default_ordering = "-latest_revision_created_at"  # the admin lists the newest posts first

    class Meta:
        verbose_name = _("news overview")

    def posts(self):
        return NewsPage.objects.child_of(self).visible()

    def listing_context(self, request, year=None):
        form = NewsFilterForm(request.GET)
        visible = self.posts()
        posts = form.filter(visible)
        if year is not None:
            posts = posts.filter(date__year=year)
        context = listing_context(request, posts.cards(), PER_PAGE, form)
        page_obj = context["page_obj"]
        if year is not None and not page_obj.paginator.count:
            raise Http404("no posts in this year")
        category = form.cleaned_data.get("category")
        listing_url = self.get_url(request) + (self.reverse_subpage("year_archive", args=[str(year)]) if year else "")
        return {
            **context,
            "form": form,
            "filters": form.in_use,
            "year": year,
            # the year list scans every post, so it is kept until the next change (its cost: bench/, README)
            "years": memoize(
                f"news-years:{self.pk}", lambda: [day.year for day in visible.dates("date", "year", order="DESC")]
            ),
            "posts": with_meta(page_obj.object_list),
            "listing_url": listing_url,
            "category": category,
            "feeds": {kind: self.feed_url(kind, request=request) for kind in ("rss", "atom")},
            "category_feeds": {kind: self.feed_url(kind, category, request) for kind in ("rss", "atom")}
            if category
            else {},
        }

    @path("")
    def index_route(self, request):
        return self.render(request, context_overrides=self.listing_context(request))

    @re_path(r"^(\d{4})/$")
    def year_archive(self, request, year):
        if int(year) < 1900:
            raise Http404("no such year")
        return self.render(request, context_overrides=self.listing_context(request, year=int(year)))

    @path("feed/rss/")
    def rss_feed(self, request):
        from .feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("feed/atom/")
    def atom_feed(self, request):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)

    @path("kategorie/<slug:slug>/feed/rss/")
    def category_rss_feed(self, request, slug):
        from .feeds import NewsRssFeed

        return NewsRssFeed(self, category_or_404(slug))(request)

    @path("kategorie/<slug:slug>/feed/atom/")
    def category_atom_feed(self, request, slug):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(self, category_or_404(slug))(request)

    def feed_url(self, kind="rss", category=None, request=None):
        prefix = f"kategorie/{category.slug}/" if category else ""
        return f"{self.get_full_url(request)}{prefix}feed/{kind}/"


def category_or_404(slug):
    category = NewsCategory.objects.filter(slug=slug, live=True).first()
    if category is None:
        raise Http404("unknown category")
    return category


def with_meta(posts):
    """Give each post its `teaser_meta` ("15.09.2023 · Pressemitteilung", "November 2019") for the shared card."""
    posts = list(posts)
    for post in posts:
        post.teaser_meta = post.meta_line
    return posts


class NewsPage(BasePage):
    """A post: news, press release, announcement, job posting. Its `date` is what visitors see and sort by.

    The date defaults to the day of first publication: `save()` fills an empty date from `first_published_at`
    (or from the go-live time of a scheduled post) the moment Wagtail publishes, so listings can sort in the
    database. Editors set it by hand for items imported from the old site.
    """

    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Shown with the post and used for sorting. Leave empty to use the day of first publication."),
    )
    date_precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("Only the month or year when the source gives no day; the date is then the first day."),
    )
    image_caption = models.CharField(
        _("caption of the lead image"), max_length=300, blank=True, help_text=_("The credit is taken from the image.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    categories = ParentalManyToManyField(
        NewsCategory, verbose_name=_("categories"), blank=True, related_name="news_pages"
    )
    tags = ClusterTaggableManager(through=NewsPageTag, verbose_name=_("tags"), blank=True)
    projects = ParentalManyToManyField(
        "projects.ProjectPage", verbose_name=_("projects"), blank=True, related_name="news_newspages"
    )
    topics = ParentalManyToManyField(
        "core.TopicPage", verbose_name=_("topics"), blank=True, related_name="news_newspages"
    )
    contacts = ParentalManyToManyField(
        "people.PersonPage",
        verbose_name=_("people"),
        blank=True,
        related_name="news_newspages",
        help_text=_("Team members this post is about or who can be contacted; the post is listed on their pages."),
    )
    funding_note = models.TextField(
        _("funding note"),
        blank=True,
        help_text=_('E.g. "Gefördert durch den Freistaat Thüringen aus Mitteln des Europäischen Sozialfonds Plus."'),
    )
    funders = ParentalManyToManyField(
        "projects.Funder", verbose_name=_("funder logos"), blank=True, related_name="news_newspages"
    )

    objects = NewsPageManager()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("date_precision")], _("Date")),
        FieldPanel("teaser"),
        MultiFieldPanel([FieldPanel("listing_image"), FieldPanel("image_caption")], _("Lead image")),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("projects", widget=forms.CheckboxSelectMultiple),
                FieldPanel("contacts", widget=forms.CheckboxSelectMultiple),
            ],
            _("Classification"),
        ),
        MultiFieldPanel(
            [FieldPanel("funding_note"), FieldPanel("funders", widget=forms.CheckboxSelectMultiple)], _("Funding note")
        ),
    ]
    promote_panels = [MultiFieldPanel(Page.promote_panels, _("Common page configuration"))]
    search_fields = [*BasePage.search_fields, index.SearchField("body"), index.FilterField("date")]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    related_lookup = "report"  # an event reports here (core/extensions.py)

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")

    def save(self, *args, **kwargs):
        if self.date is None and self.date_precision != DatePrecision.NONE:
            moment = self.first_published_at or self.go_live_at or (timezone.now() if self.live else None)
            if moment is not None:
                self.date = timezone.localdate(moment)
        return super().save(*args, **kwargs)

    @property
    def display_date(self):
        """The date to show; falls back to the first publication for rows saved without `save()`."""
        if self.date or self.date_precision == DatePrecision.NONE:
            return self.date
        return timezone.localdate(self.first_published_at) if self.first_published_at else None

    @property
    def date_text(self):
        """The date as known: "15.09.2023", "November 2019" or "2023" (admin listing)."""
        return format_date(self.display_date, self.date_precision, short=True)

    @property
    def published_at(self):
        """A datetime for feeds: the real publication time if it fell on the display date, else noon that day.

        Noon rather than midnight, so readers in other time zones still show the display date. A post known only
        to the month or year gets noon of the period's first day: feeds need a full date.
        """
        if self.display_date is None:  # undated in the source: the day it went on this site, as feeds need one
            return self.first_published_at or timezone.now()
        day = self.display_date
        known_day = self.date_precision == DatePrecision.DAY
        if known_day and self.first_published_at and timezone.localdate(self.first_published_at) == day:
            return self.first_published_at
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))

    @cached_property
    def category_list(self):
        """The post's published categories (a category still waiting for approval is not shown)."""
        return [category for category in self.categories.all() if category.live]

    @property
    def category_names(self):
        return ", ".join(category.name for category in self.category_list)

    @property
    def meta_line(self):
        parts = [self.date_text] if self.display_date else []
        parts += [category.name for category in self.category_list]
        return " · ".join(parts)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def pages(relation):
            pages = relation.all()
            if not hasattr(pages, "live"):  # a preview: unsaved relations are modelcluster's in-memory FakeQuerySet
                return sorted((page for page in pages if page.live), key=lambda page: page.title)
            return pages.visible().only("id", "title", "url_path", "path", "depth").order_by("title")

        context.update(
            news_index=self.get_parent(),
            topics=pages(self.topics),
            projects=pages(self.projects),
            contacts=pages(self.contacts),
            tags=self.tags.all(),
            funders=self.funders.filter(live=True).select_related("logo").prefetch_related("logo__renditions"),
        )
        return context
