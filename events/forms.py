from django.apps import apps
from django.utils.translation import gettext_lazy as _

from ikpe_site.core.listing import ListingFilterForm, SlugChoiceField


class EventFilterForm(ListingFilterForm):
    """The GET filters of the event listing: `?projekt=<slug>` and `?thema=<slug>` (bad values: core/listing.py)."""

    params = {"project": "projekt", "topic": "thema"}

    project = SlugChoiceField(label=_("Project"), empty_label=_("All projects"))
    topic = SlugChoiceField(label=_("Topic"), empty_label=_("All topics"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = (
            apps.get_model("projects", "ProjectPage")
            .objects.visible()
            .filter(event_pages__live=True)
            .distinct()
            .order_by("title")
        )
        self.fields["topic"].queryset = (
            apps.get_model("core", "TopicPage")
            .objects.visible()
            .filter(event_pages__live=True)
            .distinct()
            .order_by("title")
        )

    def filter(self, events):
        data = self.cleaned_or_404()
        if data["project"]:
            events = events.filter(projects=data["project"])
        if data["topic"]:
            events = events.filter(topics=data["topic"])
        return events
