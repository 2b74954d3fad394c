import re
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from ikpe_site.core.models import TopicPage

from .models import ProjectStatus

SLUG = re.compile(r"[-\w]{1,255}")


class TopicChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        # Only slugs reach the database: a NUL byte or other junk would make PostgreSQL fail.
        if value and not SLUG.fullmatch(str(value)):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ProjectFilterForm(forms.Form):
    """GET filters of the project overview. Invalid values are dropped: the list then stays unfiltered."""

    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All projects")), *ProjectStatus.choices])
    thema = TopicChoiceField(label=_("Topic"), required=False, empty_label=_("All topics"),
                             queryset=TopicPage.objects.none(), to_field_name="slug")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per request: `public()` reads the current view restrictions when it is called.
        self.fields["thema"].queryset = TopicPage.objects.live().public().order_by("title")

    def filter(self, projects):
        """Return (filtered projects, query string for pagination links, ending with "&" or empty)."""
        self.is_valid()
        cleaned = self.cleaned_data
        params = {}
        if cleaned.get("status"):
            projects = projects.with_status(cleaned["status"])
            params["status"] = cleaned["status"]
        if cleaned.get("thema"):
            projects = projects.filter(topics=cleaned["thema"])
            params["thema"] = cleaned["thema"].slug
        return projects, urlencode(params) + "&" if params else ""
