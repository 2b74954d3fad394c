"""Subscribers and the consent text they agreed to (a module of its own: the views need it, the pages need
the views)."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "2026-12"
CONSENT_TEXT = (
    "Ich möchte den Newsletter des IKPE per E-Mail erhalten. Meine E-Mail-Adresse (und mein Name, "
    "falls angegeben) werden nur dafür gespeichert. Ich kann mich jederzeit mit einem Klick abmelden; "
    "dann werden meine Daten gelöscht."
)


def new_key():
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    """One address. Unconfirmed until the link in the confirmation mail is used; deleted on unsubscribe."""

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    categories = models.ManyToManyField("news.NewsCategory", verbose_name=_("topics"), blank=True, related_name="+")
    projects = models.ManyToManyField(
        "projects.ProjectPage", verbose_name=_("programmes"), blank=True, related_name="+"
    )
    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    consent_version = models.CharField(_("version of the consent text"), max_length=20)
    consent_text = models.TextField(_("consent text"))
    consented_at = models.DateTimeField(_("consent given at"))
    last_confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self):
        return self.email

    @property
    def confirmed(self):
        return self.confirmed_at is not None
