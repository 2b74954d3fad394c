from django import forms
from django.apps import apps
from django.db import models
from django.db.models import Case, Q, Value, When
from django.http import Http404

from ikpe_site.core.listing import ListingFilterForm
from ikpe_site.core.visibility import visible_pages
from sitesearch.forms import QueryField


class PublicationFilterForm(ListingFilterForm):
    """The catalogue's GET parameters (bad values: core/listing.py)."""

    kategorie = forms.ChoiceField(required=False)
    jahr = forms.IntegerField(min_value=1000, max_value=9999, required=False)
    autor = forms.SlugField(allow_unicode=True, max_length=255, required=False)
    thema = forms.SlugField(allow_unicode=True, max_length=255, required=False)
    projekt = forms.SlugField(allow_unicode=True, max_length=255, required=False)
    q = QueryField(required=False)  # cleaned, not refused: NUL and excess length are dropped

    SLUG_MODELS = {"autor": "personpage", "thema": "topicpage", "projekt": "projectpage"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        category = apps.get_model("publications", "PublicationPage")._meta.get_field("category")
        self.fields["kategorie"].choices = [("", "—"), *category.choices]

    def filters(self):
        """The filters in use; slugs become the visible pages they name (one query), an unknown slug is a 404."""
        values = {name: value for name, value in self.cleaned_or_404().items() if value not in (None, "")}
        slugs = {name: values.pop(name) for name in self.SLUG_MODELS if name in values}
        if slugs:
            condition = Q()
            for name, slug in slugs.items():
                condition |= Q(slug=slug, **{f"{self.SLUG_MODELS[name]}__isnull": False})
            kind = Case(
                *[When(**{f"{model}__isnull": False}, then=Value(name)) for name, model in self.SLUG_MODELS.items()],
                output_field=models.CharField(),
            )
            for page in visible_pages().filter(condition).annotate(kind=kind).only("id", "title", "slug"):
                if slugs.get(page.kind) == page.slug:
                    values[page.kind] = page
            if any(name not in values for name in slugs):
                raise Http404("unknown filter value")
        return values
