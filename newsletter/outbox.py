"""The outbox: due issues and announcements become one `Delivery` row per recipient, which
`run_scheduler` sends through EMAIL_DELIVERY_BACKEND.

Exactly once, even with several schedulers and crashes:
- a `Mailing` is unique per page and its rows are unique per (mailing, subscriber), so queueing twice adds
  nothing;
- a scheduler claims rows before sending: on PostgreSQL with SELECT … FOR UPDATE SKIP LOCKED, on SQLite
  with one conditional UPDATE (SQLite runs one writer at a time); a claimed row carries a lease;
- each row is marked sent right after the server accepted it. A scheduler that dies leaves at most the one
  message it was sending in "sending"; when its lease runs out, another scheduler sends it again. Only a
  crash in the instant between the server's "250 OK" and that update can deliver a message twice.
Failures are retried with growing pauses; after the last attempt the row is "failed" and Kommunikation
sees it with the error in the admin.
"""

import contextlib
import logging
import smtplib
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

from .models import Delivery, Mailing, NewsletterIssuePage, Subscriber

logger = logging.getLogger(__name__)
RETRY_DELAYS = [60, 5 * 60, 30 * 60, 2 * 60 * 60]  # seconds before attempt 2, 3, …; then "failed"
BATCH = 50


def setting(name, default):
    return getattr(settings, name, default)


def recipients(categories, projects):
    """Confirmed subscribers of any of these topics/programmes, plus those who chose nothing (= everything)."""
    subscribers = Subscriber.objects.filter(confirmed_at__isnull=False)
    if not categories and not projects:
        return subscribers
    wants_all = models.Q(categories__isnull=True, projects__isnull=True)
    return subscribers.filter(
        wants_all | models.Q(categories__in=categories) | models.Q(projects__in=projects)
    ).distinct()


def queue_mailing(page, kind, subject, html, text, subscribers):
    """Create the mailing and its rows once; returns the mailing, or None if it existed already."""
    with transaction.atomic():
        mailing, created = Mailing.objects.get_or_create(
            page_id=page.pk, defaults={"kind": kind, "subject": subject, "html": html, "text": text}
        )
        if not created:
            return None
        ids = subscribers.values_list("pk", flat=True).order_by("pk")
        Delivery.objects.bulk_create(
            [Delivery(mailing=mailing, subscriber_id=pk) for pk in ids.iterator()],
            batch_size=1000,
            ignore_conflicts=True,
        )
    return mailing


def queue_due(now=None):
    """Queue every live issue whose send time has come and that has no mailing yet."""
    from .mail import render_issue

    now = now or timezone.now()
    queued = []
    due = NewsletterIssuePage.objects.live().filter(send_at__lte=now).exclude(pk__in=Mailing.objects.values("page_id"))
    for issue in due.specific():
        subject, html, text = render_issue(issue)
        mailing = queue_mailing(
            issue,
            Mailing.Kind.ISSUE,
            subject,
            html,
            text,
            recipients(list(issue.categories.all()), list(issue.projects.all())),
        )
        if mailing is not None:
            queued.append(mailing)
    from .models import Announcement

    for announcement in Announcement.objects.due().exclude(post_id__in=Mailing.objects.values("page_id")):
        from .mail import render_announcement

        post = announcement.post.specific
        subject, html, text = render_announcement(post)
        mailing = queue_mailing(
            post, Mailing.Kind.ANNOUNCEMENT, subject, html, text, recipients(list(post.categories.all()), [])
        )
        if mailing is not None:
            queued.append(mailing)
    return queued


def claim(limit=BATCH, now=None):
    """Take up to `limit` due rows for this process; no two processes get the same row."""
    now = now or timezone.now()
    lease = now + timedelta(seconds=setting("NEWSLETTER_LEASE_SECONDS", 300))
    due = Delivery.objects.filter(
        models.Q(status=Delivery.Status.QUEUED, next_attempt_at__lte=now)
        | models.Q(status=Delivery.Status.SENDING, lease_until__lt=now)
    )
    marker = get_random_string(12)
    if connection.vendor == "postgresql":
        with transaction.atomic():
            ids = list(due.select_for_update(skip_locked=True).order_by("pk").values_list("pk", flat=True)[:limit])
            Delivery.objects.filter(pk__in=ids).update(
                status=Delivery.Status.SENDING, lease_until=lease, claimed_by=marker
            )
        return marker, list(Delivery.objects.filter(pk__in=ids).select_related("mailing", "subscriber").order_by("pk"))
    # SQLite: one UPDATE both checks and takes the rows; the database lets only one writer run at a time.
    Delivery.objects.filter(pk__in=list(due.order_by("pk").values_list("pk", flat=True)[:limit])).filter(
        models.Q(status=Delivery.Status.QUEUED, next_attempt_at__lte=now)
        | models.Q(status=Delivery.Status.SENDING, lease_until__lt=now)
    ).update(status=Delivery.Status.SENDING, lease_until=lease, claimed_by=marker)
    return marker, list(
        Delivery.objects.filter(claimed_by=marker, status=Delivery.Status.SENDING)
        .select_related("mailing", "subscriber")
        .order_by("pk")
    )


def take(row, marker):
    """Right before sending: still ours? Renews the lease and counts the attempt, in one conditional UPDATE, so
    a row whose lease ran out and that another scheduler claimed meanwhile is never sent by both."""
    lease = timezone.now() + timedelta(seconds=setting("NEWSLETTER_LEASE_SECONDS", 300))
    taken = Delivery.objects.filter(pk=row.pk, claimed_by=marker, status=Delivery.Status.SENDING).update(
        lease_until=lease, attempts=models.F("attempts") + 1
    )
    row.attempts += 1
    return bool(taken)


def send_due(max_seconds=None, on_sent=None):
    """Send claimed rows until none is due (or `max_seconds` passed); returns the number sent."""
    from .mail import personal_message

    started = time.monotonic()
    rate = setting("NEWSLETTER_MAILS_PER_SECOND", 0)
    pause = 1 / rate if rate else 0
    sent = 0
    backend = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    try:
        while max_seconds is None or time.monotonic() - started < max_seconds:
            marker, rows = claim()
            if not rows:
                break
            for row in rows:
                if row.subscriber is None:  # unsubscribed meanwhile
                    Delivery.objects.filter(pk=row.pk, claimed_by=marker).update(status=Delivery.Status.CANCELLED)
                    continue
                if not take(row, marker):
                    continue
                try:
                    backend.open()
                    backend.send_messages([personal_message(row.mailing, row.subscriber)])
                except Exception as error:  # noqa: BLE001 – any failure is retried and reported
                    fail(row, error)
                    with contextlib.suppress(Exception):
                        backend.close()
                    continue
                Delivery.objects.filter(pk=row.pk).update(
                    status=Delivery.Status.SENT, sent_at=timezone.now(), lease_until=None, last_error=""
                )
                sent += 1
                if on_sent:
                    on_sent(row)
                if pause:
                    time.sleep(pause)
    finally:
        backend.close()
    return sent


def permanent(error):
    """A 5xx answer for the recipient ("no such user"): trying again would not help."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def fail(row, error):
    text = f"{type(error).__name__}: {error}"[:500]
    if row.attempts > len(RETRY_DELAYS) or permanent(error):
        logger.error("Newsletter delivery %s failed %d times; giving up: %s", row.pk, row.attempts, text)
        Delivery.objects.filter(pk=row.pk).update(status=Delivery.Status.FAILED, last_error=text, lease_until=None)
        return
    delay = RETRY_DELAYS[row.attempts - 1] * setting("NEWSLETTER_RETRY_SCALE", 1)
    logger.warning("Newsletter delivery %s failed (attempt %d), next in %s s: %s", row.pk, row.attempts, delay, text)
    Delivery.objects.filter(pk=row.pk).update(
        status=Delivery.Status.QUEUED,
        last_error=text,
        lease_until=None,
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
    )


def run():
    """One scheduler pass: queue what is due, then send."""
    queue_due()
    Subscriber.objects.filter(confirmed_at__isnull=True, created_at__lt=timezone.now() - timedelta(days=7)).delete()
    # A pass stops after PASS_SECONDS, so publishing on time never waits for a long send; the next pass goes on.
    return send_due(max_seconds=setting("NEWSLETTER_PASS_SECONDS", 50))
