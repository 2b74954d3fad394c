from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models import Q
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

SECTION_SIZE = 3


def events_index(request):
    """The live "Termine" page (every page's head links to its feed), kept until the next content change."""
    if not hasattr(request, "_ikpe_events_index"):
        from ikpe_site.core.cache import memoize_instance

        from .models import EventIndexPage

        request._ikpe_events_index = memoize_instance("events-index", lambda: EventIndexPage.objects.visible().first())
    return request._ikpe_events_index


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def home_context(self, home, request):
        from .models import EventPage

        events = EventPage.objects.visible().for_listing().upcoming()[:SECTION_SIZE]
        return {"upcoming_events": list(events), "events_index": events_index(request)}

    def alternate_links(self, request):
        index = events_index(request)
        if index is None or not index.get_url(request):
            return []
        return [{"type": "text/calendar", "title": gettext("IKPE – Events (calendar)"), "url": index.feed_url(request)}]

    def related_sections(self, page, request):
        """Events of a topic, project, person or district (upcoming first, then the latest past ones) and the
        event a news post reports on. One query per section."""
        from ikpe_site.core.models import TopicPage
        from news.models import NewsPage
        from people.models import PersonPage
        from projects.models import ProjectPage

        from .models import EventPage, EventSpeaker

        events = EventPage.objects.visible().for_listing()
        index = events_index(request)
        more_url = more_label = None
        if isinstance(page, NewsPage):
            items = events.filter(report=page).order_by("start")[:SECTION_SIZE]
            return [{"title": gettext("Event"), "items": list(items), "more_url": None, "more_label": None}]
        if isinstance(page, TopicPage):
            events = events.filter(topics=page)
            if index:
                more_url = f"{index.url}?{urlencode({'thema': page.slug})}"
                more_label = gettext("All events on %(title)s") % {"title": page.title}
        elif isinstance(page, ProjectPage):
            events = events.filter(projects=page)
            if index:
                more_url = f"{index.url}?{urlencode({'projekt': page.slug})}"
                more_label = gettext("All events of the project %(title)s") % {"title": page.title}
        elif isinstance(page, PersonPage):
            speaking = EventSpeaker.objects.filter(person=page).values("page_id")
            events = events.filter(Q(pk__in=speaking) | Q(contact_person=page))
        elif (field := district_field(page)) is not None:
            events = events.filter(pk__in=EventPage.objects.filter(**{f"projects__{field}": page}).values("pk"))
        else:
            return []
        items = list(events.next_first()[:SECTION_SIZE])
        section = {
            "title": gettext("Events"),
            "items": items,
            "more_url": more_url if items else None,
            "more_label": more_label,
        }
        if district_field(page) is not None and not any(item.end >= timezone.now() for item in items):
            section["notice"] = gettext("No events are announced at the moment.")  # said plainly on a district
        return [section]


def district_field(page):
    """The name of ProjectPage's relation to `projects.District` when `page` is a district, else None."""
    try:
        district_model = global_apps.get_model("projects", "District")
    except LookupError:
        return None
    if not isinstance(page, district_model):
        return None
    from projects.models import ProjectPage

    for field in ProjectPage._meta.get_fields():
        if field.related_model is district_model and (field.many_to_many or field.many_to_one):
            return field.name
    return None
