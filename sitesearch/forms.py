from django import forms
from django.utils.translation import gettext_lazy as _

from ikpe_site.core.listing import ListingFilterForm

from .search import KIND_CHOICES, SEARCH_MAX_LENGTH, clean_query


class QueryField(forms.CharField):
    """A search term that is cleaned instead of rejected: NUL, quotes and excess length are simply dropped."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = []  # CharField refuses NUL; clean_query already removed it

    def to_python(self, value):
        return clean_query(value)


class SearchForm(ListingFilterForm):
    """The search term and the kind filter (`?art=`; bad values: core/listing.py)."""

    params = {"kind": "art"}

    q = QueryField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": SEARCH_MAX_LENGTH}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES, required=False)

    def values(self):
        """(query, kind); an unknown kind is a 404."""
        data = self.cleaned_or_404()
        return data["q"], data["kind"]

    def was_shortened(self):
        return len(" ".join((self.data.get("q") or "").split())) > SEARCH_MAX_LENGTH
