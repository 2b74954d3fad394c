import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .formats import format_datetime

LINK_VALIDITY = timedelta(days=14)


def new_token():
    return secrets.token_urlsafe(32)


def default_expiry():
    return timezone.now() + LINK_VALIDITY


class EmbargoLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked=False, expires_at__gt=timezone.now())


class EmbargoLink(models.Model):
    """A secret link that shows the latest draft of a page, without login, to a partner before release."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="embargo_links",
        help_text=_("The link always shows the latest draft of this page."),
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token, editable=False)
    recipient = models.CharField(
        _("recipient"),
        max_length=200,
        help_text=_("Who gets the link, e.g. the press office of a ministry."),
    )
    note = models.TextField(_("note"), blank=True)
    embargo_until = models.DateTimeField(
        _("embargo until"),
        help_text=_('Shown on the preview as "embargo until …" (time zone Europe/Berlin).'),
    )
    expires_at = models.DateTimeField(
        _("link valid until"),
        default=default_expiry,
        help_text=_("After this time the link stops working (time zone Europe/Berlin). Default: 14 days."),
    )
    revoked = models.BooleanField(_("revoked"), default=False, help_text=_("The link stops working at once."))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = EmbargoLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        # Access follows the roles (Kommunikation, Administration), not model permissions: see permissions.py.
        default_permissions = ()
        verbose_name = _("embargo link")
        verbose_name_plural = _("embargo links")

    def __str__(self):
        return f"{self.page.title} – {self.recipient}"

    def save(self, *args, **kwargs):
        if self.revoked and self.revoked_at is None:
            self.revoked_at = timezone.now()
        elif not self.revoked:
            self.revoked_at = None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("embargo_preview", kwargs={"token": self.token})

    @property
    def full_url(self):
        """The absolute address to send, on the host of the page's site."""
        parts = self.page.get_url_parts()
        base = parts[1] if parts else settings.WAGTAILADMIN_BASE_URL
        return base.rstrip("/") + self.get_absolute_url()

    @property
    def is_active(self):
        return not self.revoked and self.expires_at > timezone.now()

    @property
    def status(self):
        if self.revoked:
            return _("revoked")
        if self.expires_at <= timezone.now():
            return _("expired")
        return _("active")

    @property
    def created_by_name(self):
        if not self.created_by:
            return ""
        return self.created_by.get_full_name() or self.created_by.get_username()

    @property
    def embargo_display(self):
        return format_datetime(self.embargo_until)

    @property
    def expires_display(self):
        return format_datetime(self.expires_at)


class CalendarFeedToken(models.Model):
    """The secret in the address of a user's iCal feed of the editorial calendar; renewing it ends the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="calendar_feed_token"
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now=True)

    class Meta:
        default_permissions = ()
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return reverse("editorial_calendar_feed", kwargs={"token": self.token})

    @classmethod
    def for_user(cls, user):
        return cls.objects.get_or_create(user=user)[0]

    def renew(self):
        self.token = new_token()
        self.save()


# Models of their own modules: the approval task with scheduling and the once-only notice keys.
from .approval import ScheduleApprovalTask  # noqa: E402, F401
from .notifications import SentNotice  # noqa: E402, F401
