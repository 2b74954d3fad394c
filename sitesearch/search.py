"""Site search: which pages and documents a visitor may find, grouped into kinds ("Projekte", "Personen" …).

Everything public goes through `public_pages(site)`, which the search and the sitemap share: live pages of the
site, not behind a password or login, not past their expiry date (the scheduler unpublishes them only once a
minute).
"""

import difflib
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from ikpe_site.core.cache import memoize
from ikpe_site.core.dates import format_date
from ikpe_site.core.models import DatePrecision
from ikpe_site.core.visibility import visible_pages
from sitesearch.backend import WORD, fold

SEARCH_MAX_LENGTH = 200
RESULTS_PER_PAGE = 10
DOCUMENTS = "dokumente"
OTHER_PAGES = "seiten"
# Date fields shown next to a result, first match wins: news date, exact publication date, event start; else a
# publication year. Plain fields only, so a result costs no extra query.
DATE_FIELDS = ("date", "published_on", "start")
YEAR_FIELD = "year"


@dataclass(frozen=True)
class Kind:
    slug: str
    label: str  # the filter link ("Projekte")
    singular: str  # the line above a result ("Projekt")
    models: tuple = ()  # "app_label.ModelName"; empty for "every other page"

    def content_type_ids(self):
        ids = []
        for label in self.models:
            try:
                ids.append(ContentType.objects.get_for_model(apps.get_model(label)).pk)
            except LookupError:  # an app that is not installed contributes nothing
                continue
        return ids


KINDS = [
    Kind("news", pgettext_lazy("search kinds", "News"), pgettext_lazy("search kind", "News"), ("news.NewsPage",)),
    Kind(
        "projekte",
        pgettext_lazy("search kinds", "Projects"),
        pgettext_lazy("search kind", "Project"),
        ("projects.ProjectPage",),
    ),
    Kind(
        "personen",
        pgettext_lazy("search kinds", "People"),
        pgettext_lazy("search kind", "Person"),
        ("people.PersonPage",),
    ),
    Kind(
        "publikationen",
        pgettext_lazy("search kinds", "Publications"),
        pgettext_lazy("search kind", "Publication"),
        ("publications.PublicationPage",),
    ),
    Kind(
        "termine", pgettext_lazy("search kinds", "Events"), pgettext_lazy("search kind", "Event"), ("events.EventPage",)
    ),
    Kind(OTHER_PAGES, pgettext_lazy("search kinds", "Pages"), pgettext_lazy("search kind", "Page")),
]
DOCUMENT_KIND = Kind(DOCUMENTS, pgettext_lazy("search kinds", "Documents"), pgettext_lazy("search kind", "Document"))
ALL_LABEL = pgettext_lazy("search kinds", "All")
KIND_CHOICES = [(kind.slug, kind.label) for kind in [*KINDS, DOCUMENT_KIND]]


def clean_query(raw):
    """Cut the query to a sane length and drop what no search needs.

    Control characters (NUL breaks PostgreSQL) and double quotes (SQLite's FTS5 syntax) go; runs of white space
    become one space.
    """
    text = "".join(ch if ch.isprintable() and ch != '"' else " " for ch in (raw or "")[: SEARCH_MAX_LENGTH * 2])
    return " ".join(text.split())[:SEARCH_MAX_LENGTH].strip()


def search_terms(query):
    """The words of `query` a full-text index can match.

    A lone dash or quote mark would make the search for every word find nothing on SQLite, so a pasted title
    like "Tagung – Warschau" needs them dropped.
    """
    return " ".join(word for word in query.split() if any(ch.isalnum() for ch in word))


def public_pages(site):
    """Visible pages of `site` (core/visibility.py), as a PageQuerySet the search backend can filter."""
    return visible_pages(site)


def public_documents():
    """Documents outside collections restricted to logged-in users or a password."""
    documents = get_document_model().objects.all()
    restricted = memoize(
        "collection-restrictions",
        lambda: list(CollectionViewRestriction.objects.values_list("collection__path", flat=True)),
    )
    if restricted:
        condition = Q()
        for path in restricted:
            condition |= Q(path__startswith=path)
        documents = documents.exclude(collection__in=Collection.objects.filter(condition).values("pk"))
    return documents


def kind_of(content_type_id):
    for kind in KINDS:
        if content_type_id in kind.content_type_ids():
            return kind
    return KINDS[-1]


def kind_counts(results):
    """Number of results per kind slug, in one query (a facet over the content type)."""
    counts = defaultdict(int)
    for content_type_id, count in results.facet("content_type_id").items():
        counts[kind_of(content_type_id).slug] += count
    return counts


def filter_kind(pages, slug):
    if slug == OTHER_PAGES:
        known = [pk for kind in KINDS for pk in kind.content_type_ids()]
        return pages.exclude(content_type_id__in=known)
    kind = next((kind for kind in KINDS if kind.slug == slug), None)
    return pages.filter(content_type_id__in=kind.content_type_ids()) if kind else pages


RANK_LIMIT = 300


def can_rank(hits):
    """Whether to order `hits` results by relevance. PostgreSQL ranks in the index; Wagtail's SQLite backend
    ranks with one full-text lookup per hit (30 s and more for a common word among 10,000 pages,
    django-modelsearch #46/#85), so there the newest come first when a search finds very many pages."""
    return connection.vendor == "postgresql" or hits <= RANK_LIMIT


def search_pages(pages, query, kind="", rank=True):
    """Search `pages` (from `public_pages`), narrowed to one kind; every word must occur (stemmed on PostgreSQL)."""
    pages = filter_kind(pages, kind)
    if not rank:
        pages = pages.order_by("-first_published_at", "-id")
    return pages.search(search_terms(query), operator="and", order_by_relevance=rank)


def search_documents(query, rank=True):
    documents = public_documents()
    if not rank:
        documents = documents.order_by("-created_at", "-id")
    return documents.search(search_terms(query), operator="and", order_by_relevance=rank)


def specific_results(pages):
    """The specific pages for one page of results, in order: one query per page type, one for all images."""
    ids_by_model = defaultdict(list)
    for page in pages:
        model = page.specific_class
        if model is not None:
            ids_by_model[model].append(page.pk)
    found = {}
    for model, ids in ids_by_model.items():
        queryset = model.objects.filter(pk__in=ids).defer_streamfields()
        if any(field.name == "listing_image" for field in model._meta.get_fields()):
            queryset = queryset.select_related("listing_image")
        found.update((page.pk, page) for page in queryset)
    images = [page.listing_image for page in found.values() if getattr(page, "listing_image", None)]
    prefetch_related_objects(images, "renditions")
    results = []
    for page in pages:
        if page.pk in found:
            item = found[page.pk]
            item.search_meta = result_meta(item)
            results.append(item)
    return results


def result_meta(page):
    """The line above a result: its kind and its date where the page type has one ("Termin · 12.03.2025")."""
    parts = [str(kind_of(page.content_type_id).singular)]
    for name in DATE_FIELDS:
        value = getattr(page, name, None)
        if value and hasattr(value, "year"):
            if hasattr(value, "hour"):
                value = timezone.localtime(value) if timezone.is_aware(value) else value
            parts.append(format_date(value, getattr(page, "date_precision", DatePrecision.DAY), short=True))
            break
    else:
        year = getattr(page, YEAR_FIELD, None)
        if isinstance(year, int):
            parts.append(str(year))
    return " · ".join(parts)


def matching_places(request, site, query):
    """Places a search names (districts and cities), for the top of the results: the `ikpe_search_places`
    hooks' answers, [{title, url, meta}]."""
    return [place for hook in hooks.get_hooks("ikpe_search_places") for place in hook(request, site, query)]


def _title_words(site):
    """{folded word: word as written} for the words of public page titles and place names."""
    titles = list(public_pages(site).values_list("title", flat=True))
    titles += [name for hook in hooks.get_hooks("ikpe_search_words") for name in hook(site)]
    words = {}
    for title in titles:
        for word in WORD.findall(title):
            if len(word) > 2 and not word.isdigit():
                words.setdefault(fold(word), word)
    return words


def suggest(site, query):
    """A spelling the site knows, for a search that found nothing ("Armutsprevention" → "Armutsprävention").

    Each query word of four letters or more that no page title contains is replaced by the most similar title
    word (difflib, folded words compared). None when no word changes or the corrected search finds nothing
    either. Costs one query for the titles (kept until the next content change) and one to count the corrected
    search's results.
    """
    known = memoize(f"search-title-words:{site.pk}", lambda: _title_words(site))
    corrected = []
    for word in query.split():
        folded = fold(word)
        if folded in known or len(folded) < 4 or not WORD.fullmatch(folded):  # short words: too many near misses
            corrected.append(word)
            continue
        close = difflib.get_close_matches(folded, known.keys(), n=1, cutoff=0.75)
        corrected.append(known[close[0]] if close else word)
    suggestion = " ".join(corrected)
    if fold(suggestion) == fold(query):
        return None
    if not search_pages(public_pages(site), suggestion, rank=False).count():
        return None
    return suggestion
