from django.db.models import Q
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_noop
from wagtail import hooks

from ikpe_site.core.extensions import related_filter
from ikpe_site.core.visibility import index_page

from .models import EventIndexPage, EventPage, EventSpeaker

SECTION_SIZE = 3
# Lookups with a "more" link to the filtered listing: its parameter and the link's label.
MORE = {
    "topics": ("thema", gettext_noop("All events on %(title)s")),
    "projects": ("projekt", gettext_noop("All events of the project %(title)s")),
}


@hooks.register("ikpe_home_sections")
def home_events(home, request):
    events = EventPage.objects.visible().for_listing().upcoming()[:SECTION_SIZE]
    return {"upcoming_events": list(events), "events_index": index_page(EventIndexPage, request)}


@hooks.register("ikpe_head_links")
def events_calendar(request):
    index = index_page(EventIndexPage, request)
    if index is None or not index.get_url(request):
        return []
    return [{"type": "text/calendar", "title": gettext("IKPE – Events (calendar)"), "url": index.feed_url(request)}]


@hooks.register("ikpe_related_sections")
def related_events(page, request):
    """Events of a topic, project, person or district (upcoming first, then the latest past ones) and the event
    a news post reports on. One query."""
    lookup = getattr(page, "related_lookup", None)
    events = EventPage.objects.visible().for_listing()
    if lookup == "report":
        items = events.filter(report=page).order_by("start")[:SECTION_SIZE]
        return [{"title": gettext("Event"), "items": list(items), "more_url": None, "more_label": None}]
    if lookup == "people":
        events = events.filter(
            Q(pk__in=EventSpeaker.objects.filter(person=page).values("page_id")) | Q(contact_person=page)
        )
    elif lookup in ("topics", "projects", "projects__districts"):
        events = related_filter(events, page)
    else:
        return []
    items = list(events.next_first()[:SECTION_SIZE])
    section = {"title": gettext("Events"), "items": items, "more_url": None, "more_label": None}
    index = index_page(EventIndexPage, request)
    if items and index and lookup in MORE:
        parameter, label = MORE[lookup]
        section["more_url"] = f"{index.url}?{urlencode({parameter: page.slug})}"
        section["more_label"] = gettext(label) % {"title": page.title}
    if lookup == "projects__districts" and not any(item.end >= timezone.now() for item in items):
        section["notice"] = gettext("No events are announced at the moment.")  # said plainly on a district
    return [section]
