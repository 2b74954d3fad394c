from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from ikpe_site.core.blocks import BodyBlock
from ikpe_site.core.cache import memoize
from ikpe_site.core.dates import format_period, iso_date, period_end
from ikpe_site.core.listing import listing_context
from ikpe_site.core.metadata import json_ld_script
from ikpe_site.core.models import BasePage, DatePrecision, DateRangeMixin, IndexPage, SitePageQuerySet, related_queryset
from people.models import contact_person_field

from .forms import EventFilterForm
from .ics import calendar_response, ics_address

BERLIN = ZoneInfo(settings.TIME_ZONE)
EVENTS_PER_PAGE = 10
CALENDAR_HISTORY_DAYS = 365


def start_of_today(now=None):
    """Midnight of today in Berlin, as an aware datetime: all-day events are compared by date."""
    local = timezone.localtime(now or timezone.now(), BERLIN)
    return datetime.combine(local.date(), time.min, tzinfo=BERLIN)


def upcoming_q(now=None):
    """Events still to come or in progress; an event without a known time counts as upcoming for its whole last
    day."""
    now = now or timezone.now()
    dates_only = Q(all_day=True) | ~Q(date_precision=DatePrecision.DAY)
    return (~dates_only & Q(end__gte=now)) | (dates_only & Q(end__gte=start_of_today(now)))


class EventPageQuerySet(SitePageQuerySet):
    def upcoming(self, now=None):
        return self.filter(upcoming_q(now)).order_by("start", "pk")

    def past(self, now=None):
        return self.exclude(upcoming_q(now)).order_by("-start", "-pk")

    def in_year(self, year):
        first = datetime(year, 1, 1, tzinfo=BERLIN)
        return self.filter(start__gte=first, start__lt=first.replace(year=year + 1))

    def for_listing(self):
        return self.defer_streamfields().select_related("listing_image").prefetch_related("listing_image__renditions")

    def next_first(self, now=None):
        """Upcoming events in date order, then past events, the most recent first (one query)."""
        upcoming = upcoming_q(now)
        return self.annotate(
            is_past=Case(When(upcoming, then=Value(0)), default=Value(1)),
            upcoming_start=Case(When(upcoming, then=F("start"))),
            past_start=Case(When(~upcoming, then=F("start"))),
        ).order_by("is_past", F("upcoming_start").asc(nulls_last=True), F("past_start").desc(nulls_last=True), "pk")


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class EventIndexPage(RoutablePageMixin, IndexPage):
    """ "Termine": upcoming events, a yearly archive of past events and calendar feeds."""

    parent_page_types = ["core.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("event overview")

    def events(self):
        return EventPage.objects.child_of(self).visible().defer_streamfields()

    @path("")
    def index_route(self, request, *args, **kwargs):
        """The default view: upcoming events (and events in progress) in date order."""
        events, filters = self.filtered(request)
        return self.render(request, context_overrides=self.listing_context(request, events.upcoming(), filters))

    @path("archiv/")
    def archive_latest(self, request):
        years = self.archive_years()
        if not years:
            return self.render(
                request,
                context_overrides={
                    "archive_year": None,
                    "archive_years": [],
                    "page_obj": None,
                    "filters": None,
                    "feeds": self.feeds(request),
                    "archive_empty": True,
                },
            )
        query = self.filtered(request)[1].listing_query().urlencode()
        url = self.url + self.reverse_subpage("archive_year", kwargs={"year": years[0]})
        return redirect(f"{url}?{query}" if query else url)

    @path("archiv/<int:year>/", name="archive_year")
    def archive_year(self, request, year):
        events, filters = self.filtered(request)
        if year not in self.archive_years():
            raise Http404
        context = self.listing_context(request, events.past().in_year(year), filters)
        context["archive_year"] = year
        return self.render(request, context_overrides=context)

    @path("kalender/", name="feed")
    def feed(self, request):
        return calendar_response(request, self.calendar_events(), gettext("IKPE – Events"), "ikpe-termine")

    @path("kalender/projekt/<slug:slug>/", name="project_feed")
    def project_feed(self, request, slug):
        from projects.models import ProjectPage

        project = get_object_or_404(ProjectPage.objects.live(), slug=slug)
        events = self.calendar_events().filter(projects=project)
        return calendar_response(
            request, events, gettext("IKPE – Events: %(title)s") % {"title": project.title}, f"ikpe-termine-{slug}"
        )

    @path("kalender/thema/<slug:slug>/", name="topic_feed")
    def topic_feed(self, request, slug):
        from ikpe_site.core.models import TopicPage

        topic = get_object_or_404(TopicPage.objects.live(), slug=slug)
        events = self.calendar_events().filter(topics=topic)
        return calendar_response(
            request, events, gettext("IKPE – Events: %(title)s") % {"title": topic.title}, f"ikpe-termine-thema-{slug}"
        )

    def calendar_events(self):
        """What calendar subscriptions carry: the coming events and those of the last year, not the whole archive
        (a calendar app fetches the feed again and again; thousands of past events would weigh megabytes)."""
        since = timezone.now() - timedelta(days=CALENDAR_HISTORY_DAYS)
        return self.events().filter(start__gte=since).order_by("start")

    def filtered(self, request):
        """The events under the `projekt` and `thema` filters, and the filter form (core/listing.py)."""
        form = EventFilterForm(request.GET)
        return form.filter(self.events().for_listing()), form

    def archive_years(self):
        if not hasattr(self, "_archive_years"):

            def years():  # a scan of every event: kept until the next change (at most an hour)
                dates = EventPage.objects.child_of(self).live().past().datetimes("start", "year", tzinfo=BERLIN)
                return sorted({value.year for value in dates}, reverse=True)

            self._archive_years = memoize(f"event-years:{self.pk}", years)
        return self._archive_years

    def listing_context(self, request, events, filters):
        return {
            **listing_context(request, events, EVENTS_PER_PAGE, filters),
            "filters": filters,
            "archive_years": self.archive_years(),
            "archive_year": None,
            "feeds": self.feeds(request, filters),
        }

    def get_sitemap_urls(self, request=None):
        """The overview and one entry per archive year."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base:
            urls += [
                {"location": base + self.reverse_subpage("archive_year", kwargs={"year": year})}
                for year in self.archive_years()
            ]
        return urls

    def feed_url(self, request=None, name="feed", slug=None):
        """Absolute address of a calendar feed: ".../kalender.ics" where the `.ics` addresses are installed
        (events.urls), else the route itself (".../kalender/")."""
        url = (self.get_full_url(request) or "") + self.reverse_subpage(name, kwargs={"slug": slug} if slug else None)
        return ics_address(url)

    def feeds(self, request, filters=None):
        """Subscribable calendars: all events, and the one of the project or topic filtered for."""
        feeds = [{"title": gettext("All events"), "url": self.feed_url(request)}]
        data = filters.cleaned_data if filters is not None and filters.is_valid() else {}
        if data.get("project"):
            feeds.append(
                {
                    "title": gettext("Events of the project %(title)s") % {"title": data["project"].title},
                    "url": self.feed_url(request, "project_feed", data["project"].slug),
                }
            )
        if data.get("topic"):
            feeds.append(
                {
                    "title": gettext("Events on %(title)s") % {"title": data["topic"].title},
                    "url": self.feed_url(request, "topic_feed", data["topic"].slug),
                }
            )
        for feed in feeds:
            feed["webcal"] = "webcal://" + feed["url"].split("://", 1)[-1]
        return feeds


class EventPage(DateRangeMixin, RoutablePageMixin, BasePage):
    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        TALK = "talk", _("Talk")
        WORKSHOP = "workshop", _("Workshop")
        PANEL = "panel", _("Panel discussion")
        STAND = "stand", _("Stand")
        PARTICIPATION = "participation", _("Participation")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        POSTPONED = "postponed", _("Postponed")

    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), help_text=_("For a one-day event without a known end, repeat the start."))
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("Only the dates count; the times are ignored.")
    )
    date_precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("Only the month or year when the source gives no day; the start is then the first day."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    place_name = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_('E.g. "Bildungshaus St. Ursula".')
    )
    street = models.CharField(_("street"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(
        _("country code"), max_length=2, default="DE", help_text=_("Two letters (ISO 3166), e.g. DE or PL.")
    )
    online = models.BooleanField(_("online"), default=False)
    online_url = models.URLField(
        _("online address"), blank=True, help_text=_("Link to the video conference or stream, if public.")
    )
    organised_by_institute = models.BooleanField(_("organised by the institute"), default=False)
    organiser = models.CharField(
        _("organiser"), max_length=255, blank=True, help_text=_("Other organisers or partners, e.g. a ministry.")
    )
    institute_role = models.CharField(
        _("role of the institute"), max_length=20, choices=Role.choices, default=Role.ORGANISER
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    registration_deadline = models.DateField(_("registration deadline"), null=True, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    projects = ParentalManyToManyField(
        "projects.ProjectPage", verbose_name=_("projects"), blank=True, related_name="event_pages"
    )
    topics = ParentalManyToManyField("core.TopicPage", verbose_name=_("topics"), blank=True, related_name="event_pages")
    contact_person = contact_person_field("events_as_contact")
    report = models.ForeignKey(
        "news.NewsPage",
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reported_events",
        help_text=_("The news post that reports on this event."),
    )
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0, editable=False)

    objects = EventPageManager()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldPanel("date_precision"),
                FieldPanel("status"),
            ],
            _("Date"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("place_name"),
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("online"),
                FieldPanel("online_url"),
            ],
            _("Place"),
        ),
        MultiFieldPanel(
            [FieldPanel("organised_by_institute"), FieldPanel("organiser"), FieldPanel("institute_role")],
            _("Organiser"),
        ),
        MultiFieldPanel([FieldPanel("registration_url"), FieldPanel("registration_deadline")], _("Registration")),
        FieldPanel("body"),
        InlinePanel("speakers", label=_("Speakers")),
        MultiFieldPanel(
            [
                FieldPanel("contact_person"),
                FieldPanel("projects", widget=forms.CheckboxSelectMultiple),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("report"),
            ],
            _("Links"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("place_name"),
        index.SearchField("city"),
        index.SearchField("organiser"),
        index.FilterField("start"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["start"]), models.Index(fields=["end"])]

    start_field, end_field = "start", "end"

    def date_range(self):
        """All-day events compare their Berlin dates, others the moments."""
        if self.start is None or self.end is None:
            return None, None
        return (self.local_start_date, self.local_end_date) if self.all_day else (self.start, self.end)

    def clean(self):
        super().clean()
        if self.registration_deadline and self.end and self.registration_deadline > self.local_end_date:
            raise ValidationError({"registration_deadline": _("The deadline must not be after the event.")})

    def save(self, *args, **kwargs):
        """Count significant changes in `sequence`, which calendar clients use to replace their copy."""
        update_fields = kwargs.get("update_fields")
        if self.pk and (update_fields is None or "start" in update_fields):
            stored = EventPage.objects.filter(pk=self.pk).values(*self.CALENDAR_FIELDS, "sequence").first()
            if stored:
                changed = any(stored[name] != getattr(self, name) for name in self.CALENDAR_FIELDS)
                self.sequence = stored["sequence"] + 1 if changed else stored["sequence"]
        super().save(*args, **kwargs)

    CALENDAR_FIELDS = (
        "title",
        "start",
        "end",
        "all_day",
        "date_precision",
        "status",
        "place_name",
        "street",
        "postal_code",
        "city",
        "online",
        "online_url",
    )

    # Dates and times in Berlin

    @property
    def local_start(self):
        return timezone.localtime(self.start, BERLIN)

    @property
    def local_end(self):
        return timezone.localtime(self.end, BERLIN)

    @property
    def local_start_date(self):
        return self.local_start.date()

    @property
    def local_end_date(self):
        return self.local_end.date()

    @property
    def multi_day(self):
        return self.local_end_date > self.local_start_date

    @property
    def dates_only(self):
        """No clock time is known: an all-day event, or one known only to the month or year."""
        return self.all_day or self.date_precision != DatePrecision.DAY

    def is_upcoming(self, now=None):
        if self.dates_only:
            return self.local_end_date >= start_of_today(now).date()
        return self.end >= (now or timezone.now())

    @cached_property
    def date_text(self):
        """ "9. März 2020", "6.–7. November 2019", "30. September – 2. Oktober 2019" or just "November 2019"."""
        first, last = self.local_start_date, self.local_end_date
        if self.date_precision != DatePrecision.DAY:
            return format_period(first, last, self.date_precision)
        if first == last:
            return formats.date_format(first)
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}.–{formats.date_format(last)}"
        if first.year == last.year:
            return f"{formats.date_format(first, 'j. F')} – {formats.date_format(last)}"
        return f"{formats.date_format(first)} – {formats.date_format(last)}"

    @cached_property
    def time_text(self):
        """ "10:00–15:00 Uhr" for a timed one-day event; empty for all-day and multi-day events."""
        if self.dates_only or self.multi_day:
            return ""
        start, end = formats.time_format(self.local_start), formats.time_format(self.local_end)
        if start == end:
            return gettext("%(time)s o'clock") % {"time": start}
        return gettext("%(start)s–%(end)s o'clock") % {"start": start, "end": end}

    @cached_property
    def when_text(self):
        """The full date and time: "9. März 2020, 10:00–15:00 Uhr" or a multi-day range with times."""
        if self.multi_day and not self.dates_only:
            return gettext("%(start_date)s, %(start_time)s – %(end_date)s, %(end_time)s o'clock") % {
                "start_date": formats.date_format(self.local_start_date),
                "start_time": formats.time_format(self.local_start),
                "end_date": formats.date_format(self.local_end_date),
                "end_time": formats.time_format(self.local_end),
            }
        return ", ".join(part for part in (self.date_text, self.time_text) if part)

    @property
    def place_text(self):
        """Where, in one short line: the place and city, or "Online"."""
        parts = [part for part in (self.place_name, self.city) if part]
        if self.online:
            parts.append(gettext("online"))
        return ", ".join(parts)

    @property
    def address_lines(self):
        return [line for line in (self.street, " ".join(p for p in (self.postal_code, self.city) if p)) if line]

    @property
    def teaser_meta(self):
        """The line above the title in cards: date, time and place (and the status when it is not scheduled)."""
        parts = [self.when_text]
        if self.place_text:
            parts.append(self.place_text)
        text = " · ".join(parts)
        if self.status != self.Status.SCHEDULED:
            text = f"{self.get_status_display()}: {text}"
        return text

    # Calendar and structured data

    @path("ics/", name="ics")
    def ics(self, request):
        return calendar_response(request, [self], self.title, self.slug, download=True)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["speaker_list"] = self.speakers.select_related("person").filter(person__live=True)
        context["project_list"] = related_queryset(self.projects).visible().order_by("title")
        context["topic_list"] = related_queryset(self.topics).visible().order_by("title")
        context["report_page"] = self.report if self.report_id and self.report.live else None
        context["contact"] = self.contact_person if self.contact_person_id and self.contact_person.live else None
        context["upcoming"] = self.is_upcoming()
        context["show_registration"] = (
            context["upcoming"]
            and self.status == self.Status.SCHEDULED
            and (self.registration_deadline is None or self.registration_deadline >= start_of_today().date())
        )
        context["json_ld"] = self.json_ld(request, [item.person for item in context["speaker_list"]])
        return context

    def iso_start(self):
        """ISO 8601 for `<time datetime>` and JSON-LD: "2019-11-06T10:00:00+01:00", "2019-11-06" or "2019-11"."""
        return iso_date(self.local_start_date, self.date_precision) if self.dates_only else self.local_start.isoformat()

    def iso_end(self):
        return iso_date(self.local_end_date, self.date_precision) if self.dates_only else self.local_end.isoformat()

    def json_ld(self, request, speakers=()):
        """schema.org Event as a <script> element (core/metadata.py)."""
        from ikpe_site.core.models import SiteSettings

        status = {
            self.Status.SCHEDULED: "EventScheduled",
            self.Status.CANCELLED: "EventCancelled",
            self.Status.POSTPONED: "EventPostponed",
        }[self.status]
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "startDate": self.iso_start(),
            "endDate": self.iso_end(),
            "eventStatus": f"https://schema.org/{status}",
            "url": self.get_full_url(request),
        }
        if self.teaser:
            data["description"] = self.teaser
        physical = bool(self.place_name or self.city or self.street)
        mode = (
            "MixedEventAttendanceMode"
            if physical and self.online
            else ("OnlineEventAttendanceMode" if self.online else "OfflineEventAttendanceMode")
        )
        data["eventAttendanceMode"] = f"https://schema.org/{mode}"
        locations = []
        if physical:
            address = {"@type": "PostalAddress", "addressCountry": self.country}
            for key, value in (
                ("streetAddress", self.street),
                ("postalCode", self.postal_code),
                ("addressLocality", self.city),
            ):
                if value:
                    address[key] = value
            locations.append({"@type": "Place", "name": self.place_name or self.city, "address": address})
        if self.online:
            virtual = {"@type": "VirtualLocation"}
            if self.online_url:
                virtual["url"] = self.online_url
            locations.append(virtual)
        if locations:
            data["location"] = locations[0] if len(locations) == 1 else locations
        organisers = []
        if self.organised_by_institute:
            root_url = self.get_url_parts(request)[1] if self.get_url_parts(request) else ""
            organisers.append(
                {
                    "@type": "Organization",
                    "name": SiteSettings.for_request(request).institute_name,
                    "url": f"{root_url}/",
                }
            )
        if self.organiser:
            organisers.append({"@type": "Organization", "name": self.organiser})
        if organisers:
            data["organizer"] = organisers[0] if len(organisers) == 1 else organisers
        if speakers:
            data["performer"] = [{"@type": "Person", "name": person.title} for person in speakers]
        return json_ld_script(data)

    def ics_dates(self):
        """(DTSTART, DTEND) for iCalendar: Berlin-local datetimes, or dates with an exclusive end when no time is
        known. An event known only to the month or year spans that whole period, the only truthful DATE range."""
        if self.dates_only:
            return self.local_start_date, period_end(self.local_end_date, self.date_precision) + timedelta(days=1)
        return self.local_start, self.local_end


class EventSpeaker(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(
        "people.PersonPage", verbose_name=_("person"), on_delete=models.CASCADE, related_name="events_as_speaker"
    )
    note = models.CharField(
        _("contribution"), max_length=200, blank=True, help_text=_('E.g. "Keynote" or "Workshop with Birgit Kaufhold".')
    )

    panels = [FieldPanel("person"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
