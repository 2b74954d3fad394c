from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ikpe_site.core.cache import memoize
from ikpe_site.core.visibility import index_page
from sitesearch.backend import WORD, stem

from .models import District, DistrictIndexPage, Funder, ProjectIndexPage, ProjectMembership, ProjectPage


class FunderViewSet(SnippetViewSet):
    model = Funder
    icon = "pick"
    list_display = ["name", "is_client", "url", "sort_order", LiveStatusTagColumn()]
    list_filter = ["is_client"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("logo"),
        FieldRowPanel([FieldPanel("is_client"), FieldPanel("sort_order")]),
    ]


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    list_display = ["name", "kind", "official_key", "active_until", LiveStatusTagColumn()]
    list_filter = ["kind"]
    search_fields = ["name"]
    ordering = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("locative"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("official_key")]),
        FieldRowPanel([FieldPanel("active_until"), FieldPanel("successor")]),
    ]


class ProjectDataGroup(SnippetViewSetGroup):
    menu_label = _("Project data")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (FunderViewSet, DistrictViewSet)


register_snippet(ProjectDataGroup)


@hooks.register("ikpe_home_sections")
def hero_figures(home, request):
    """The hero's figures, counted from the live projects: their short names and the districts they serve."""
    projects = ProjectPage.objects.descendant_of(home).live().public()
    projects_index, districts_index = index_page(ProjectIndexPage, request), index_page(DistrictIndexPage, request)
    return {
        "hero_programmes": list(projects.order_by("path").values_list("short_name", flat=True)),
        "hero_districts": District.objects.filter(projects__in=projects).distinct().count(),
        "projects_url": projects_index.get_url(request) if projects_index else "",
        "districts_url": districts_index.get_url(request) if districts_index else "",
    }


@hooks.register("ikpe_related_sections")
def related_projects(page, request):
    """ "Projekte" on a topic page (projects tagged with it) and on a person page (their projects)."""
    lookup = getattr(page, "related_lookup", None)
    if lookup == "topics":
        projects = list(ProjectPage.objects.filter(topics=page).for_listing()[:12])
        index = index_page(ProjectIndexPage, request) if projects else None
        return [
            {
                "title": gettext("Projects"),
                "items": projects,
                "more_url": f"{index.url}?thema={page.slug}" if index else "",
                "more_label": gettext("All projects on “%(topic)s”") % {"topic": page.title},
            }
        ]
    if lookup == "people":
        return [{"title": gettext("Projects"), "items": person_projects(page), "more_url": "", "more_label": ""}]
    return []


def person_projects(person):
    """The live projects a person works on, current roles first; each carries the role as `teaser_meta`."""
    memberships = (
        ProjectMembership.objects.filter(person=person, project__in=ProjectPage.objects.visible())
        .select_related("project__listing_image")
        .prefetch_related("project__listing_image__renditions")
        .defer("project__body")
    )
    current = sorted(
        memberships,
        key=lambda m: (not (m.is_current and m.project.status == "running"), not m.is_lead, m.project.title),
    )
    projects, seen = [], set()
    for membership in current:
        project = membership.project
        if project.pk in seen:
            continue
        seen.add(project.pk)
        parts = [project.short_name, membership.role_label, project.period]
        if not membership.is_current:
            parts.append(gettext("former member"))
        project.teaser_meta = " · ".join(str(part) for part in parts if part)
        projects.append(project)
    return projects


@hooks.register("ikpe_search_places")
def search_places(request, site, query):
    """The districts and cities a search names, for the top of the results.

    A place matches when every word of its name occurs in the query ("Jena", "Projekte in Jena", "Landkreis
    Gotha") or every word of the query in its name ("Orla" → Saale-Orla-Kreis); words compared folded and
    stemmed. No query once the cache is warm: the places and the address of the district pages are kept until
    the next content change.
    """
    places = memoize(
        "search-places",
        lambda: [
            (set(WORD.findall(stem(name))), name, slug, kind)
            for name, slug, kind in District.objects.filter(live=True).values_list("name", "slug", "kind")
        ],
    )
    words = set(WORD.findall(stem(query)))
    found = [
        (name, slug, kind)
        for name_words, name, slug, kind in places
        if name_words and words and (name_words <= words or words <= name_words)
    ]
    if not found:
        return []
    base = memoize(f"search-district-index:{site.pk}", lambda: _district_index_url(request, site))
    if not base:
        return []
    return [
        {
            "title": District(name=name, kind=kind).full_name,
            "url": f"{base}{slug}/",
            "meta": str(District.Kind(kind).label),
        }
        for name, slug, kind in found
    ]


def _district_index_url(request, site):
    """The address of the site's district overview ("" without one); its places live under it as /<slug>/."""
    index = DistrictIndexPage.objects.visible().descendant_of(site.root_page).first()
    return (index.get_url(request) or "") if index else ""


@hooks.register("ikpe_search_words")
def search_words(site):
    """Place names, so that "did you mean" can correct a misspelt district."""
    return list(District.objects.filter(live=True).values_list("name", flat=True))
