"""The form of the feedback pages: the fields an editor defines, each with a length limit, plus the shared spam
protection (ikpe_site/core/security/spam.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from ikpe_site.core.security.spam import HONEYPOT, LINE_MAX_LENGTH, STARTED, SpamProtectedForm, take_address_slot

MESSAGE_MAX_LENGTH = 5000  # characters in a multi-line field: several pages of text
FIELD_TEMPLATE = "core/form_field.html"

RATE_LIMITED = _("You have already sent several messages in the last hour. Please try again later or call us.")


def take_submission_slot(request):
    """Take one of the address's slots for feedback messages (five per hour); False when all are taken."""
    return take_address_slot(request, "trust:feedback")


class FeedbackForm(SpamProtectedForm, BaseForm):
    """The fields an editor defines, plus a honeypot and a signed start time; both are checked, never stored."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name not in (HONEYPOT, STARTED):
                field.template_name = FIELD_TEMPLATE

    @property
    def data_fields(self):
        """The fields the editors defined, for the template (honeypot and start time are rendered apart)."""
        return [field for field in self if field.name not in (HONEYPOT, STARTED)]


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
