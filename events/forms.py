from django.apps import apps
from django.utils.translation import gettext_lazy as _

from ikpe_site.core.listing import ListingFilterForm, SlugChoiceField


class EventFilterForm(ListingFilterForm):
    """The GET filters of the event listing: `?projekt=<slug>` and `?thema=<slug>` (bad values: core/listing.py)."""

    projekt = SlugChoiceField(label=_("Project"), empty_label=_("All projects"))
    thema = SlugChoiceField(label=_("Topic"), empty_label=_("All topics"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projekt"].queryset = (
            apps.get_model("projects", "ProjectPage")
            .objects.visible()
            .filter(event_pages__live=True)
            .distinct()
            .order_by("title")
        )
        self.fields["thema"].queryset = (
            apps.get_model("core", "TopicPage")
            .objects.visible()
            .filter(event_pages__live=True)
            .distinct()
            .order_by("title")
        )

    def filter(self, events):
        data = self.cleaned_or_404()
        if data["projekt"]:
            events = events.filter(projects=data["projekt"])
        if data["thema"]:
            events = events.filter(topics=data["thema"])
        return events
