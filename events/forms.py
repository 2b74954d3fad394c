from django import forms
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _


class EventFilterForm(forms.Form):
    """The GET filters of the event listing: `?projekt=<slug>` and `?thema=<slug>`."""

    projekt = forms.ModelChoiceField(queryset=None, to_field_name="slug", required=False, label=_("Project"),
                                     empty_label=_("All projects"))
    thema = forms.ModelChoiceField(queryset=None, to_field_name="slug", required=False, label=_("Topic"),
                                   empty_label=_("All topics"))

    def __init__(self, *args, **kwargs):
        from ikpe_site.core.models import TopicPage
        from projects.models import ProjectPage

        super().__init__(*args, **kwargs)
        self.fields["projekt"].queryset = (
            ProjectPage.objects.live().filter(event_pages__live=True).distinct().order_by("title")
        )
        self.fields["thema"].queryset = TopicPage.objects.live().filter(event_pages__live=True).distinct().order_by(
            "title"
        )

    @property
    def active(self):
        return bool(self.is_bound and self.is_valid() and any(self.cleaned_data.values()))

    def querystring(self):
        """The active filters as a querystring (without "?"), for pagination and archive links."""
        if not (self.is_bound and self.is_valid()):
            return ""
        return urlencode({name: value.slug for name, value in self.cleaned_data.items() if value})
