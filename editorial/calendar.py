"""Redaktionskalender: everything planned for a week or a month, by day in Europe/Berlin, from the database.

Kinds of items:

- ``go_live``: a revision approved to go live later (`Revision.approved_go_live_at`, see schedule.py),
- ``expiry``: a live page's `Page.expire_at`, or the expiry a scheduled revision brings with it,
- ``approval``: a page waiting in the workflow "Freigabe durch Kommunikation"; on the go-live time planned in
  the revision under review, or listed as "ohne Termin",
- ``draft``: the latest draft of a page with a planned go-live time that is neither scheduled nor in review,
- ``event``: an event's start (events app),
- anything other apps add through the hook below.

Extension point: other apps add items with the Wagtail hook ``editorial_calendar_items``::

    @hooks.register("editorial_calendar_items")
    def newsletter_sends(start, end, user):
        return [SimpleNamespace(kind="newsletter", at=send.at, title=send.subject, edit_url=...) for send in ...]

The hook is called with the period (aware datetimes, `start` inclusive, `end` exclusive) and the user who asks;
it returns an iterable of objects with `kind` (a short identifier), `at` (an aware datetime), `title` and
`edit_url`, and optionally `label` (shown instead of the kind) and `uid` (stable identifier for the iCal feed).
Items outside the period are left out. They are shown without a section or category filter only, and cannot be
moved in the calendar. The calendar's query count then grows by what the hook costs: keep it constant.

Go-lives and expiries are rescheduled with `reschedule` (drag-and-drop and the "Verschieben" form both post to
the same view): the new time is written where `publish_scheduled` reads it.
"""

import calendar as month_calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.db.models.fields.json import KT
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.models import Page, Revision, WorkflowState, get_page_models

from ikpe_site.core.roles import WORKFLOW_NAME

from .formats import BERLIN, format_datetime, format_time, local
from .schedule import (
    EXPIRY,
    GO_LIVE,
    expiring_pages,
    go_live_item,
    merge,
    page_expiry_item,
    page_type_label,
    planned_expiry,
    planned_expiry_item,
    scheduled_revisions,
    scheduler_names,
)

HOOK_NAME = "editorial_calendar_items"
APPROVAL = "approval"
DRAFT = "draft"
EVENT = "event"
MOVABLE_KINDS = (GO_LIVE, EXPIRY)
MONTH_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})")
FIRST_YEAR, LAST_YEAR = 2000, 2099
EXPIRY_LOG_ACTION = "editorial.expiry.reschedule"


@dataclass
class CalendarItem:
    kind: str
    at: datetime | None
    title: str
    edit_url: str
    page_id: int | None = None
    content_type_id: int | None = None
    page_type: str = ""
    scheduled_by: str = ""
    is_update: bool = False
    overdue: bool = False
    label: str = ""
    uid: str = ""

    @property
    def day(self):
        return local(self.at).date() if self.at else None

    @property
    def time(self):
        return format_time(self.at)

    @property
    def when(self):
        return format_datetime(self.at)

    @property
    def local_value(self):
        """The time as a datetime-local input wants it, in Berlin."""
        return local(self.at).strftime("%Y-%m-%dT%H:%M")

    @property
    def movable(self):
        return self.kind in MOVABLE_KINDS and self.page_id is not None

    @property
    def kind_label(self):
        if self.label:
            return self.label
        labels = {
            GO_LIVE: _("Changes go live") if self.is_update else _("Goes live"),
            EXPIRY: _("Expires"),
            APPROVAL: _("Waiting for approval"),
            DRAFT: _("Draft with planned date"),
            EVENT: _("Event"),
        }
        return labels.get(self.kind, self.kind)


def page_edit_url(page_id):
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def from_scheduled(item):
    """A schedule.ScheduledItem as a calendar item."""
    return CalendarItem(
        kind=item.kind,
        at=item.at,
        title=item.title,
        edit_url=item.edit_url,
        page_id=item.page_id,
        page_type=item.page_type,
        scheduled_by=item.scheduled_by,
        is_update=item.is_update,
        overdue=item.overdue,
    )


def scheduled_items(start, end, now):
    """Go-lives and expiries in the period, as publish_scheduled will act on them, with their page types' ids."""
    revisions = list(
        scheduled_revisions().filter(
            Q(approved_go_live_at__gte=start, approved_go_live_at__lt=end) | Q(planned_expiry__isnull=False)
        )
    )
    go_live = [revision for revision in revisions if start <= revision.approved_go_live_at < end]
    expiring = [revision for revision in revisions if (at := planned_expiry(revision)) and start <= at < end]
    names = scheduler_names(go_live + expiring)
    pages = list(expiring_pages().filter(expire_at__gte=start, expire_at__lt=end))
    items = []
    for revision in go_live:
        items.append((go_live_item(revision, names, now), revision.content_type_id))
    for revision in expiring:
        items.append((planned_expiry_item(revision, names), revision.content_type_id))
    for page in pages:
        items.append((page_expiry_item(page, now), page.content_type_id))
    content_types = {(item.kind, item.page_id, item.at): content_type_id for item, content_type_id in items}
    result = []
    for item in merge([pair[0] for pair in items]):
        calendar_item = from_scheduled(item)
        calendar_item.content_type_id = content_types[(item.kind, item.page_id, item.at)]
        result.append(calendar_item)
    return result


def planned_go_live(value):
    moment = parse_datetime(value) if value else None
    if moment and timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    return moment


def approval_items():
    """Pages in review in "Freigabe durch Kommunikation", each with the go-live time planned in the revision under
    review (None if it has none). Two queries."""
    states = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        workflow__name=WORKFLOW_NAME,
        base_content_type=ContentType.objects.get_for_model(Page),
    ).values_list("current_task_state__revision_id", flat=True)
    revisions = (
        Revision.objects.filter(pk__in=list(states))
        .select_related("content_type")
        .defer("content")
        .annotate(planned=KT("content__go_live_at"))
        .order_by("created_at", "pk")
    )
    return [
        CalendarItem(
            kind=APPROVAL,
            at=planned_go_live(revision.planned),
            title=revision.object_str,
            edit_url=page_edit_url(revision.object_id),
            page_id=int(revision.object_id),
            content_type_id=revision.content_type_id,
            page_type=page_type_label(revision.content_type),
        )
        for revision in revisions
    ]


def draft_items(excluded_page_ids):
    """Latest drafts with a planned go-live time, of pages neither scheduled nor in review. Two queries."""
    scheduled = {
        int(pk)
        for pk in Revision.page_revisions.filter(approved_go_live_at__isnull=False).values_list("object_id", flat=True)
    }
    latest = Page.objects.filter(has_unpublished_changes=True).values("latest_revision_id")
    revisions = (
        Revision.page_revisions.filter(pk__in=latest, approved_go_live_at__isnull=True)
        .select_related("content_type")
        .defer("content")
        .annotate(planned=KT("content__go_live_at"))
        .filter(planned__isnull=False)
    )
    items = []
    for revision in revisions:
        page_id = int(revision.object_id)
        at = planned_go_live(revision.planned)
        if at and page_id not in scheduled and page_id not in excluded_page_ids:
            items.append(
                CalendarItem(
                    kind=DRAFT,
                    at=at,
                    title=revision.object_str,
                    edit_url=page_edit_url(page_id),
                    page_id=page_id,
                    content_type_id=revision.content_type_id,
                    page_type=page_type_label(revision.content_type),
                )
            )
    return items


def event_items(start, end):
    from events.models import EventPage

    content_type = ContentType.objects.get_for_model(EventPage)
    label = page_type_label(content_type)
    events = EventPage.objects.filter(start__gte=start, start__lt=end).only("id", "title", "start").order_by("start")
    return [
        CalendarItem(
            kind=EVENT,
            at=event.start,
            title=event.title,
            edit_url=page_edit_url(event.pk),
            page_id=event.pk,
            content_type_id=content_type.pk,
            page_type=label,
        )
        for event in events
    ]


def hook_items(start, end, user):
    items = []
    for hook in hooks.get_hooks(HOOK_NAME):
        for item in hook(start, end, user) or ():
            at = item.at
            if timezone.is_naive(at):
                at = timezone.make_aware(at, BERLIN)
            if start <= at < end:
                items.append(
                    CalendarItem(
                        kind=str(item.kind),
                        at=at,
                        title=str(item.title),
                        edit_url=str(item.edit_url),
                        label=str(getattr(item, "label", "") or ""),
                        uid=str(getattr(item, "uid", "") or ""),
                    )
                )
    return items


@dataclass
class Filters:
    content_type_id: int | None = None
    page_ids: set | None = None  # pages in the chosen news category

    @property
    def active(self):
        return self.content_type_id is not None or self.page_ids is not None

    def keep(self, item):
        if not self.active:
            return True
        if item.page_id is None or item.content_type_id is None:
            return False  # other apps' items carry neither section nor category
        if self.content_type_id is not None and item.content_type_id != self.content_type_id:
            return False
        return self.page_ids is None or item.page_id in self.page_ids


def plan(start, end, user, filters=None, now=None):
    """Everything in the period, sorted by time, and the pending approvals without a planned time."""
    now = now or timezone.now()
    filters = filters or Filters()
    approvals = approval_items()
    in_review = {item.page_id for item in approvals}
    items = scheduled_items(start, end, now)
    items += [item for item in approvals if item.at and start <= item.at < end]
    items += [item for item in draft_items(in_review) if start <= item.at < end]
    items += event_items(start, end)
    items += hook_items(start, end, user)
    items = sorted((item for item in items if filters.keep(item)), key=lambda item: (item.at, item.title))
    undated = [item for item in approvals if item.at is None and filters.keep(item)]
    return items, undated


def by_day(items, days):
    grouped = {day: [] for day in days}
    for item in items:
        if item.day in grouped:
            grouped[item.day].append(item)
    return [{"date": day, "items": grouped[day]} for day in days]


# Periods


def parse_month(value, today):
    """The first day of a month given as "2026-12"; of `today`'s month for anything else."""
    match = MONTH_PATTERN.fullmatch(value or "")
    if match and FIRST_YEAR <= int(match[1]) <= LAST_YEAR and 1 <= int(match[2]) <= 12:
        return date(int(match[1]), int(match[2]), 1)
    return today.replace(day=1)


def month_param(day):
    return f"{day.year}-{day.month:02d}"


def month_grid(first):
    """The weeks (Monday to Sunday) that cover the month of `first`, as lists of dates."""
    return month_calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)


def bounds(first_day, last_day):
    """From the start of `first_day` to the end of `last_day`, in Berlin."""
    return (
        datetime.combine(first_day, time.min, tzinfo=BERLIN),
        datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=BERLIN),
    )


def section_choices():
    """(content type id, label) of every page type, for the section filter."""
    models = [model for model in get_page_models() if model is not Page and not model._meta.abstract]
    content_types = ContentType.objects.get_for_models(*models)
    return sorted(
        ((content_types[model].pk, str(model._meta.verbose_name_plural)) for model in models),
        key=lambda choice: choice[1],
    )


# Rescheduling


class RescheduleError(Exception):
    """A German message for the editor: nothing was changed."""


def reschedule(page, kind, at, user, now=None):
    """Move the page's scheduled go-live or its expiry to `at`: where publish_scheduled reads it, logged."""
    now = now or timezone.now()
    if at <= now:
        raise RescheduleError(_("The new time lies in the past. Please choose a time in the future."))
    with transaction.atomic():
        if kind == GO_LIVE:
            _move_go_live(page, at, user)
        else:
            _move_expiry(page, at, user)
        from ikpe_site.core.cache import bump_version

        bump_version()  # the scheduled instants are part of the content version (core/cache.py)


def _set_content_time(revision, field, at):
    content = dict(revision.content)
    content[field] = at.astimezone(UTC).isoformat().replace("+00:00", "Z")
    revision.content = content


def _move_go_live(page, at, user):
    revision = Revision.page_revisions.filter(object_id=str(page.pk), approved_go_live_at__isnull=False).first()
    if revision is None:
        raise RescheduleError(_("This page is no longer scheduled to go live."))
    expiry = planned_expiry_of(revision) or (page.expire_at if page.live else None)
    if expiry and at >= expiry:
        raise RescheduleError(_("The page would go live after it expires. Please choose an earlier time."))
    revision.approved_go_live_at = at
    _set_content_time(revision, "go_live_at", at)
    revision.save(update_fields=["approved_go_live_at", "content"])
    if not page.live:
        Page.objects.filter(pk=page.pk).update(go_live_at=at)  # what the admin shows for a scheduled new page
    log(
        instance=page,
        action="wagtail.publish.schedule",
        user=user,
        revision=revision,
        data={
            "revision": {
                "id": revision.pk,
                "created": revision.created_at.astimezone(UTC).isoformat(),
                "go_live_at": at.astimezone(UTC).isoformat(),
                "has_live_version": page.live,
            }
        },
    )


def planned_expiry_of(revision):
    value = revision.content.get("expire_at")
    moment = parse_datetime(value) if value else None
    if moment and timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    return moment


def _move_expiry(page, at, user):
    old = page.expire_at if page.live else None
    scheduled = Revision.page_revisions.filter(object_id=str(page.pk), approved_go_live_at__isnull=False).first()
    if scheduled and planned_expiry_of(scheduled):
        if at <= scheduled.approved_go_live_at:
            raise RescheduleError(_("The page would expire before it goes live. Please choose a later time."))
        old = old or planned_expiry_of(scheduled)
        _set_content_time(scheduled, "expire_at", at)
        scheduled.save(update_fields=["content"])
    elif not old:
        raise RescheduleError(_("This page has no expiry to move."))
    if page.live and page.expire_at:
        page.expire_at = at
        page.save(update_fields=["expire_at"])
        # The next publication starts from the latest draft: it carries the new expiry too.
        latest = page.latest_revision
        if latest and latest.pk != getattr(scheduled, "pk", None) and latest.content.get("expire_at"):
            _set_content_time(latest, "expire_at", at)
            latest.save(update_fields=["content"])
    log(
        instance=page,
        action=EXPIRY_LOG_ACTION,
        user=user,
        data={"old": old.astimezone(UTC).isoformat(), "new": at.astimezone(UTC).isoformat()},
    )


def expiry_log_formatter():
    """The history's line for a moved expiry: "Ablauf verschoben von … auf …" (Berlin time)."""
    from wagtail.log_actions import LogFormatter

    class ExpiryRescheduleFormatter(LogFormatter):
        label = _lazy("Move expiry")

        def format_message(self, log_entry):
            try:
                return _("Expiry moved from %(old)s to %(new)s.") % {
                    "old": format_datetime(parse_datetime(log_entry.data["old"])),
                    "new": format_datetime(parse_datetime(log_entry.data["new"])),
                }
            except (KeyError, TypeError, ValueError):
                return _("Expiry moved")

    return ExpiryRescheduleFormatter
