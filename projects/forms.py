from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from ikpe_site.core.listing import ListingFilterForm, SlugChoiceField


class ProjectFilterForm(ListingFilterForm):
    """GET filters of the project overview (bad values: core/listing.py)."""

    # Addresses show German words (?status=laufend): they are part of what visitors see, and links shared before
    # the stored values became English keep working. This is the one place that maps them (address → stored).
    STATUS_VALUES = {"laufend": "running", "abgeschlossen": "completed"}

    params = {"topic": "thema"}

    status = forms.ChoiceField(label=_("Status"), required=False)
    topic = SlugChoiceField(label=_("Topic"), empty_label=_("All topics"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = apps.get_model("projects", "ProjectPage")._meta.get_field("status_override")
        labels = dict(status.choices)
        self.fields["status"].choices = [
            ("", _("All projects")),
            *((param, labels[value]) for param, value in self.STATUS_VALUES.items()),
        ]
        # Built per request: the visible topics are those of the current content version.
        self.fields["topic"].queryset = apps.get_model("core", "TopicPage").objects.visible().order_by("title")

    def filter(self, projects):
        data = self.cleaned_or_404()
        if data["status"]:
            projects = projects.with_status(self.STATUS_VALUES[data["status"]])
        if data["topic"]:
            projects = projects.filter(topics=data["topic"])
        return projects
