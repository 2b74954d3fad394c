from urllib.parse import urlencode

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

RELATED_LIMIT = 6


def _catalogue_url(items, request, param, slug):
    """The catalogue filtered to `param`, derived from an item's address (the catalogue is its parent): no query."""
    url = items[0].get_url(request)
    return f"{url[: url.rstrip('/').rfind('/') + 1]}?{urlencode({param: slug})}" if url else None


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = _("Publications")
    default_auto_field = "django.db.models.BigAutoField"

    def related_sections(self, page, request):
        """Publications of a topic, project, person or district: one query for the list."""
        from ikpe_site.core.models import TopicPage

        from .models import PublicationAuthor, PublicationPage

        publications = PublicationPage.objects.visible()
        param = None
        if isinstance(page, TopicPage):
            publications, param = publications.filter(topics=page), "thema"
        elif _is_model(page, "projects", "ProjectPage"):
            publications, param = publications.filter(projects=page), "projekt"
        elif _is_model(page, "people", "PersonPage"):
            authored = PublicationAuthor.objects.filter(person=page).values("page_id")
            publications, param = publications.filter(pk__in=authored), "autor"
        elif _is_model(page, "projects", "District"):
            field = _district_field()
            if field is None:
                return []
            publications = publications.filter(**{f"projects__{field}": page}).distinct()
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
        more_url = _catalogue_url(items, request, param, page.slug) if param else None
        if param == "autor":
            more_label = _("All publications by %(name)s") % {"name": page.title}
        else:
            more_label = _("All publications on “%(title)s”") % {"title": str(page)}
        return [{"title": _("Publications"), "items": items, "more_url": more_url, "more_label": more_label}]


def _is_model(obj, app_label, model_name):
    """isinstance without importing an app that may not provide the model (yet)."""
    from django.apps import apps

    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return False
    return isinstance(obj, model)


def _district_field():
    """The name of the project field that points at districts, whatever the projects app calls it."""
    from django.apps import apps

    project = apps.get_model("projects", "ProjectPage")
    district = apps.get_model("projects", "District")
    for field in project._meta.get_fields():
        if field.many_to_many and field.related_model is district and not field.auto_created:
            return field.name
    for field in project._meta.get_fields():
        if field.many_to_one and field.related_model is district:
            return field.name
    return None
