"""What "visible to the public" means, in one place: live, not past its expiry time, and not in a section
with a view restriction.

Every listing, feed, sitemap, calendar and the search use it: page querysets through `visible()` (on every
`SitePageQuerySet`, the manager of all `BasePage` types), the search and the sitemap through `visible_pages()`.

One truth: the view restrictions come from `view_restrictions()`, memoized under the content version that
every process reads from the database once per request, so a restriction added or lifted is in force in
every worker the moment it is committed; nothing here can be older than the database. Expiry is compared
with the clock, so a page disappears at its expiry time even if the scheduler is late.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from .cache import memoize, memoize_instance


def view_restrictions():
    """Paths and ids of the pages with a view restriction, kept in the cache until the next content change
    (restrictions and pages bump the version). `aliases` says whether Wagtail's own, slower check is needed."""
    return memoize(
        "view-restrictions",
        lambda: {
            "sections": list(PageViewRestriction.objects.values_list("page__path", "page_id")),
            "aliases": Page.objects.filter(alias_of__isnull=False).exists(),
        },
    )


def restricted_q():
    """Pages in a section with a view restriction, as a condition: no query, the cache knows the sections."""
    q = Q()
    for path, _page_id in view_restrictions()["sections"]:
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def _public(queryset):
    """`queryset` without restricted sections; without any restriction no condition at all (cheaper to build
    and to run than Wagtail's `exclude(pk__in=[])`)."""
    sections = view_restrictions()["sections"]
    return queryset.exclude(restricted_q()) if sections else queryset


# The columns every teaser card reads (title, link, teaser, image): `cards()` loads these and its own ones only.
CARD_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "live",
    "locale",
    "content_type",
    "teaser",
    "listing_image",
)


class SitePageQuerySet(PageQuerySet):
    def private_q(self):
        """Wagtail's `public()` asks the database for the restrictions on every listing; the cache knows them."""
        return restricted_q()

    def visible(self):
        """What anonymous visitors may see: live, public and not expired (see the module docstring)."""
        return _public(self.filter(live=True)).exclude(expire_at__lte=timezone.now())

    def card_fields(self, *fields):
        """Only the columns of a teaser card (CARD_FIELDS) and `fields`: a smaller query, cheaper to build and to
        turn into objects than the page's 30-odd columns."""
        return self.only(*CARD_FIELDS, *fields)


SitePageManager = PageManager.from_queryset(SitePageQuerySet)


def visible_pages(site=None):
    """All visible pages (of `site`), as a plain `Page` queryset the search backend can filter: it filters only
    on indexed fields, so expiry is a sub-query here."""
    expired = Page.objects.filter(expire_at__lte=timezone.now()).values("pk")
    pages = _public(Page.objects.live()).exclude(pk__in=expired)
    return pages.descendant_of(site.root_page, inclusive=True) if site is not None else pages


def index_page(model, request=None):
    """The visible index page of type `model` (the news overview, the events page …), or None: memoized until the
    next content change and kept on the request, so a page asks for it once however often it links to it."""
    found = request.__dict__.setdefault("_ikpe_index_pages", {}) if request is not None else {}
    if model not in found:
        found[model] = memoize_instance(
            f"index-page:{model._meta.label_lower}", lambda: model.objects.visible().first()
        )
    return found[model]
