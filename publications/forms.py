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

    params = {"category": "kategorie", "year": "jahr", "author": "autor", "topic": "thema", "project": "projekt"}

    category = forms.ChoiceField(required=False)
    year = forms.IntegerField(min_value=1000, max_value=9999, required=False)
    author = forms.SlugField(allow_unicode=True, max_length=255, required=False)
    topic = forms.SlugField(allow_unicode=True, max_length=255, required=False)
    project = forms.SlugField(allow_unicode=True, max_length=255, required=False)
    q = QueryField(required=False)  # cleaned, not refused: NUL and excess length are dropped

    SLUG_MODELS = {"author": "personpage", "topic": "topicpage", "project": "projectpage"}
    # The category's values in the address are German too (?kategorie=beitraege), for the same reason as the
    # parameters (core/listing.py); `filters()` returns the stored values.
    CATEGORY_VALUES = {"beitraege": "articles", "presse": "press", "berichte": "reports", "monographien": "books"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(apps.get_model("publications", "PublicationPage")._meta.get_field("category").choices)
        self.fields["category"].choices = [
            ("", "—"),
            *((param, labels[value]) for param, value in self.CATEGORY_VALUES.items()),
        ]

    def filters(self):
        """The filters in use; slugs become the visible pages they name (one query), an unknown slug is a 404."""
        values = {name: value for name, value in self.cleaned_or_404().items() if value not in (None, "")}
        if "category" in values:
            values["category"] = self.CATEGORY_VALUES[values["category"]]
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
