from urllib.parse import urlencode

from django.utils.translation import gettext as _
from wagtail import hooks

from ikpe_site.core.extensions import related_filter

from .models import PublicationAuthor, PublicationPage

RELATED_LIMIT = 6
PARAMETERS = {"topics": "thema", "projects": "projekt", "people": "autor"}  # the catalogue's filters


def _catalogue_url(items, request, param, slug):
    """The catalogue filtered to `param`, derived from an item's address (the catalogue is its parent): no query."""
    url = items[0].get_url(request)
    return f"{url[: url.rstrip('/').rfind('/') + 1]}?{urlencode({param: slug})}" if url else None


@hooks.register("ikpe_related_sections")
def related_publications(page, request):
    """Publications of a topic, project, person or district: one query for the list."""
    lookup = getattr(page, "related_lookup", None)
    publications = PublicationPage.objects.visible()
    if lookup == "people":
        publications = publications.filter(pk__in=PublicationAuthor.objects.filter(person=page).values("page_id"))
    elif lookup in ("topics", "projects", "projects__districts"):
        publications = related_filter(publications, page)
    else:
        return []
    items = list(
        publications.defer_streamfields()
        .select_related("listing_image")
        .prefetch_related("listing_image__renditions")
        .order_by("-year", "-pk")[:RELATED_LIMIT]
    )
    if not items:
        return []
    for item in items:
        item.teaser_meta = item.listing_meta
    param = PARAMETERS.get(lookup)
    more_url = _catalogue_url(items, request, param, page.slug) if param else None
    if lookup == "people":
        more_label = _("All publications by %(name)s") % {"name": page.title}
    else:
        more_label = _("All publications on “%(title)s”") % {"title": str(page)}
    return [{"title": _("Publications"), "items": items, "more_url": more_url, "more_label": more_label}]
