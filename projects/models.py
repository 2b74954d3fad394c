"""Projects of the institute, the Thuringian districts they take place in and the clients who fund them."""

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Case, Count, F, Q, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from ikpe_site.core.blocks import BodyBlock
from ikpe_site.core.extensions import related_sections
from ikpe_site.core.listing import listing_context
from ikpe_site.core.metadata import json_ld_script
from ikpe_site.core.models import (
    BasePage,
    DateRangeMixin,
    IndexPage,
    PublishedSnippet,
    SitePageQuerySet,
    SiteSettings,
    german_sort_key,
)
from ikpe_site.core.visibility import index_page
from people.models import PersonPage, contact_heading, contact_person_field

from .district_map import PATTERNS, build_map
from .forms import ProjectFilterForm

PER_PAGE = 12


class FunderManager(models.Manager):
    def get_queryset(self):
        # Every list of funders shows logos; the client list block in core only calls `objects.all()`.
        return super().get_queryset().select_related("logo").prefetch_related("logo__renditions")


class Funder(PublishedSnippet):
    """A client or funder ("Auftraggeber", "Fördermittelgeber"), shown on projects and in the client list."""

    name = models.CharField(_("name"), max_length=255)
    logo = models.ForeignKey(
        "core.CustomImage", verbose_name=_("logo"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    url = models.URLField(_("website"), blank=True)
    is_client = models.BooleanField(
        _("client"), default=False, help_text=_("Commissioned the institute (listed under “Our clients”).")
    )
    sort_order = models.IntegerField(_("sort order"), default=0, help_text=_("Lower numbers come first."))

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="funder")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="funder",
        for_concrete_model=False,
    )

    objects = FunderManager()

    class Meta:
        ordering = ["-is_client", "sort_order", "name"]
        verbose_name = _("client or funder")
        verbose_name_plural = _("clients and funders")

    def __str__(self):
        return self.name


class District(PublishedSnippet):
    """A Thuringian Landkreis or kreisfreie Stadt. The list is data (migration 0003), not demo content."""

    class Kind(models.TextChoices):
        RURAL_DISTRICT = "rural_district", _("district")
        INDEPENDENT_CITY = "independent_city", _("independent city")

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Part of the address: /mein-landkreis/<slug>/.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    locative = models.CharField(
        _("phrase for 'in …'"),
        max_length=120,
        blank=True,
        help_text=_('How the text names it after "in": "im Kyffhäuserkreis", "im Landkreis Eichsfeld", "in Jena".'),
    )
    official_key = models.CharField(
        _("official key"),
        max_length=8,
        blank=True,
        help_text=_("Kreisschlüssel from the official municipality key (AGS), e.g. 16051."),
    )
    active_until = models.DateField(
        _("existed until"),
        null=True,
        blank=True,
        help_text=_("Only for former districts and cities, e.g. Eisenach (until 2021)."),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="district")
    related_lookup = "projects__districts"  # content points at a district through its projects
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="district",
        for_concrete_model=False,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("district or city")
        verbose_name_plural = _("districts and cities")

    def __str__(self):
        return self.name

    @property
    def is_city(self):
        return self.kind == self.Kind.INDEPENDENT_CITY

    @property
    def full_name(self):
        """ "Landkreis Gotha", "Wartburgkreis", "Stadt Jena": the name an authority goes by."""
        if self.kind == self.Kind.INDEPENDENT_CITY:
            return f"Stadt {self.name}"
        return self.name if self.name.lower().endswith("kreis") else f"Landkreis {self.name}"

    @property
    def in_phrase(self):
        """ "im Kyffhäuserkreis", "im Landkreis Eichsfeld", "im Weimarer Land", "in Jena": how a sentence says
        "in" this district. The editors' `locative` wins; without it the phrase follows from the name and kind."""
        if self.locative:
            return self.locative
        if self.kind == self.Kind.INDEPENDENT_CITY:
            return f"in {self.name}"
        if self.name.lower().endswith("kreis") or self.name.endswith(" Land"):
            return f"im {self.name}"
        return f"im Landkreis {self.name}"

    @property
    def is_active(self):
        return self.active_until is None or self.active_until >= timezone.localdate()


class ProjectStatus(models.TextChoices):
    RUNNING = "running", _("running")
    COMPLETED = "completed", _("completed")


class ProjectPageQuerySet(SitePageQuerySet):
    def running(self):
        return self.filter(_running_q())

    def completed(self):
        today = timezone.localdate()
        return self.filter(Q(status_override=ProjectStatus.COMPLETED) | Q(status_override="", end_date__lt=today))

    def with_status(self, status):
        return {ProjectStatus.RUNNING: self.running, ProjectStatus.COMPLETED: self.completed}[status]()

    def for_listing(self):
        """Live, public projects as cards: running first, newest first, images prefetched, bodies deferred."""
        return (
            self.visible()
            .defer_streamfields()
            .select_related("listing_image")
            .prefetch_related("listing_image__renditions")
            .annotate(is_running=Case(When(_running_q(), then=Value(1)), default=Value(0)))
            .order_by("-is_running", F("start_date").desc(nulls_last=True), "title")
        )


def _running_q():
    today = timezone.localdate()
    # Without a start or an end the status is unknown, not "running": nothing is shown that no source gives.
    known = Q(start_date__isnull=False) | Q(end_date__isnull=False)
    derived = Q(status_override="") & known & (Q(end_date__isnull=True) | Q(end_date__gte=today))
    return Q(status_override=ProjectStatus.RUNNING) | derived


class ProjectIndexPage(IndexPage):
    parent_page_types = ["core.HomePage"]
    subpage_types = ["projects.ProjectPage"]
    max_count = 1

    class Meta:
        verbose_name = _("project overview")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = ProjectFilterForm(request.GET)
        projects = form.filter(ProjectPage.objects.child_of(self).for_listing())
        context.update(listing_context(request, projects, PER_PAGE, form))
        return context


class ProjectPage(DateRangeMixin, BasePage):
    short_name = models.CharField(_("short name"), max_length=40, help_text=_("E.g. ARM, LSZ, ThILIK."))
    full_title = models.CharField(
        _("full title"),
        max_length=300,
        blank=True,
        help_text=_("The official name, if it differs from the page title."),
    )
    start_date = models.DateField(
        _("start"), null=True, blank=True, help_text=_("If only month or year is known, use the first day.")
    )
    end_date = models.DateField(_("end"), null=True, blank=True, help_text=_("Leave empty for open-ended projects."))
    status_override = models.CharField(
        _("status"),
        max_length=20,
        choices=ProjectStatus.choices,
        blank=True,
        help_text=_("Leave empty to derive the status from the period."),
    )
    topics = ParentalManyToManyField(
        "core.TopicPage", verbose_name=_("topics"), blank=True, related_name="projects_projectpages"
    )
    districts = ParentalManyToManyField(
        District, verbose_name=_("participating districts and cities"), blank=True, related_name="projects"
    )
    districts_confirmed_on = models.DateField(
        _("districts confirmed on"),
        null=True,
        blank=True,
        help_text=_("When the list of districts was last checked; shown as “as of April 2019”."),
    )
    funders = ParentalManyToManyField(
        Funder, verbose_name=_("clients and funders"), blank=True, related_name="projects"
    )
    partners = models.TextField(_("cooperation partners"), blank=True, help_text=_("One partner per line."))
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    website_url = models.URLField(_("project website"), blank=True)
    contact_person = contact_person_field("contact_for_projects")

    objects = PageManager.from_queryset(ProjectPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("short_name"),
        FieldPanel("full_title"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]), FieldPanel("status_override")],
            _("Period and status"),
        ),
        FieldPanel("body"),
        InlinePanel("memberships", heading=_("Lead and team"), label=_("Team member")),
        FieldPanel("contact_person"),
        MultiFieldPanel(
            [FieldPanel("districts", widget=forms.CheckboxSelectMultiple), FieldPanel("districts_confirmed_on")],
            _("Districts and cities"),
        ),
        FieldPanel("funders", widget=forms.CheckboxSelectMultiple),
        FieldPanel("partners"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("website_url"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("short_name"),
        index.SearchField("full_title"),
        index.SearchField("body"),
    ]

    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = []
    related_lookup = "projects"  # how news, events and publications point here (core/extensions.py)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    @property
    def status(self):
        if self.status_override:
            return self.status_override
        if self.end_date and self.end_date < timezone.localdate():
            return ProjectStatus.COMPLETED
        return ProjectStatus.RUNNING if self.start_date or self.end_date else ""

    @property
    def status_label(self):
        return ProjectStatus(self.status).label if self.status else ""

    @property
    def period(self):
        """ "2015–2020", "September 2023 – Dezember 2025", "seit September 2022" or ""."""
        start, end = self.start_date, self.end_date
        if start and end and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            return f"{start.year}–{end.year}" if start.year != end.year else str(start.year)
        if start and end:
            return f"{date_format(start, 'F Y')} – {date_format(end, 'F Y')}"
        if start:
            return gettext("since %(start)s") % {"start": date_format(start, "F Y")}
        if end:
            return gettext("until %(end)s") % {"end": date_format(end, "F Y")}
        return ""

    @cached_property
    def teaser_meta(self):
        return " · ".join(part for part in (self.short_name, str(self.status_label), self.period) if part)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        memberships = [
            membership
            for membership in self.memberships.all()
            .select_related("person__listing_image")
            .prefetch_related("person__listing_image__renditions")
            if membership.person.live
        ]
        context["leads"] = [m for m in memberships if m.is_lead and m.is_current]
        context["team"] = [m for m in memberships if m.is_current]
        context["former_team"] = [m for m in memberships if not m.is_current]
        context["district_groups"] = group_districts([d for d in self.districts.all() if d.live])
        context["funders"] = [funder for funder in self.funders.all() if funder.live]
        context["district_base_url"] = (
            getattr(index_page(DistrictIndexPage, request), "url", None) or "" if context["district_groups"] else ""
        )
        context["project_topics"] = [topic for topic in self.topics.all() if topic.live]
        context["contact"] = (
            PersonPage.objects.visible().select_related("photo").filter(pk=self.contact_person_id).first()
            if self.contact_person_id
            else None
        )
        context["related_sections"] = related_sections(self, request)
        context["json_ld"] = self.json_ld(request, context)
        return context

    def json_ld(self, request, context):
        """schema.org ResearchProject as a <script> element (core/metadata.py)."""
        data = {
            "@context": "https://schema.org",
            "@type": "ResearchProject",
            "name": self.title,
            "alternateName": [name for name in (self.short_name, self.full_title) if name],
            "url": self.get_full_url(request),
            "description": self.teaser or None,
            "foundingDate": self.start_date.isoformat() if self.start_date else None,
            "dissolutionDate": self.end_date.isoformat() if self.end_date else None,
            "parentOrganization": {
                "@type": "ResearchOrganization",
                "name": SiteSettings.for_request(request).institute_name,
            },
            "funder": [
                {"@type": "Organization", "name": funder.name, **({"url": funder.url} if funder.url else {})}
                for funder in context["funders"]
            ],
            "member": [
                {"@type": "GovernmentOrganization", "name": district.full_name}
                for group in context["district_groups"]
                for district in group["districts"]
            ]
            + [
                {"@type": "Person", "name": membership.person.title, "url": membership.person.get_full_url(request)}
                for membership in context["team"]
            ],
            "keywords": [topic.title for topic in context["project_topics"]],
            "sameAs": self.website_url or None,
        }
        return json_ld_script(data)


def group_districts(districts):
    """Districts as [{"kind", "label", "districts"}]: Landkreise first, then kreisfreie Städte, each by name."""
    groups = []
    for kind in District.Kind:
        members = sorted((d for d in districts if d.kind == kind), key=lambda d: german_sort_key(d.name))
        if members:
            groups.append(
                {
                    "kind": kind.value,
                    "label": {kind.RURAL_DISTRICT: _("Districts"), kind.INDEPENDENT_CITY: _("Independent cities")}[
                        kind
                    ],
                    "districts": members,
                }
            )
    return groups


class ProjectMembership(DateRangeMixin, Orderable):
    """A person's role in a project. Lead and team are both memberships; an end date makes a former member."""

    project = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        "people.PersonPage", verbose_name=_("person"), on_delete=models.CASCADE, related_name="project_memberships"
    )
    role = models.CharField(_("role"), max_length=200, blank=True, help_text=_("E.g. “Prozessbegleitung”."))
    is_lead = models.BooleanField(_("project lead"), default=False)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True, help_text=_("Leave empty while still on the team."))

    panels = [
        FieldPanel("person"),
        FieldPanel("role"),
        FieldPanel("is_lead"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self):
        return f"{self.person} – {self.project}"

    @property
    def is_current(self):
        return self.end_date is None or self.end_date >= timezone.localdate()

    @property
    def role_label(self):
        return self.role or (gettext("Project lead") if self.is_lead else "")


class DistrictIndexPage(RoutablePageMixin, IndexPage):
    """ "Mein Landkreis": an overview of all districts and, under /<slug>/, what the institute does there."""

    parent_page_types = ["core.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("district overview")

    @path("")
    def overview(self, request):
        districts = District.objects.filter(live=True).annotate(
            project_count=Count("projects", filter=Q(projects__live=True), distinct=True)
        )
        districts = list(districts)
        programmes, by_district = load_programmes()
        district_map = build_map(districts, by_district, self.get_url(request))
        return self.render(
            request,
            context_overrides={
                "district_groups": group_districts(districts),
                "district_map": district_map,
                "programmes": programmes,
            },
        )

    @re_path(r"^(?P<slug>[-\w]+)/$")
    def district(self, request, slug):
        district = District.objects.select_related("successor").filter(slug=slug, live=True).first()
        if district is None:
            raise Http404
        if district.successor_id and not district.successor.live:
            district.successor = None  # merged into a district not yet published: no link to a 404
        projects = list(ProjectPage.objects.filter(districts=district).for_listing())
        # The institute's contacts for the district: the contact persons of its projects, as person cards.
        people = PersonPage.objects.filter(pk__in=[p.contact_person_id for p in projects if p.contact_person_id])
        contacts = [
            {"person": person, "projects": [p for p in projects if p.contact_person_id == person.pk]}
            for person in people.for_listing().order_by("title")
        ]
        return self.render(
            request,
            template="projects/district_page.html",
            context_overrides={
                "district": district,
                "contacts_heading": contact_heading(contact["person"] for contact in contacts),
                "canonical_url": self.get_full_url(request) + self.reverse_subpage("district", kwargs={"slug": slug}),
                "projects": projects,
                "contacts": contacts,
                "predecessors": list(district.predecessors.filter(live=True)),
                "related_sections": related_sections(district, request),
            },
        )

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        return urls + [
            {
                "location": base + self.reverse_subpage("district", kwargs={"slug": slug}),
                "lastmod": urls[0].get("lastmod") if urls else None,
            }
            for slug in District.objects.filter(live=True).values_list("slug", flat=True)
        ]


def load_programmes():
    """Live, public projects that name districts, running first, and {district id: [programme]}; two queries."""
    projects = list(
        ProjectPage.objects.visible()
        .filter(districts__isnull=False)
        .distinct()
        .only("id", "title", "short_name", "url_path", "start_date", "end_date", "status_override")
    )
    projects.sort(key=lambda p: (p.status != ProjectStatus.RUNNING, german_sort_key(p.short_name or p.title)))
    for number, project in enumerate(projects):
        project.pattern, project.pattern_colour = PATTERNS[number % len(PATTERNS)]
        project.pattern_id = f"programme-{number}"
    by_id = {project.pk: project for project in projects}
    by_district = {}
    for project_id, district_id in ProjectPage.districts.through.objects.filter(projectpage_id__in=by_id).values_list(
        "projectpage_id", "district_id"
    ):
        by_district.setdefault(district_id, []).append(by_id[project_id])
    for programmes in by_district.values():
        programmes.sort(key=projects.index)
    return projects, by_district
