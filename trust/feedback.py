"""The base form of the feedback pages: spam is kept out without third parties (honeypot, signed start time
usable once, rate limit per address, a length limit on every field); no check is stored with the submission.

Counters and used tokens live in the "shared" cache (Redis or a database table), so the limits hold across
worker processes and app servers.
"""

import hashlib
import secrets
import time

from django import forms
from django.core import signing
from django.core.cache import caches
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from .utils import client_ip

TOKEN_SALT = "trust.feedback.started"
MIN_SECONDS = 3  # people need longer than this to read and fill in a form
MAX_SECONDS = 24 * 60 * 60
RATE_LIMIT = 5  # submissions per address and window
RATE_WINDOW = 60 * 60
MESSAGE_MAX_LENGTH = 5000  # characters in a multi-line field: several pages of text
LINE_MAX_LENGTH = 255
# Names no editor-defined field gets (labels become snake_case names: "Firmen-Website" → "firmen_website").
HONEYPOT = "company_website"
STARTED = "form_started"


def shared_cache():
    return caches["shared"]


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


def _rate_key(request):
    return "trust:feedback:" + hashlib.sha256((client_ip(request) or "").encode()).hexdigest()[:32]


def take_submission_slot(request):
    """Take one of the address's RATE_LIMIT slots for the next RATE_WINDOW; False when all are taken.

    Each slot is one atomic `add` (Redis SET NX, or an INSERT into the cache table), so concurrent requests in
    different processes can never take more than RATE_LIMIT slots between them.
    """
    return take_slot(_rate_key(request), RATE_LIMIT, RATE_WINDOW)


def take_slot(key, limit, window):
    store = shared_cache()
    return any(store.add(f"{key}:{slot}", 1, window) for slot in range(limit))


RATE_LIMITED = _("You have already sent several messages in the last hour. Please try again later or call us.")


class FeedbackForm(BaseForm):
    """The fields an editor defines, plus a honeypot and a signed start time; both are checked, never stored."""

    company_website = forms.CharField(
        label=_("Please leave empty"),
        required=False,
        max_length=LINE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_started = forms.CharField(required=False, max_length=LINE_MAX_LENGTH, widget=forms.HiddenInput)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name not in (HONEYPOT, STARTED):
                field.template_name = "trust/form_field.html"
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
    def data_fields(self):
        """The fields the editors defined, for the template (honeypot and start time are rendered apart)."""
        return [field for field in self if field.name not in (HONEYPOT, STARTED)]

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
            raise forms.ValidationError(
                _(
                    "Your message was not sent because a field meant to stay empty was filled in (our protection "
                    "against spam). Please send the form again."
                ),
                code="honeypot",
            )
        age = token_age(self.submitted_token)
        if age is None or age > MAX_SECONDS:
            raise forms.ValidationError(
                _("The form has expired. Please check your entries and send the form again."), code="expired"
            )
        if age < MIN_SECONDS:
            raise forms.ValidationError(
                _("That was very fast – please check your entries and send the form again."), code="too_fast"
            )
        if not self.errors and not use_token(self.submitted_token):
            raise forms.ValidationError(
                _("This form has already been sent. Please check your entries and send the form again."),
                code="replayed",
            )
        return cleaned_data


class FeedbackFormBuilder(FormBuilder):
    """Wagtail's fields, each with a length limit (a message of megabytes is refused, not stored)."""

    def create_singleline_field(self, field, options):
        return super().create_singleline_field(field, {**options, "max_length": LINE_MAX_LENGTH})

    def create_multiline_field(self, field, options):
        return super().create_multiline_field(field, {**options, "max_length": MESSAGE_MAX_LENGTH})

    def create_email_field(self, field, options):
        return super().create_email_field(field, {**options, "max_length": 254})

    def create_url_field(self, field, options):
        return super().create_url_field(field, {**options, "max_length": 2000})

    def create_hidden_field(self, field, options):
        return super().create_hidden_field(field, {**options, "max_length": LINE_MAX_LENGTH})

    def get_form_class(self):
        return type("FeedbackWagtailForm", (FeedbackForm,), self.formfields)
