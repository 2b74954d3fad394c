"""What Wagtail's scheduler will do next, read from the database, with times in Europe/Berlin.

Wagtail 7 stores a scheduled publication on the page revision: publishing a revision whose `go_live_at` lies in
the future sets `Revision.approved_go_live_at` (one revision per page at most), and `manage.py publish_scheduled`
publishes every revision whose time has passed. Expiry is `Page.expire_at` of a live page; the scheduler
unpublishes it once the time has passed. A scheduled revision carries its own `expire_at` in its content, which
takes effect when it goes live.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import IntegerField, OuterRef, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page, PageLogEntry, Revision

from .formats import BERLIN, format_datetime, format_time, local

# publish_scheduled runs every minute; a time this far in the past means it has stopped.
OVERDUE_AFTER = timedelta(minutes=5)
GO_LIVE = "go_live"
EXPIRY = "expiry"
WEEK_PATTERN = re.compile(r"([0-9]{4})-W([0-9]{2})")
FIRST_YEAR, LAST_YEAR = 2000, 2099


@dataclass
class ScheduledItem:
    kind: str  # GO_LIVE or EXPIRY
    at: datetime
    page_id: int
    title: str
    page_type: str
    scheduled_by: str = ""
    is_update: bool = False  # a live page whose changes go live later
    overdue: bool = False

    @property
    def is_go_live(self):
        return self.kind == GO_LIVE

    @property
    def day(self):
        return local(self.at).date()

    @property
    def when(self):
        return format_datetime(self.at)

    @property
    def time(self):
        return format_time(self.at)

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page_id])


def page_type_label(content_type):
    model = content_type.model_class()
    return capfirst(model._meta.verbose_name) if model else content_type.model


def scheduled_revisions():
    """Page revisions approved to go live later, the earliest first: exactly what publish_scheduled will publish."""
    page = Page.objects.filter(pk=Cast(OuterRef("object_id"), output_field=IntegerField()))
    return (
        Revision.page_revisions.filter(approved_go_live_at__isnull=False)
        .select_related("user", "content_type")
        .defer("content")
        .annotate(page_live=Subquery(page.values("live")[:1]), planned_expiry=KT("content__expire_at"))
        .order_by("approved_go_live_at", "pk")
    )


def expiring_pages():
    """Live pages with an expiry time, the earliest first: what publish_scheduled will unpublish."""
    return (
        Page.objects.filter(live=True, expire_at__isnull=False)
        .select_related("content_type")
        .order_by("expire_at", "pk")
    )


def scheduler_names(revisions):
    """Who scheduled each revision: whoever approved the schedule (log entry), else the revision's author."""
    names = {revision.pk: get_user_display_name(revision.user) for revision in revisions if revision.user}
    if revisions:
        entries = (
            PageLogEntry.objects.filter(
                revision__in=[revision.pk for revision in revisions], action="wagtail.publish.schedule"
            )
            .select_related("user")
            .order_by("timestamp", "pk")
        )
        for entry in entries:
            if entry.user:
                names[entry.revision_id] = get_user_display_name(entry.user)
    return names


def go_live_item(revision, names, now):
    return ScheduledItem(
        kind=GO_LIVE,
        at=revision.approved_go_live_at,
        page_id=int(revision.object_id),
        title=revision.object_str,
        page_type=page_type_label(revision.content_type),
        scheduled_by=names.get(revision.pk, ""),
        is_update=bool(revision.page_live),
        overdue=revision.approved_go_live_at < now - OVERDUE_AFTER,
    )


def planned_expiry(revision):
    value = parse_datetime(revision.planned_expiry) if revision.planned_expiry else None
    if value and timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return value


def planned_expiry_item(revision, names):
    return ScheduledItem(
        kind=EXPIRY,
        at=planned_expiry(revision),
        page_id=int(revision.object_id),
        title=revision.object_str,
        page_type=page_type_label(revision.content_type),
        scheduled_by=names.get(revision.pk, ""),
    )


def page_expiry_item(page, now):
    return ScheduledItem(
        kind=EXPIRY,
        at=page.expire_at,
        page_id=page.pk,
        title=page.title,
        page_type=page_type_label(page.content_type),
        overdue=page.expire_at < now - OVERDUE_AFTER,
    )


def merge(items):
    """Sorted by time; an expiry known both from the live page and from its scheduled revision appears once."""
    unique = {}
    for item in items:
        unique.setdefault((item.kind, item.page_id, item.at), item)
    return sorted(unique.values(), key=lambda item: (item.at, item.title))


def overdue_count(now=None):
    """How many scheduled actions are late by more than OVERDUE_AFTER (0 while the scheduler runs)."""
    limit = (now or timezone.now()) - OVERDUE_AFTER
    return (
        Revision.page_revisions.filter(approved_go_live_at__lt=limit).count()
        + Page.objects.filter(live=True, expire_at__lt=limit).count()
    )


def upcoming(limit, now=None):
    """The next `limit` go-lives and expiries for the dashboard. Five queries, whatever the numbers."""
    now = now or timezone.now()
    revisions = list(scheduled_revisions()[: limit + 1])
    more_go_lives = len(revisions) > limit
    revisions = revisions[:limit]
    names = scheduler_names(revisions)
    pages = list(expiring_pages()[: limit + 1])
    more_expiries = len(pages) > limit
    expiries = merge(
        [page_expiry_item(page, now) for page in pages[:limit]]
        + [planned_expiry_item(revision, names) for revision in revisions if planned_expiry(revision)]
    )
    return {
        "go_lives": [go_live_item(revision, names, now) for revision in revisions],
        "more_go_lives": more_go_lives,
        "expiries": expiries[:limit],
        "more_expiries": more_expiries or len(expiries) > limit,
        "overdue_count": overdue_count(now),
    }


def parse_week(value, today):
    """The Monday of an ISO week given as "2026-W48"; the Monday of `today`'s week for anything else."""
    match = WEEK_PATTERN.fullmatch(value or "")
    if match:
        year, week = int(match[1]), int(match[2])
        if FIRST_YEAR <= year <= LAST_YEAR:
            try:
                return date.fromisocalendar(year, week, 1)
            except ValueError:
                pass
    return today - timedelta(days=today.weekday())


def week_param(day):
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_bounds(monday):
    """Start and end of the week in Berlin: 168 hours, or 167/169 in a week in which the clocks change."""
    start = datetime.combine(monday, time.min, tzinfo=BERLIN)
    return start, datetime.combine(monday + timedelta(days=7), time.min, tzinfo=BERLIN)
