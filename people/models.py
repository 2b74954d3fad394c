from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import RegexValidator
from django.db import models
from django.http import HttpResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from ikpe_site.core.blocks import RICH_TEXT_FEATURES
from ikpe_site.core.extensions import related_sections
from ikpe_site.core.listing import paginate
from ikpe_site.core.metadata import json_ld_script
from ikpe_site.core.models import (
    BasePage,
    BasePageForm,
    IndexPage,
    PublishedSnippet,
    SitePageQuerySet,
    SiteSettings,
    german_sort_key,
)
from ikpe_site.core.phones import tel_uri

from .vcard import person_vcard


def contact_heading(people):
    """The heading above contact persons: "Ihre Ansprechpartnerin", "Ihr Ansprechpartner", "Ihre Ansprechperson",
    or "Ihre Ansprechpersonen" for several."""
    people = list(people)
    if len(people) == 1:
        return people[0].contact_heading
    return gettext("Your contact persons")


def contact_person_field(related_name):
    """The optional "contact person" of a project or event: a person page, kept empty if the page is deleted."""
    return models.ForeignKey(
        "people.PersonPage",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
    )


class PersonQuerySet(SitePageQuerySet):
    def for_listing(self):
        """Live, public people with what a person card shows, in a fixed number of queries."""
        return (
            self.visible()
            .select_related("photo")
            .prefetch_related(
                "photo__renditions",
                models.Prefetch(
                    "responsibilities", queryset=Responsibility.objects.select_related("page").order_by("sort_order")
                ),
            )
        )

    def reachable(self):
        return self.exclude(phone="", email="")


PersonManager = PageManager.from_queryset(PersonQuerySet)


def sorted_people(people):
    """Institute lead first, then by last and first name."""
    return sorted(people, key=lambda p: (not p.is_lead, german_sort_key(p.last_name), german_sort_key(p.first_name)))


class PeopleIndexPage(IndexPage):
    parent_page_types = ["core.HomePage"]
    subpage_types = ["people.PersonPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Team")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        people = sorted_people(PersonPage.objects.child_of(self).for_listing())
        # One page, grouped; bad page numbers are answered as on every listing
        context["page_obj"] = paginate(request, people, max(len(people), 1))
        groups = [
            ("leitung", _("Institute management"), [p for p in people if p.is_lead]),
            ("mitarbeitende", _("Staff"), [p for p in people if p.is_team_member and not p.is_lead]),
            ("vorstand", _("Board"), [p for p in people if p.is_board]),
            ("weitere", _("Further people"), [p for p in people if not (p.is_lead or p.is_team_member or p.is_board)]),
        ]
        context["groups"] = [group for group in groups if group[2]]
        return context


class PersonPageForm(BasePageForm):
    """The name is typed once: an empty title becomes "academic title, first and last name"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False

    def clean(self):
        if not self.cleaned_data.get("title"):
            parts = (self.cleaned_data.get(name, "") for name in ("academic_title", "first_name", "last_name"))
            self.cleaned_data["title"] = " ".join(part.strip() for part in parts if part and part.strip())
            if not self.cleaned_data["title"]:
                self.add_error("title", self.fields["title"].error_messages["required"])
        return super().clean()


class PersonPage(RoutablePageMixin, BasePage):
    academic_title = models.CharField(
        _("academic title"), max_length=50, blank=True, help_text=_('For example "Dr." or "Prof. Dr."')
    )

    class Gender(models.TextChoices):
        FEMALE = "female", _("female (Ansprechpartnerin)")
        MALE = "male", _("male (Ansprechpartner)")
        NEUTRAL = "", _("neutral (Ansprechperson)")

    first_name = models.CharField(_("first name"), max_length=100)
    grammatical_gender = models.CharField(
        _("form of address"),
        max_length=6,
        choices=Gender.choices,
        blank=True,
        default=Gender.NEUTRAL,
        help_text=_('Chooses "Ihre Ansprechpartnerin", "Ihr Ansprechpartner" or a neutral label.'),
    )
    last_name = models.CharField(_("last name"), max_length=100)
    position = models.CharField(
        _("position"),
        max_length=200,
        blank=True,
        help_text=_('For example "Head of the institute" or "Project coordination".'),
    )
    photo = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("portrait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField(
        _("phone"), max_length=50, blank=True, help_text=_('As it should be displayed, e.g. "0361 30257-602".')
    )
    email = models.EmailField(
        _("email"), blank=True, help_text=_("Shown protected against address harvesters, never in plain form.")
    )
    office = models.TextField(
        _("office"), blank=True, help_text=_("Leave empty to show the institute's address from the site settings.")
    )
    biography = RichTextField(_("short biography"), features=RICH_TEXT_FEATURES, blank=True)
    orcid = models.CharField(
        _("ORCID iD"),
        max_length=19,
        blank=True,
        validators=[RegexValidator(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$", _("Format: 0000-0002-1825-0097"))],
    )
    website = models.URLField(_("profile page"), blank=True, help_text=_("For example the profile at the university."))
    is_lead = models.BooleanField(_("institute management"), default=False)
    is_team_member = models.BooleanField(_("staff"), default=True)
    is_board = models.BooleanField(_("board"), default=False)

    objects = PersonManager()

    content_panels = [
        FieldPanel(
            "title",
            help_text=_(
                'Full name as displayed, including academic title: "Dr. Stefan Huber". '
                "Leave empty to take it from the name fields below."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("academic_title"),
                FieldPanel("first_name"),
                FieldPanel("last_name"),
                FieldPanel("grammatical_gender"),
            ],
            _("Name"),
        ),
        FieldPanel("position"),
        FieldPanel("photo"),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("office")], _("Contact")),
        InlinePanel("responsibilities", label=_("Responsibilities")),
        FieldPanel("biography"),
        MultiFieldPanel([FieldPanel("orcid"), FieldPanel("website")], _("External profiles")),
        MultiFieldPanel([FieldPanel("is_lead"), FieldPanel("is_team_member"), FieldPanel("is_board")], _("Groups")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("position"),
        index.SearchField("biography"),
        index.RelatedFields("responsibilities", [index.SearchField("text")]),
        index.FilterField("last_name"),
    ]

    base_form_class = PersonPageForm
    parent_page_types = ["people.PeopleIndexPage"]
    subpage_types = []
    related_lookup = "people"  # each app's own relation: news contacts, event speakers, publication authors

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    @property
    def initials(self):
        return f"{self.first_name[:1]}{self.last_name[:1]}".upper()

    @property
    def contact_heading(self):
        """ "Ihre Ansprechpartnerin", "Ihr Ansprechpartner" or "Ihre Ansprechperson", by the form of address."""
        if self.grammatical_gender == self.Gender.FEMALE:
            return pgettext("female", "Your contact person")
        if self.grammatical_gender == self.Gender.MALE:
            return pgettext("male", "Your contact person")
        return pgettext("neutral", "Your contact person")

    @property
    def contact_for_label(self):
        """ "Ansprechpartnerin für", "Ansprechpartner für" or "Ansprechperson für", followed by the projects."""
        if self.grammatical_gender == self.Gender.FEMALE:
            return pgettext("female", "Contact for")
        if self.grammatical_gender == self.Gender.MALE:
            return pgettext("male", "Contact for")
        return pgettext("neutral", "Contact for")

    @property
    def tel_uri(self):
        return tel_uri(self.phone)

    @property
    def anchor(self):
        return f"kontakt-{self.slug}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["responsibilities"] = self.responsibilities.select_related("page").order_by("sort_order")
        context["related_sections"] = related_sections(self, request)
        context["json_ld"] = self.json_ld(request)
        return context

    def json_ld(self, request):
        """schema.org Person as JSON-LD, safe to embed in HTML; never the email address."""
        settings = SiteSettings.for_request(request)
        data = {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": self.title,
            "givenName": self.first_name,
            "familyName": self.last_name,
            "url": self.get_full_url(request),
            "worksFor": {
                "@type": "ResearchOrganization",
                "name": settings.institute_name,
                "url": f"{self.get_url_parts(request)[1]}/",
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": settings.street,
                    "postalCode": settings.postal_code,
                    "addressLocality": settings.city,
                    "addressCountry": "DE",
                },
            },
        }
        if self.academic_title:
            data["honorificPrefix"] = self.academic_title
        if self.position:
            data["jobTitle"] = self.position
        if self.phone:
            data["telephone"] = self.tel_uri.removeprefix("tel:")
        same_as = [url for url in (self.orcid and f"https://orcid.org/{self.orcid}", self.website) if url]
        if same_as:
            data["sameAs"] = same_as
        return json_ld_script(data)

    @path("vcard/")
    def vcard(self, request):
        response = HttpResponse(
            person_vcard(self, request, SiteSettings.for_request(request)), content_type="text/vcard; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.vcf"'
        return response


class Responsibility(Orderable):
    """ "Zuständigkeiten": a short item, optionally linked to the project or topic page it is about."""

    person = ParentalKey(PersonPage, on_delete=models.CASCADE, related_name="responsibilities")
    text = models.CharField(_("responsibility"), max_length=255)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("linked page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: the project or topic page this responsibility is about."),
    )

    panels = [FieldPanel("text"), PageChooserPanel("page", ["wagtailcore.Page"])]

    class Meta(Orderable.Meta):
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")

    def __str__(self):
        return self.text


class ContactPage(IndexPage):
    """The contact directory: who is responsible for what, with phone and protected email."""

    parent_page_types = ["core.HomePage"]
    subpage_types = ["trust.FeedbackFormPage"]
    max_count = 1

    class Meta:
        verbose_name = _("contact directory")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Everyone reachable by phone or e-mail, and everyone responsible for something (a programme's team)
        people = sorted_people(
            PersonPage.objects.for_listing()
            .filter(~models.Q(phone="", email="") | models.Q(responsibilities__isnull=False))
            .distinct()
        )
        context["leads"] = [p for p in people if p.is_lead]
        context["others"] = [p for p in people if not p.is_lead]
        context["topics"] = responsibility_groups(people)
        context["child_pages"] = self.get_children().live().public().specific()  # e.g. a contact form
        return context


def responsibility_groups(people):
    """Responsibilities grouped by their linked page (or, without a link, by their text), A–Z.

    Returns a list of {"title", "page", "entries": [(person, detail)]}; `detail` is the person's own
    wording when it differs from the group title ("Projektleitung ..." under "Armutsprävention").
    """
    groups = {}
    for person in people:
        for item in person.responsibilities.all():
            key = ("page", item.page_id) if item.page_id else ("text", german_sort_key(item.text))
            group = groups.setdefault(
                key, {"title": item.page.title if item.page_id else item.text, "page": item.page, "entries": []}
            )
            if all(entry[0].pk != person.pk for entry in group["entries"]):
                group["entries"].append((person, item.text if item.text != group["title"] else ""))
    return sorted(groups.values(), key=lambda group: german_sort_key(group["title"]))


class AssociationMember(PublishedSnippet, index.Indexed, Orderable):
    """A member of the association's board or one of its founders, listed on "Der Verein"; a new or changed entry
    waits for Kommunikation's approval like a page (PublishedSnippet)."""

    class Group(models.TextChoices):
        BOARD = "board", _("Board")
        FOUNDING = "founding", _("Founding members")

    name = models.CharField(_("name"), max_length=200, help_text=_("With academic title, if any."))
    function = models.CharField(_("function"), max_length=255, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    group = models.CharField(_("group"), max_length=20, choices=Group.choices, default=Group.FOUNDING)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="associationmember")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="associationmember",
        for_concrete_model=False,
    )

    panels = [FieldPanel("name"), FieldPanel("function"), FieldPanel("organisation"), FieldPanel("group")]
    search_fields = [index.SearchField("name"), index.SearchField("organisation"), index.FilterField("group")]

    class Meta(Orderable.Meta):
        verbose_name = _("association member")
        verbose_name_plural = _("association members")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @cached_property
    def details(self):
        return ", ".join(part for part in (self.function, self.organisation) if part)
