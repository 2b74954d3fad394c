"""Listings: one behaviour for pagination and filters on every overview (news, events, projects,
publications, people and the search).

Bad input is a 404, never a 500 and never a silently different list:

- `?page=` must be a positive whole number (1, 2, …; absent or empty means 1). `abc`, `-1`, `0`, `1.5` → 404.
- A page number past the last page (`?page=99999`) → 404. Page 1 of an empty list is the empty list (200).
- A filter value the listing does not know (`?thema=gibt-es-nicht`, `?status=quatsch`) → 404: a visitor
  who followed such a link is told the filter does not exist instead of seeing everything unfiltered.
  An empty value (`?thema=`, as an untouched select sends it) means "no filter".
- Parameters the listing does not use (`?utm_source=…`) are ignored.

A 404 is also what keeps the listing's addresses finite: no cached copy, no duplicate page for search engines.

Filter forms subclass `ListingFilterForm` (in the app's forms.py). Their fields have English names; the
parameters in the address are German where visitors read them (`?kategorie=`, `?thema=`), mapped in `params`.
Pagination and filter links are built with Django's `{% querystring %}` from `listing_query` (the valid filters,
in canonical form), in one template: components/pagination.html.
"""

import re

from django import forms
from django.core.paginator import EmptyPage, Paginator
from django.forms.models import ModelChoiceIterator
from django.http import Http404, QueryDict

from .cache import memoize

PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")
SLUG = re.compile(r"[-\w]{1,255}")


def page_number(request):
    """The requested page number; 404 for anything but a positive whole number."""
    raw = request.GET.get("page", "")
    if raw == "":
        return 1
    if not PAGE_NUMBER.fullmatch(raw):
        raise Http404("invalid page number")
    return int(raw)


def paginate(request, items, per_page):
    """The requested page of `items` (a Django `Page`); 404 for a bad or too high page number."""
    number = page_number(request)
    try:
        return Paginator(items, per_page).page(number)
    except EmptyPage:
        raise Http404("no such page") from None


class MemoizedChoices(ModelChoiceIterator):
    """The options of a filter select as (slug, label), kept until the next content change: the same for every
    visitor, so a listing does not ask the database for them on each request. Validating a value still does."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from memoize(
            f"choices:{self.field.memo_key}",
            lambda: [(obj.slug, self.field.label_from_instance(obj)) for obj in self.queryset],
        )


class SlugChoiceField(forms.ModelChoiceField):
    """A page or snippet chosen by its slug (`?thema=armutspraevention`); only slugs reach the database (a NUL
    byte would make PostgreSQL fail)."""

    iterator = MemoizedChoices
    memo_key = None  # the form's class and the field's name, set by ListingFilterForm

    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)

    def to_python(self, value):
        if value and not SLUG.fullmatch(str(value)):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ListingFilterForm(forms.Form):
    """The GET filters of a listing (see the module docstring): bound to `request.GET`, 404 when invalid."""

    # Field name → query parameter, where they differ. Addresses are part of what visitors see and share, so
    # their parameters stay German (and links shared earlier keep working); the code uses English names.
    params = {}

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data if data is not None else {}, *args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, SlugChoiceField):
                field.memo_key = f"{type(self).__module__}.{type(self).__qualname__}.{name}"

    def add_prefix(self, field_name):
        """The query parameter of a field (Django names inputs and reads data with it)."""
        return self.params.get(field_name, field_name)

    def cleaned_or_404(self):
        if not self.is_valid():
            raise Http404("unknown filter value")
        return self.cleaned_data

    @property
    def active(self):
        """Whether any filter is in use."""
        return any(value not in (None, "", [], ()) for value in self.cleaned_or_404().values())

    def listing_query(self):
        """The filters in use as a QueryDict, in the form the listing's own links use (for `{% querystring %}`)."""
        query = QueryDict(mutable=True)
        for name, value in self.cleaned_or_404().items():
            if value not in (None, "", [], ()):
                param = self.add_prefix(name)
                query[param] = str(value) if isinstance(value, (str, int)) else self.data.get(param)
        return query


def listing_context(request, items, per_page, form=None):
    """What every listing template gets: `page_obj`, `filter_form` and `listing_query` (see the module
    docstring)."""
    query = form.listing_query() if form is not None else QueryDict()
    return {"page_obj": paginate(request, items, per_page), "filter_form": form, "listing_query": query}
