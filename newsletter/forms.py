from django import forms
from django.utils.translation import gettext_lazy as _

from ikpe_site.core.security.spam import SpamProtectedForm

FIELD_TEMPLATE = "core/form_field.html"


def single_line(value):
    """Names go into mail headers and texts: no line breaks or control characters."""
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise forms.ValidationError(
            _("Please enter the name without line breaks or control characters."), code="control_characters"
        )
    return value


class ChoicesForm(forms.Form):
    """Name and what to receive: the subscription form and the self-service page."""

    name = forms.CharField(
        label=_("Name (optional)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    categories = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label=_("Topics")
    )
    projects = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Programmes"),
        help_text=_("Choose nothing to receive every issue."),
    )

    def __init__(self, *args, **kwargs):
        from news.models import NewsCategory
        from projects.models import ProjectPage

        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = NewsCategory.objects.filter(live=True)
        self.fields["projects"].queryset = ProjectPage.objects.live().public().order_by("title")
        for field in self.fields.values():
            field.template_name = FIELD_TEMPLATE

    def clean_name(self):
        return single_line(self.cleaned_data["name"].strip())


class SubscribeForm(SpamProtectedForm, ChoicesForm):
    """The subscription form, with the public forms' spam protection (honeypot, signed start time)."""

    min_seconds = 2
    spam_messages = {
        **SpamProtectedForm.spam_messages,
        "honeypot": _(
            "A field meant to stay empty was filled in (our protection against spam). Please send the form again."
        ),
        "replayed": _("This form has already been sent. Please check your inbox."),
    }

    email = forms.EmailField(
        label=_("Email address"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    consent = forms.BooleanField(label=_("I agree"), required=True)

    field_order = ["email", "name", "categories", "projects", "consent"]

    @property
    def visible(self):
        return [self[name] for name in ("email", "name", "categories", "projects", "consent")]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
