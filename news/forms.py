from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from ikpe_site.core.listing import ListingFilterForm, SlugChoiceField


class NewsFilterForm(ListingFilterForm):
    """The GET filters of the news listing (see core/listing.py for bad values)."""

    params = {"category": "kategorie", "topic": "thema", "project": "projekt"}

    category = SlugChoiceField(label=_("Category"), empty_label=_("All categories"))
    topic = SlugChoiceField(label=_("Topic"), empty_label=_("All topics"))
    project = SlugChoiceField(label=_("Project"), empty_label=_("All projects"))
    tag = forms.SlugField(required=False, max_length=100, label=_("Tag"), widget=forms.HiddenInput)
    person = forms.SlugField(required=False, max_length=255, label=_("Person"), widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = apps.get_model("news", "NewsCategory").objects.filter(live=True)
        self.fields["topic"].queryset = (
            apps.get_model("core", "TopicPage").objects.visible().only("id", "title", "slug").order_by("title")
        )
        self.fields["project"].queryset = (
            apps.get_model("projects", "ProjectPage").objects.visible().only("id", "title", "slug").order_by("title")
        )

    def clean_tag(self):
        slug = self.cleaned_data["tag"]
        if not slug:
            return None
        tag = Tag.objects.filter(slug=slug, news_newspagetag_items__isnull=False).first()
        if tag is None:
            raise ValidationError(_("Unknown tag."))
        return tag

    def clean_person(self):
        slug = self.cleaned_data["person"]
        if not slug:
            return None
        person = apps.get_model("people", "PersonPage").objects.visible().filter(slug=slug).first()
        if person is None:
            raise ValidationError(_("Unknown person."))
        return person

    def filter(self, posts):
        data = self.cleaned_or_404()
        lookups = {
            "categories": data.get("category"),
            "topics": data.get("topic"),
            "projects": data.get("project"),
            "tags": data.get("tag"),
            "contacts": data.get("person"),
        }
        for field, value in lookups.items():
            if value is not None:
                posts = posts.filter(**{field: value})
        return posts

    @property
    def in_use(self):
        """[(label, value)] of the filters in use, for the summary above the results."""
        return [(self.fields[name].label, value) for name, value in self.cleaned_or_404().items() if value]
