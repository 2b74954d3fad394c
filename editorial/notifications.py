"""Mails the scheduler sends: "ist jetzt online" when a scheduled page goes live, and the daily digest.

`run_scheduler` calls `send_due_notices()` after each `publish_scheduled` pass, under its lock. Each mail has a
once-only key in `SentNotice` (unique): "online:<id of the publish log entry>" and "digest:<Berlin date>".
The key and the queued mails are written in one transaction, so a mail is queued exactly once, however many
schedulers run (a second insert of the same key fails and sends nothing). Mails go through the queue
(ikpe_site/core/mail.py); times are in Europe/Berlin, links absolute (WAGTAILADMIN_BASE_URL).
"""

import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageLogEntry, Revision, WorkflowState

from ikpe_site.core.roles import COMMUNICATIONS

from .formats import BERLIN, format_datetime, local

logger = logging.getLogger(__name__)
# Go-lives older than this are not announced any more (a scheduler that was down for days, a first deployment).
ONLINE_WINDOW = timedelta(days=1)
# The digest of tomorrow's go-lives goes out with the first scheduler pass after this hour (Europe/Berlin).
DIGEST_HOUR = 14


class SentNotice(models.Model):
    """One row per notice sent: its unique key makes every notice once-only."""

    key = models.CharField(_("key"), max_length=100, unique=True)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        app_label = "editorial"
        default_permissions = ()
        verbose_name = _("sent notice")
        verbose_name_plural = _("sent notices")

    def __str__(self):
        return self.key


def claim(key):
    """True for the first caller with this key (in this transaction), False for every later one."""
    try:
        with transaction.atomic():
            SentNotice.objects.create(key=key)
    except IntegrityError:
        return False
    return True


def admin_url(name, *args):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def communications_team():
    return get_user_model().objects.filter(is_active=True, groups__name=COMMUNICATIONS).exclude(email="")


def author_of(page_id, revision):
    """Who asked for the publication: the requester of the page's last approved workflow, else the revision's
    author."""
    state = (
        WorkflowState.objects.filter(
            base_content_type=revision.base_content_type_id,
            object_id=str(page_id),
            status=WorkflowState.STATUS_APPROVED,
        )
        .select_related("requested_by")
        .order_by("-created_at")
        .first()
    )
    return (state.requested_by if state else None) or revision.user


def mail(recipients, template, context):
    addresses = sorted({user.email for user in recipients if user and user.is_active and user.email})
    if not addresses:
        return 0
    with translation.override("de"):
        subject = render_to_string(f"editorial/mail/{template}_subject.txt", context).strip()
        body = render_to_string(f"editorial/mail/{template}.txt", context).strip()
    send_mail(subject, body, None, addresses)
    return len(addresses)


def send_online_notices(now):
    """ "ist jetzt online" to the author and Kommunikation, once for each scheduled go-live."""
    entries = (
        PageLogEntry.objects.filter(action="wagtail.publish.scheduled", timestamp__gte=now - ONLINE_WINDOW)
        .select_related("revision", "revision__user")
        .order_by("timestamp", "pk")
    )
    known = set(
        SentNotice.objects.filter(key__in=[f"online:{entry.pk}" for entry in entries]).values_list("key", flat=True)
    )
    sent = 0
    for entry in entries:
        key = f"online:{entry.pk}"
        if key in known or entry.revision is None:
            continue
        page = Page.objects.filter(pk=entry.page_id).specific().first()
        if page is None or not claim(key):
            continue
        context = {
            "page": page,
            "title": page.title,
            "when": format_datetime(entry.timestamp),
            "url": page.full_url,
            "edit_url": admin_url("wagtailadmin_pages:edit", page.pk),
        }
        recipients = [author_of(page.pk, entry.revision), *communications_team()]
        sent += mail(recipients, "online", context)
    return sent


def tomorrow_bounds(now):
    tomorrow = local(now).date() + timedelta(days=1)
    start = datetime.combine(tomorrow, time.min, tzinfo=BERLIN)
    return tomorrow, start, datetime.combine(tomorrow + timedelta(days=1), time.min, tzinfo=BERLIN)


def digest_items(now):
    """What goes live tomorrow (approved and scheduled) and which live pages expire tomorrow, by time."""
    tomorrow, start, end = tomorrow_bounds(now)
    revisions = (
        Revision.page_revisions.filter(approved_go_live_at__gte=start, approved_go_live_at__lt=end)
        .defer("content")
        .order_by("approved_go_live_at", "pk")
    )
    go_lives = [
        {
            "time": local(revision.approved_go_live_at).strftime("%H:%M"),
            "title": revision.object_str,
            "preview_url": admin_url("wagtailadmin_pages:view_draft", int(revision.object_id)),
            "edit_url": admin_url("wagtailadmin_pages:edit", int(revision.object_id)),
        }
        for revision in revisions
    ]
    pages = Page.objects.filter(live=True, expire_at__gte=start, expire_at__lt=end).order_by("expire_at", "pk")
    expiries = [
        {
            "time": local(page.expire_at).strftime("%H:%M"),
            "title": page.title,
            "edit_url": admin_url("wagtailadmin_pages:edit", page.pk),
        }
        for page in pages
    ]
    return {
        "date": tomorrow,
        "go_lives": go_lives,
        "expiries": expiries,
        "calendar_url": admin_url("editorial_calendar"),
    }


def send_digest(now):
    """Once a day, after DIGEST_HOUR in Berlin: tomorrow's plan to Kommunikation (no mail on a day without any)."""
    today = local(now)
    if today.hour < DIGEST_HOUR or not claim(f"digest:{today.date().isoformat()}"):
        return 0
    context = digest_items(now)
    if not (context["go_lives"] or context["expiries"]):
        return 0
    return mail(communications_team(), "digest", context)


def send_due_notices(now=None):
    """Called by run_scheduler after publish_scheduled; a failure is logged and retried at the next pass."""
    now = now or timezone.now()
    sent = 0
    for step in (send_online_notices, send_digest):
        try:
            with transaction.atomic():
                sent += step(now)
        except Exception:
            logger.exception("Editorial notices (%s) failed; retrying at the next pass", step.__name__)
    return sent
