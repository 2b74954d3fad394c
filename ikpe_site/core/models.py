import unicodedata

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.locks import ScheduledForPublishLock
from wagtail.models import DraftStateMixin, LockableMixin, Page, PageViewRestriction, RevisionMixin, WorkflowMixin
from wagtail.search import index

from .blocks import RICH_TEXT_FEATURES, BodyBlock, FactBlock
from .cache import memoize, memoize_instance
from .extensions import home_sections, related_sections
from .visibility import SitePageManager, SitePageQuerySet, restricted_q, view_restrictions  # noqa: F401


class User(AbstractUser):
    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class DatePrecision(models.TextChoices):
    """How much of a date is known: sources often give only a month or a year. The stored date is the first
    day of that period; visitors and machines are shown only the known part."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    NONE = "none", _("unknown (no date shown)")


class CustomImage(AbstractImage):
    description = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    credit = models.CharField(
        _("credit"), max_length=255, blank=True, help_text=_('Shown under the image, e.g. "Foto: IKPE/Archiv".')
    )

    admin_form_fields = (
        "title",
        "description",
        "credit",
        "file",
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


GERMAN_SPELLING = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
GERMAN_LETTERS = str.maketrans(GERMAN_SPELLING)
GERMAN_SLUG_FORMATTERS = list(GERMAN_SPELLING.items())  # the same for the admin's slug script (SlugInput)


def german_sort_key(text):
    """DIN 5007-1 order, as in a dictionary: umlauts sort as their base letter, "ß" as "ss", case and accents
    are ignored ("Sömmerda" before "Sonneberg"); the same on SQLite and PostgreSQL."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def german_slug(text):
    """A web address part from German text: "Über Prävention & Maßnahmen" → "ueber-praevention-massnahmen"."""
    return slugify(text.translate(GERMAN_LETTERS))


class DateRangeMixin:
    """The end of a period must not be before its start: the one check for events, projects and team
    memberships. `date_range()` gives (start, end) in the precision that counts; `end_field` names the field
    the error belongs to."""

    start_field, end_field = "start_date", "end_date"

    def date_range(self):
        return getattr(self, self.start_field), getattr(self, self.end_field)

    def clean(self):
        super().clean()
        start, end = self.date_range()
        if start is not None and end is not None and end < start:
            raise ValidationError({self.end_field: _("The end must not be before the start.")})


class BasePageForm(WagtailAdminPageForm):
    """The slug may stay empty: BasePage.full_clean then makes it from the title."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            # The admin's script fills the slug from the title: German letters first, as german_slug() does.
            self.fields["slug"].widget = SlugInput(formatters=GERMAN_SLUG_FORMATTERS)

    def clean(self):
        title, parent = self.cleaned_data.get("title"), getattr(self, "parent_page", None)
        if "slug" in self.fields and title and not self.cleaned_data.get("slug") and parent is not None:
            base = slug = german_slug(title)
            suffix = 1
            while base and not Page._slug_is_available(slug, parent, self.instance):
                suffix += 1
                slug = f"{base}-{suffix}"
            self.cleaned_data["slug"] = slug
        return super().clean()


SHARE_PREVIEW_MODE = "teilen"


class BasePage(Page):
    """Fields every public page shares: a teaser for listings, feeds and meta descriptions, and an image."""

    teaser = models.TextField(
        _("teaser"),
        blank=True,
        max_length=400,
        help_text=_("Two or three sentences for listings, feeds and search engines."),
    )
    listing_image = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    promote_panels = [
        MultiFieldPanel(Page.promote_panels, _("Common page configuration")),
        FieldPanel("teaser"),
        FieldPanel("listing_image"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("teaser")]

    objects = SitePageManager()

    base_form_class = BasePageForm

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        """An empty or automatic slug of a page never published follows the title, with German transliteration.

        Wagtail (and its admin's JavaScript) would turn "Über uns" into "uber-uns"; an editor who typed the slug
        or a page already public keeps its address.
        """
        if self.title and not self.first_published_at:
            automatic = {slugify(self.title), slugify(self.title, allow_unicode=True)}
            if not self.slug or (self.slug in automatic and german_slug(self.title) != self.slug):
                base = german_slug(self.title)
                self.slug = self._get_autogenerated_slug(base) if self.path and base else base
        super().full_clean(*args, **kwargs)

    def get_lock(self):
        """A page scheduled to go live stays editable (Wagtail locks it until unscheduled): a typo fix is a new
        draft that goes through approval like any change and is then scheduled for the time in its form;
        publishing it clears the older scheduled version. Other locks (an editor's, a workflow's) still hold."""
        lock = super().get_lock()
        if isinstance(lock, ScheduledForPublishLock):
            return super(DraftStateMixin, self).get_lock()
        return lock

    def get_view_restrictions(self):
        """The restrictions on this page and its ancestors; without a query for the many unrestricted pages."""
        restrictions = view_restrictions()
        if restrictions["aliases"]:
            return super().get_view_restrictions()
        ids = [page_id for path, page_id in restrictions["sections"] if self.path.startswith(path)]
        return PageViewRestriction.objects.filter(page_id__in=ids) if ids else PageViewRestriction.objects.none()

    @property
    def meta_description(self):
        return self.search_description or self.teaser

    @property
    def preview_modes(self):
        return [*super().preview_modes, (SHARE_PREVIEW_MODE, _("When shared"))]

    def serve_preview(self, request, mode_name):
        """ "Beim Teilen": the card a social network or messenger draws from the page's OpenGraph data."""
        if mode_name == SHARE_PREVIEW_MODE:
            return TemplateResponse(request, "core/share_preview.html", {"page": self, "self": self})
        return super().serve_preview(request, mode_name)


class IndexPage(BasePage):
    """An overview page (news, events, projects, publications, team, …): an introduction above its listing."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True


class HomePage(BasePage):
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    facts = StreamField(
        [("fact", FactBlock())],
        verbose_name=_("facts"),
        blank=True,
        help_text=_(
            "Dates and figures beside the introduction; the programmes and districts are "
            "counted from the project pages."
        ),
    )
    work_areas_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("work areas page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its sub-pages are shown as work areas."),
    )
    platform_title = models.CharField(_("platform title"), max_length=200, blank=True)
    platform_text = models.TextField(_("platform text"), blank=True)
    platform_url = models.URLField(_("platform address"), blank=True)
    contact_text = models.TextField(_("contact teaser"), blank=True)
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("contact page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("facts"),
        FieldPanel("work_areas_page"),
        MultiFieldPanel(
            [FieldPanel("platform_title"), FieldPanel("platform_text"), FieldPanel("platform_url")],
            _("Planning platform"),
        ),
        MultiFieldPanel([FieldPanel("contact_text"), FieldPanel("contact_page")], _("Contact teaser")),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find the page for an address with one query for all its levels, where Wagtail asks two per level.

        The walk hands over to the first page on the way that routes by itself (a routable page such as the
        news archive), so such pages keep deciding about the addresses below them, as in Wagtail.
        """
        if not path_components:
            return super().route(request, path_components)
        prefixes = [self.url_path + "/".join(path_components[:n]) + "/" for n in range(1, len(path_components) + 1)]
        target = None
        for page in Page.objects.filter(url_path__in=prefixes, path__startswith=self.path).order_by("depth"):
            target = page
            if (page.specific_class or Page).route is not Page.route:
                break
        if target is None:
            raise Http404
        return target.specific.route(request, path_components[target.depth - self.depth :])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["work_areas"] = (
            StandardPage.objects.child_of(self.work_areas_page).visible().select_related("listing_image")
            if self.work_areas_page_id
            else []
        )
        context["topics"] = TopicPage.objects.visible().order_by("title")
        context.update(home_sections(self, request))
        return context


class StandardPage(BasePage):
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = ["core.StandardPage", "trust.FeedbackFormPage"]

    class Meta:
        verbose_name = _("standard page")


class TopicIndexPage(IndexPage):
    parent_page_types = ["core.HomePage"]
    subpage_types = ["core.TopicPage"]
    max_count = 1

    class Meta:
        verbose_name = _("topic overview")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = TopicPage.objects.child_of(self).visible().order_by("title")
        return context


class TopicPage(BasePage):
    """A theme of the institute ("Armutsprävention"). News, projects, publications and events point here."""

    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["core.TopicIndexPage"]
    subpage_types = []
    related_lookup = "topics"  # how news, events, projects and publications point here (core/extensions.py)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_sections"] = related_sections(self, request)
        return context


def related_queryset(relation):
    """A real queryset for a many-to-many relation of a page, also in previews and embargo links.

    A page built from the edit form or from a revision holds its ParentalManyToMany relations in memory
    (modelcluster's FakeQuerySet, which knows nothing of `live()`); they are looked up by primary key instead.
    """
    items = relation.all()
    if isinstance(items, models.QuerySet):
        return items
    return relation.model._default_manager.filter(pk__in=[item.pk for item in items])


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    institute_name = models.CharField(
        _("institute name"), max_length=200, default="Institut für kommunale Planung und Entwicklung e.V."
    )
    short_name = models.CharField(_("short name"), max_length=30, default="IKPE")
    street = models.CharField(_("street"), max_length=200, default="Anger 10")
    postal_code = models.CharField(_("postal code"), max_length=10, default="99084")
    city = models.CharField(_("city"), max_length=100, default="Erfurt")
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    affiliation = models.CharField(
        _("affiliation"), max_length=200, blank=True, default="An-Institut der Fachhochschule Erfurt"
    )
    university = models.CharField(
        _("university"),
        max_length=200,
        blank=True,
        default="Fachhochschule Erfurt",
        help_text=_("The university the institute belongs to; search engines show it as the parent organisation."),
    )
    university_url = models.URLField(_("university's web address"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("imprint"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    plain_language_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("plain language"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("institute_name"),
                FieldPanel("short_name"),
                FieldPanel("affiliation"),
                FieldPanel("university"),
                FieldPanel("university_url"),
            ],
            _("Institute"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            _("Address and contact"),
        ),
        MultiFieldPanel([FieldPanel("mastodon_url"), FieldPanel("linkedin_url")], _("Social media")),
        MultiFieldPanel(
            [
                FieldPanel("imprint_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("plain_language_page"),
                FieldPanel("contact_page"),
            ],
            _("Legal and service pages"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def for_site(cls, site):
        """Kept in the cache until the next content change: saves a query on every page."""

        return memoize_instance(f"site-settings:{site.pk}", lambda: super(SiteSettings, cls).for_site(site))

    SERVICE_PAGES = ["contact_page", "imprint_page", "privacy_page", "accessibility_page", "plain_language_page"]

    @cached_property
    def service_pages(self):
        """Title and address of each live service page by field name, kept until the next content change."""

        def links():
            ids = {name: getattr(self, f"{name}_id") for name in self.SERVICE_PAGES}
            pages = Page.objects.live().in_bulk([page_id for page_id in ids.values() if page_id])
            return {
                name: {"title": pages[page_id].title, "url": pages[page_id].url}
                for name, page_id in ids.items()
                if page_id in pages
            }

        return memoize(f"service-pages:{self.pk}", links)

    @property
    def footer_links(self):
        return [self.service_pages[name] for name in self.SERVICE_PAGES if name in self.service_pages]


class PublishedSnippet(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """A snippet visitors see, published like a page: a new or changed one waits for Kommunikation's approval
    (the same workflow as pages, ikpe_site/core/roles.py WORKFLOW_SNIPPETS); public queries use `live=True`."""

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions
