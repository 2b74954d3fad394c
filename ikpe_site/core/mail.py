"""Outgoing mail leaves the request path: the email backend only stores each message in the task queue
(django-tasks, database backend); `manage.py run_scheduler` delivers it with `EMAIL_DELIVERY_BACKEND` and
retries a failed delivery with growing pauses. A slow or dead mail server then never holds up a request.
"""

import base64
import logging
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import Message

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)
RETRY_DELAYS = [60, 5 * 60, 30 * 60, 2 * 60 * 60, 6 * 60 * 60]  # seconds before attempt 2, 3, …


class RawMIME(Message):
    """The parsed message (headers readable), written out byte for byte as it was stored."""

    def as_bytes(self, unixfrom=False, linesep="\n", **kwargs):
        return self.raw if linesep == "\r\n" else self.raw.replace(b"\r\n", linesep.encode())

    def as_string(self, unixfrom=False, maxheaderlen=0, **kwargs):
        return self.as_bytes().decode("utf-8", "replace")


class StoredMessage(EmailMessage):
    """A message already rendered to MIME bytes; backends send it as it is."""

    def __init__(self, raw, from_email, recipients):
        super().__init__(from_email=from_email)
        self.raw = raw
        self._recipients = recipients
        parsed = message_from_bytes(raw, policy=policy.SMTP)
        self.subject = str(parsed.get("Subject", ""))
        self.to = [str(parsed.get("To", ""))]

    def recipients(self):
        return self._recipients

    def message(self, *args, **kwargs):
        parsed = message_from_bytes(self.raw, _class=RawMIME, policy=policy.compat32)
        parsed.raw = self.raw
        return parsed


@task(backend="outbox", queue_name="mail")
def deliver(raw, from_email, recipients, attempt=1):
    """Send one stored message; on failure enqueue the next attempt (the failure is logged, nothing is lost)."""
    message = StoredMessage(base64.b64decode(raw), from_email, recipients)
    try:
        get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False).send_messages([message])
    except Exception:
        if attempt > len(RETRY_DELAYS):
            logger.exception("Mail to %s failed %d times; giving up.", ", ".join(recipients), attempt)
            raise
        delay = RETRY_DELAYS[attempt - 1]
        logger.warning(
            "Mail to %s failed (attempt %d); next attempt in %d s.",
            ", ".join(recipients),
            attempt,
            delay,
            exc_info=True,
        )
        deliver.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
            raw, from_email, recipients, attempt + 1
        )
    return attempt


class QueuedEmailBackend(BaseEmailBackend):
    """EMAIL_BACKEND: puts each message into the task queue instead of talking to the mail server."""

    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            recipients = message.recipients()
            if not recipients:
                continue
            raw = base64.b64encode(message.message().as_bytes(linesep="\r\n")).decode("ascii")
            deliver.enqueue(raw, message.from_email, recipients)
            count += 1
        return count
