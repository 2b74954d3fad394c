"""Extension points: how apps add to pages they do not own, through Wagtail hooks.

An app registers a function in its `wagtail_hooks.py` (`@hooks.register("ikpe_related_sections")`); core calls
every registered function here and knows no app. The hooks:

`ikpe_home_sections(home, request)` → dict
    Template context for the home page (`home`, the live `HomePage`): e.g. `latest_news`, `upcoming_events`.

`ikpe_related_sections(page, request)` → list of dicts
    Lists on a topic, project, person or district page (and a news post) of content that points at it. Each
    dict has `title`, `items` (cards: pages with an optional `teaser_meta`), `more_url`, `more_label` and
    optionally `notice`. The page says how content points at it with its `related_lookup`, a relation
    name of the shared vocabulary: `"topics"`, `"projects"`, `"people"`, `"projects__districts"`, `"report"`.
    News, events and publications all call their relations `topics` and `projects`; for `"people"` and
    `"report"` each app uses its own field (contacts, speakers, authors). An app returns `[]` for a lookup it
    has no relation for; no app looks at another app's models. Not called for unsaved pages (previews).

`ikpe_head_links(request)` → list of dicts
    `<link rel="alternate">` entries on every page (feeds, calendars): `type`, `title` and an absolute `url`.
    The list is memoized per host until the next content change.

`ikpe_search_places(request, site, query)` → list of dicts
    Places a search names, shown above the results (`title`, `url`, `meta`); the projects app adds its
    districts and cities.

`ikpe_search_words(site)` → list of str
    Words the search's "Meinten Sie …?" may suggest besides page titles (place names).
"""

from wagtail import hooks

from .cache import memoize


def home_sections(home, request):
    context = {}
    for hook in hooks.get_hooks("ikpe_home_sections"):
        context.update(hook(home, request))
    return context


def related_sections(page, request):
    if page.pk is None:
        return []
    return [section for hook in hooks.get_hooks("ikpe_related_sections") for section in hook(page, request)]


def head_links(request):
    return memoize(
        f"alternates:{request.scheme}:{request.get_host()}",
        lambda: [link for hook in hooks.get_hooks("ikpe_head_links") for link in hook(request)],
    )


def related_filter(queryset, page):
    """`queryset` narrowed to the items that point at `page` through its `related_lookup`; a path through
    another relation (`projects__districts`) as a sub-query, so an item counts once."""
    lookup = page.related_lookup
    if "__" not in lookup:
        return queryset.filter(**{lookup: page})
    return queryset.filter(pk__in=queryset.model.objects.filter(**{lookup: page}).values("pk"))
