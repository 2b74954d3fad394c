from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from ikpe_site.core.listing import ListingFilterForm, SlugChoiceField


class ProjectFilterForm(ListingFilterForm):
    """GET filters of the project overview (bad values: core/listing.py)."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    thema = SlugChoiceField(label=_("Topic"), empty_label=_("All topics"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = apps.get_model("projects", "ProjectPage")._meta.get_field("status_override")
        self.fields["status"].choices = [("", _("All projects")), *status.choices]
        # Built per request: the visible topics are those of the current content version.
        self.fields["thema"].queryset = apps.get_model("core", "TopicPage").objects.visible().order_by("title")

    def filter(self, projects):
        data = self.cleaned_or_404()
        if data["status"]:
            projects = projects.with_status(data["status"])
        if data["thema"]:
            projects = projects.filter(topics=data["thema"])
        return projects
