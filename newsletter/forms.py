from django import forms
from django.utils.translation import gettext_lazy as _

from trust.feedback import HONEYPOT, LINE_MAX_LENGTH, STARTED, issue_token, token_age, use_token

MAX_SECONDS = 24 * 60 * 60
MIN_SECONDS = 2


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
            field.template_name = "trust/form_field.html"

    def clean_name(self):
        return single_line(self.cleaned_data["name"].strip())


class SubscribeForm(ChoicesForm):
    email = forms.EmailField(
        label=_("Email address"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    consent = forms.BooleanField(label=_("I agree"), required=True)
    company_website = forms.CharField(
        label=_("Please leave empty"),
        required=False,
        max_length=LINE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_started = forms.CharField(required=False, max_length=LINE_MAX_LENGTH, widget=forms.HiddenInput)

    field_order = ["email", "name", "categories", "projects", "consent"]

    def __init__(self, *args, start_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].template_name = "trust/form_field.html"
        self.fields["email"].template_name = "trust/form_field.html"
        self.fields[STARTED].initial = issue_token()
        self.submitted_token = self.data.get(STARTED) if self.is_bound else None
        self.submitted_honeypot = self.data.get(HONEYPOT, "") if self.is_bound else ""
        if self.is_bound:
            self.data = self.data.copy()
            self.data[STARTED] = self.fields[STARTED].initial
            self.data[HONEYPOT] = ""

    @property
    def visible(self):
        return [self[name] for name in ("email", "name", "categories", "projects", "consent")]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        if self.submitted_honeypot.strip():
            raise forms.ValidationError(
                _(
                    "A field meant to stay empty was filled in (our protection against "
                    "spam). Please send the form again."
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
            raise forms.ValidationError(_("This form has already been sent. Please check your inbox."), code="replayed")
        return cleaned
