"""iCalendar (RFC 5545) for events: one event as a download, or a feed that calendar apps subscribe to."""

from datetime import date, timedelta

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from ikpe_site.core.models import SiteSettings
from ikpe_site.core.site_url import base_host_port


def uid_domain():
    """The domain part of every UID: the site's host (WAGTAILADMIN_BASE_URL) without "www.", so that the UIDs
    calendar apps already hold (…@ikpe-erfurt.de) stay the same as long as the address does."""
    return base_host_port()[0].removeprefix("www.")


def event_uid(event):
    """Stable across edits, moves and renamed slugs: the page's primary key."""
    return f"event-{event.pk}@{uid_domain()}"


def build_calendar(events, name, request):
    """A VCALENDAR with one VEVENT per event and the Europe/Berlin VTIMEZONE the local times refer to."""
    events = list(events)
    years = [event.local_start_date.year for event in events] + [event.local_end_date.year for event in events]
    calendar = new_calendar(name, years, request)
    for event in events:
        calendar.add_component(build_event(event, request))
    return calendar


def new_calendar(name, years, request, refresh=timedelta(hours=6)):
    """An empty VCALENDAR with the Europe/Berlin VTIMEZONE for `years` (also used by the editorial calendar);
    its producer is the institute named in the site settings."""
    calendar = icalendar.Calendar.new(
        prodid=f"-//{SiteSettings.for_request(request).institute_name}//Termine//DE",
        name=name,
        uid=f"{slugify(name)}@{uid_domain()}",
        refresh_interval=refresh,
    )
    calendar.add("X-WR-TIMEZONE", settings.TIME_ZONE)
    calendar.add("X-PUBLISHED-TTL", icalendar.vDuration(refresh))
    today = timezone.localdate()
    first_year, last_year = min([*years, today.year]), max([*years, today.year])
    # Always present, so that even a calendar without events holds one component, as RFC 5545 requires.
    calendar.add_component(
        icalendar.Timezone.from_tzid(
            settings.TIME_ZONE, first_date=date(first_year - 1, 1, 1), last_date=date(last_year + 2, 1, 1)
        )
    )
    return calendar


def build_event(event, request):
    start, end = event.ics_dates()
    changed = event.last_published_at or event.latest_revision_created_at or timezone.now()
    summary = event.title
    status = "CONFIRMED"
    if event.status == event.Status.CANCELLED:
        summary, status = gettext("Cancelled: %(title)s") % {"title": event.title}, "CANCELLED"
    elif event.status == event.Status.POSTPONED:
        summary, status = gettext("Postponed: %(title)s") % {"title": event.title}, "TENTATIVE"
    url = event.get_full_url(request)
    vevent = icalendar.Event.new(
        uid=event_uid(event),
        summary=summary,
        start=start,
        end=end,
        # Without a METHOD, DTSTAMP is the time the information was last revised (RFC 5545, 3.8.7.2).
        stamp=changed,
        last_modified=changed,
        sequence=event.sequence,
        url=url,
        location=location_text(event) or None,
        description=description_text(event, url, SiteSettings.for_request(request).short_name),
        status=status,
    )
    vevent.add("TRANSP", "TRANSPARENT" if event.dates_only else "OPAQUE")
    return vevent


def location_text(event):
    parts = [event.place_name, *event.address_lines]
    if event.online:
        parts.append(event.online_url or gettext("online"))
    return ", ".join(part for part in parts if part)


def description_text(event, url, institute):
    lines = [event.teaser] if event.teaser else []
    if event.organiser or event.organised_by_institute:
        lines.append(gettext("Organiser: %(name)s") % {"name": organiser_text(event, institute)})
    lines.append(gettext("Role of the IKPE: %(role)s") % {"role": event.get_institute_role_display()})
    if event.registration_url:
        lines.append(gettext("Registration: %(url)s") % {"url": event.registration_url})
    if url:
        lines.append(url)
    return "\n\n".join(lines)


def organiser_text(event, institute):
    names = [institute] if event.organised_by_institute else []
    if event.organiser:
        names.append(event.organiser)
    return ", ".join(names)


def ics_installed():
    """Whether the root URLconf includes events.urls, which serves ".../name.ics" for the route ".../name/"."""
    try:
        reverse("events_ics", kwargs={"path": "termine/kalender"})
    except NoReverseMatch:
        return False
    return True


def ics_address(url):
    """ ".../kalender/" → ".../kalender.ics" when that address is served; the route itself otherwise."""
    if ics_installed() and url.endswith("/"):
        return url[:-1] + ".ics"
    return url


def calendar_response(request, events, name, filename, download=False):
    calendar = build_calendar(events, name, request)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{slugify(filename) or "termine"}.ics"'
    return response
