import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Min, Prefetch, Q
from django.http import Http404, HttpResponse
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from ikpe_site.core.blocks import BodyBlock
from ikpe_site.core.listing import listing_context
from ikpe_site.core.models import BasePage, IndexPage, SitePageQuerySet

from . import citations
from .forms import PublicationFilterForm

PER_PAGE = 20
# The catalogue's address names a category in German (`?kategorie=beitraege`): the reverse of the form's mapping.
CATEGORY_PARAMS = {value: param for param, value in PublicationFilterForm.CATEGORY_VALUES.items()}


class Category(models.TextChoices):
    ARTICLES = "articles", _("Articles in journals and edited volumes")
    PRESS = "press", _("IKPE in the press")
    REPORTS = "reports", _("Research papers and reports")
    BOOKS = "books", _("Monographs and edited volumes")


class PublicationType(models.TextChoices):
    """What the work is for citations (BibTeX, RIS, CSL): independent of the catalogue category."""

    ARTICLE = "article", _("Journal article")
    CHAPTER = "chapter", _("Chapter in an edited volume")
    BOOK = "book", _("Book or edited volume")
    REPORT = "report", _("Report or working paper")
    PRESS = "press", _("Press article or press release")


class Status(models.TextChoices):
    ANNOUNCED = "announced", _("forthcoming")
    PUBLISHED = "published", _("published")


class PublicationQuerySet(SitePageQuerySet):
    def for_listing(self):
        """Everything a catalogue entry or an export needs, in a fixed number of queries."""
        authors = PublicationAuthor.objects.select_related("person").order_by("sort_order")
        return (
            self.defer_streamfields()
            .select_related("pdf")
            .prefetch_related(Prefetch("authors", queryset=authors))
            .order_by("-year", F("published_on").desc(nulls_last=True), "-pk")
        )

    def search_text(self, query):
        """Every word must occur in the title, subtitle, abstract, container, series or an author's name."""
        result = self
        for word in query.split()[:8]:
            result = result.filter(
                Q(title__icontains=word)
                | Q(subtitle__icontains=word)
                | Q(abstract__icontains=word)
                | Q(container_title__icontains=word)
                | Q(series__icontains=word)
                | Q(
                    pk__in=PublicationAuthor.objects.filter(
                        Q(family_name__icontains=word) | Q(given_name__icontains=word)
                    ).values("page_id")
                )
            )
        return result

    def apply_filters(self, filters, skip=None):
        """Narrow to the cleaned catalogue filters (see `PublicationFilterForm`), leaving out `skip`."""
        result = self
        if "category" in filters and skip != "category":
            result = result.filter(category=filters["category"])
        if "year" in filters and skip != "year":
            result = result.filter(year=filters["year"])
        if "author" in filters and skip != "author":
            authored = PublicationAuthor.objects.filter(person_id=filters["author"].pk).values("page_id")
            result = result.filter(pk__in=authored)
        if "topic" in filters and skip != "topic":
            result = result.filter(topics=filters["topic"].pk)
        if "project" in filters and skip != "project":
            result = result.filter(projects=filters["project"].pk)
        if "q" in filters and skip != "q":
            result = result.search_text(filters["q"])
        return result


class PublicationIndexPage(RoutablePageMixin, IndexPage):
    parent_page_types = ["core.HomePage"]
    subpage_types = ["publications.PublicationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("publication catalogue")

    def publications(self):
        return PublicationPage.objects.child_of(self).visible()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = PublicationFilterForm(request.GET)
        filters = form.filters()
        base = self.publications()
        context.update(
            listing_context(request, base.apply_filters(filters).for_listing(), PER_PAGE, form),
            filters=filters,
            facets=facets(base, filters),
            export_formats=citations.FORMATS,
        )
        return context

    @path("export/<str:fmt>/", name="export")
    def export(self, request, fmt):
        """The current filtered list as BibTeX, RIS or CSL-JSON (all matches, not only one page)."""
        filters = PublicationFilterForm(request.GET).filters()
        items = self.publications().apply_filters(filters).for_listing()
        return export_response(request, items, fmt, "publikationen")


def facets(base, filters):
    """Options of every filter with the number of matches under the *other* active filters (one query each)."""

    def count(field, name):
        others = base.apply_filters(filters, skip=name)
        if others is base:
            return Count(field, distinct=True)
        return Count(field, distinct=True, filter=Q(**{f"{field}__in": others.values("pk")}))

    def options(rows, name):
        """Options with matches; a selected value always shows, with 0 if nothing matches (a shared old link)."""
        selected = filters.get(name)
        value = getattr(selected, "slug", selected)
        result = [
            {"value": row["value"], "label": row["label"], "count": row["n"], "selected": row["value"] == value}
            for row in rows
            if row["n"] or row["value"] == value
        ]
        if selected is not None and not any(option["selected"] for option in result):
            result.append({"value": value, "label": getattr(selected, "title", selected), "count": 0, "selected": True})
        return result

    others = base.apply_filters(filters, skip="category").order_by()
    category_counts = dict(others.values_list("category").annotate(n=Count("pk", distinct=True)))
    categories = [
        {
            "value": CATEGORY_PARAMS[value],
            "label": label,
            "count": category_counts.get(value, 0),
            "selected": filters.get("category") == value,
        }
        for value, label in Category.choices
    ]
    years = base.order_by().values(value=F("year"), label=F("year")).annotate(n=count("pk", "year")).order_by("-value")
    live_ids = base.values("pk")
    authors = (
        PublicationAuthor.objects.filter(page__in=live_ids, person__live=True)
        .order_by()
        .values(value=F("person__slug"), label=F("person__title"))
        .annotate(n=count("page", "author"), sort=Min("family_name"))
        .order_by("sort", "label")
    )
    topic_links = PublicationPage.topics.through.objects.filter(publicationpage__in=live_ids, topicpage__live=True)
    topics = (
        topic_links.order_by()
        .values(value=F("topicpage__slug"), label=F("topicpage__title"))
        .annotate(n=count("publicationpage", "topic"))
        .order_by("label")
    )
    project_links = PublicationPage.projects.through.objects.filter(
        publicationpage__in=live_ids, projectpage__live=True
    )
    projects = (
        project_links.order_by()
        .values(value=F("projectpage__slug"), label=F("projectpage__title"))
        .annotate(n=count("publicationpage", "project"))
        .order_by("label")
    )

    return {
        "category": categories,
        "year": options(years, "year"),
        "author": options(authors, "author"),
        "topic": options(topics, "topic"),
        "project": options(projects, "project"),
    }


def export_response(request, items, fmt, filename):
    if fmt not in citations.FORMATS:
        raise Http404
    export = citations.FORMATS[fmt]
    response = HttpResponse(export.render(list(items), request), content_type=f"{export.content_type}; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.{export.extension}")
    return response


class PublicationPage(RoutablePageMixin, BasePage):
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, default=Category.ARTICLES)
    publication_type = models.CharField(
        _("type of work"),
        max_length=20,
        choices=PublicationType.choices,
        default=PublicationType.ARTICLE,
        help_text=_("Decides how the work is cited and exported (BibTeX, RIS, CSL-JSON)."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.PUBLISHED,
        help_text=_("Announce a work before it appears; switch to “published” when it is out. It stays one entry."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("Year of publication (or the expected year of a forthcoming work)."),
    )
    published_on = models.DateField(
        _("exact date"), null=True, blank=True, help_text=_("Only if known, e.g. for press articles.")
    )
    container_title = models.CharField(
        _("journal or book"),
        max_length=300,
        blank=True,
        help_text=_("The journal, newspaper or edited volume the work appeared in."),
    )
    volume = models.CharField(_("volume"), max_length=30, blank=True)
    issue = models.CharField(_("issue"), max_length=30, blank=True)
    pages = models.CharField(_("pages"), max_length=30, blank=True, help_text=_("e.g. 26–35"))
    series = models.CharField(_("series"), max_length=300, blank=True)
    series_number = models.CharField(_("number in series"), max_length=30, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    place = models.CharField(_("place of publication"), max_length=100, blank=True)
    doi = models.CharField(
        _("DOI"), max_length=200, blank=True, help_text=_("Without https://doi.org/, e.g. 10.1000/182")
    )
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True)
    external_url = models.URLField(
        _("external address"), blank=True, help_text=_("Where the work can be read or ordered elsewhere.")
    )
    abstract = models.TextField(_("abstract"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("further content"), blank=True)
    pdf = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Offered as a free download."),
    )
    cover_image = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("cover"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topics = ParentalManyToManyField(
        "core.TopicPage", verbose_name=_("topics"), blank=True, related_name="publications_publicationpages"
    )
    projects = ParentalManyToManyField(
        "projects.ProjectPage", verbose_name=_("projects"), blank=True, related_name="publications_publicationpages"
    )

    objects = PageManager.from_queryset(PublicationQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("category"), FieldPanel("publication_type")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("year"), FieldPanel("published_on")]),
            ],
            _("Classification"),
        ),
        InlinePanel("authors", label=_("Authors and editors"), heading=_("Authors and editors")),
        MultiFieldPanel(
            [
                FieldPanel("container_title"),
                FieldRowPanel([FieldPanel("volume"), FieldPanel("issue"), FieldPanel("pages")]),
                FieldRowPanel([FieldPanel("series"), FieldPanel("series_number")]),
                FieldRowPanel([FieldPanel("publisher"), FieldPanel("place")]),
                FieldRowPanel([FieldPanel("doi"), FieldPanel("isbn")]),
                FieldPanel("external_url"),
            ],
            _("Bibliographic details"),
        ),
        FieldPanel("abstract"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("pdf"), FieldPanel("cover_image")], _("Download and cover")),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("projects", widget=forms.CheckboxSelectMultiple),
        InlinePanel("reviews", label=_("Reviews"), heading=_("Reviews")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("abstract"),
        index.SearchField("container_title"),
        index.SearchField("series"),
        index.RelatedFields("authors", [index.SearchField("family_name"), index.SearchField("given_name")]),
        index.FilterField("category"),
        index.FilterField("year"),
    ]

    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def clean(self):
        super().clean()
        # Editors paste DOIs in every form; keep the bare "10.…/…" and check it.
        self.doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", self.doi.strip(), flags=re.IGNORECASE)
        if self.doi and not re.fullmatch(r"10\.\d{4,9}/\S+", self.doi):
            raise ValidationError({"doi": _('A DOI starts with "10." followed by a number, a slash and a suffix.')})
        if self.published_on and self.year and self.published_on.year != self.year:
            raise ValidationError({"published_on": _("The date must lie in the year of publication.")})

    @property
    def is_announced(self):
        return self.status == Status.ANNOUNCED

    @property
    def category_param(self):
        """The category as the catalogue's address names it (`?kategorie=beitraege`, see PublicationFilterForm)."""
        return CATEGORY_PARAMS[self.category]

    @cached_property
    def full_title(self):
        return citations.join_title(self.title, self.subtitle)

    @cached_property
    def author_rows(self):
        """Authors and editors in order; uses the rows a listing prefetched, else one query with the people."""
        if "authors" in getattr(self, "_prefetched_objects_cache", {}):
            return list(self.authors.all())
        return list(self.authors.all().select_related("person"))

    @property
    def creators(self):
        return [row for row in self.author_rows if row.role == PublicationAuthor.Role.AUTHOR]

    @property
    def editors(self):
        return [row for row in self.author_rows if row.role == PublicationAuthor.Role.EDITOR]

    @cached_property
    def csl(self):
        return citations.csl_item(self)

    @cached_property
    def reference_html(self):
        return citations.reference_html(self.csl)

    @property
    def byline(self):
        return citations.byline(self.csl)

    @property
    def source_line(self):
        return citations.source_line(self.csl)

    @property
    def listing_meta(self):
        return f"{self.get_category_display()} · {self.year}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["citation_tags"] = citations.highwire_tags(self, request)
        context["json_ld"] = citations.json_ld(self, request)
        context["export_formats"] = citations.FORMATS
        # .all() and a live check work for saved pages and for previews (where the relations are in memory).
        context["topics"] = [topic for topic in self.topics.all() if topic.live]
        context["projects"] = [project for project in self.projects.all() if project.live]
        return context

    @path("export/<str:fmt>/", name="export")
    def export(self, request, fmt):
        return export_response(request, [self], fmt, self.slug)


class PublicationAuthor(Orderable):
    """One author or editor of a publication, in citation order. Institute people link to their page."""

    class Role(models.TextChoices):
        AUTHOR = "author", _("author")
        EDITOR = "editor", _("editor")

    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        "people.PersonPage",
        verbose_name=_("person from the team pages"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publication_authorships",
        help_text=_("Optional: links the name to the person's page."),
    )
    family_name = models.CharField(
        _("family name"), max_length=150, help_text=_("Or the full name of an organisation that is the author.")
    )
    given_name = models.CharField(
        _("given names"), max_length=150, blank=True, help_text=_("Leave empty for an organisation.")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.AUTHOR)

    panels = [
        FieldPanel("person"),
        FieldRowPanel([FieldPanel("family_name"), FieldPanel("given_name"), FieldPanel("role")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("author or editor")
        verbose_name_plural = _("authors and editors")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def linked_person(self):
        """The person page, if it is live: a name must never link to a draft."""
        return self.person if self.person_id and self.person.live else None


class PublicationReview(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="reviews")
    title = models.CharField(
        _("link text"), max_length=255, help_text=_("e.g. “Review by Prof. Dr. Christian Schröder on socialnet.de”")
    )
    url = models.URLField(_("web address"))

    panels = [FieldPanel("title"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return self.title
