"""Spam protection for the public forms (feedback pages, newsletter), without third parties: a honeypot field, a
signed start time usable once, and a rate limit per address. No check is stored with a submission.

Used tokens and counters live in the "shared" cache (see `limits`), so the limits hold across worker processes
and app servers. Salt and key prefixes are stored values from the former `trust` app: forms shown before an
update stay valid.
"""

import hashlib
import secrets
import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from .limits import client_ip, shared_cache, take_slot

TOKEN_SALT = "trust.feedback.started"
MIN_SECONDS = 3  # people need longer than this to read and fill in a form
MAX_SECONDS = 24 * 60 * 60
RATE_LIMIT = 5  # submissions per address and window
RATE_WINDOW = 60 * 60
LINE_MAX_LENGTH = 255
# Names no editor-defined field gets (labels become snake_case names: "Firmen-Website" → "firmen_website").
HONEYPOT = "company_website"
STARTED = "form_started"


def issue_token(now=None):
    """A signed timestamp with a random part: when the form was shown. Cannot be forged without SECRET_KEY."""
    return signing.dumps([round(time.time() if now is None else now, 3), secrets.token_hex(8)], salt=TOKEN_SALT)


def token_age(token, now=None):
    """Seconds since `token` was issued, or None if it is missing, tampered with or not ours."""
    try:
        issued = float(signing.loads(token or "", salt=TOKEN_SALT)[0])
    except (signing.BadSignature, TypeError, ValueError, IndexError, KeyError):
        return None
    return (time.time() if now is None else now) - issued


def use_token(token):
    """Mark a start-time token as used; False if it had been used before (a replayed form)."""
    key = "trust:token:" + hashlib.sha256(token.encode()).hexdigest()[:32]
    return shared_cache().add(key, 1, MAX_SECONDS)


def take_address_slot(request, scope, limit=RATE_LIMIT, window=RATE_WINDOW):
    """Take one of the visitor address's `limit` slots under `scope` for `window` seconds; False when all are
    taken. The address is hashed: the cache holds no personal data."""
    return take_slot(f"{scope}:{hashlib.sha256((client_ip(request) or '').encode()).hexdigest()[:32]}", limit, window)


class SpamProtectedForm(forms.Form):
    """A honeypot and a signed start time for a public form; both are checked in `clean`, never stored.

    Subclasses may set `min_seconds` and replace messages in `spam_messages`. Templates render `form.honeypot`
    (hidden from people with CSS) and `form.started` apart from the visible fields.
    """

    min_seconds = MIN_SECONDS
    spam_messages = {
        "honeypot": _(
            "Your message was not sent because a field meant to stay empty was filled in (our protection against "
            "spam). Please send the form again."
        ),
        "expired": _("The form has expired. Please check your entries and send the form again."),
        "too_fast": _("That was very fast – please check your entries and send the form again."),
        "replayed": _("This form has already been sent. Please check your entries and send the form again."),
    }

    company_website = forms.CharField(
        label=_("Please leave empty"),
        required=False,
        max_length=LINE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_started = forms.CharField(required=False, max_length=LINE_MAX_LENGTH, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[STARTED].initial = issue_token()
        self.submitted_token = None
        self.submitted_honeypot = ""
        if self.is_bound:
            # Keep what the visitor typed, but hand out a fresh start time and an empty honeypot for the next try.
            self.submitted_token = self.data.get(self.add_prefix(STARTED))
            self.submitted_honeypot = self.data.get(self.add_prefix(HONEYPOT), "")
            self.data = self.data.copy()
            self.data[self.add_prefix(STARTED)] = self.fields[STARTED].initial
            self.data[self.add_prefix(HONEYPOT)] = ""

    @property
    def honeypot(self):
        return self[HONEYPOT]

    @property
    def started(self):
        return self[STARTED]

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data.pop(HONEYPOT, None)
        cleaned_data.pop(STARTED, None)
        if self.submitted_honeypot.strip():
            raise forms.ValidationError(self.spam_messages["honeypot"], code="honeypot")
        age = token_age(self.submitted_token)
        if age is None or age > MAX_SECONDS:
            raise forms.ValidationError(self.spam_messages["expired"], code="expired")
        if age < self.min_seconds:
            raise forms.ValidationError(self.spam_messages["too_fast"], code="too_fast")
        if not self.errors and not use_token(self.submitted_token):
            raise forms.ValidationError(self.spam_messages["replayed"], code="replayed")
        return cleaned_data
