"""Whole-page cache for anonymous visitors, invalidated the moment anything public changes.

One version key covers the whole site: any publish, unpublish (also by the scheduler: go-live and
expiry), move, delete, snippet or settings change bumps it, so listings, feeds, the home page and every
page that shows the changed item are fresh at once. Editors (anyone with a session cookie) and previews
bypass the cache. A cache outage never breaks a page: every cache call is guarded.
A front cache (Varnish) is purged through Wagtail's frontend-cache invalidation on the same events.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

logger = logging.getLogger(__name__)
VERSION_KEY = "ikpe:page-version"
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
                   "text/calendar", "text/plain", "application/json", "application/ld+json")
BYPASS_PREFIXES = ("/admin/", "/django-admin/", "/vorschau/", "/dokumente/", "/suche/", "/media/", "/static/")


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def bump_version(**kwargs):
    """Invalidate every cached page (connected to Wagtail's and Django's change signals)."""
    try:
        _cache().set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:  # a cache outage must not break publishing
        logger.warning("Page cache could not be invalidated", exc_info=True)
    purge_front_cache()


def purge_front_cache():
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_url_from_cache

    try:  # the shipped VCL bans every object of the host on a PURGE of "/"
        purge_url_from_cache(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/")
    except Exception:
        logger.warning("Front cache purge failed", exc_info=True)


def current_version():
    """The site-wide content version (changes on every publish); None if the cache is unavailable."""
    try:
        version = _cache().get(VERSION_KEY)
        if version is None:
            _cache().add(VERSION_KEY, uuid.uuid4().hex, None)
            version = _cache().get(VERSION_KEY)
        return version
    except Exception:
        logger.warning("Cache unavailable", exc_info=True)
        return None


def memoize(name, compute):
    """Keep `compute()` in the cache until the next content change; compute directly if the cache is down."""
    version = current_version()
    if version is None:
        return compute()
    key = f"ikpe:memo:{version}:{name}"
    try:
        value = _cache().get(key)
    except Exception:
        value = None
    if value is None:
        value = compute()
        try:
            _cache().set(key, value, 3600)
        except Exception:
            logger.warning("Cache write failed", exc_info=True)
    return value


def _eligible_request(request):
    return (
        _seconds() > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(BYPASS_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and settings.CSRF_COOKIE_NAME not in request.COOKIES
    )


def _eligible_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and "private" not in cache_control
        and "no-store" not in cache_control
        and response.get("Content-Type", "").split(";")[0] in CACHEABLE_TYPES
        and not getattr(response, "is_preview", False)
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _eligible_request(request):
            return self.get_response(request)
        key = None
        try:
            version = current_version()
            if version is None:
                raise ConnectionError("no cache")
            digest = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
            key = f"ikpe:page:{version}:{digest}"
            cached = _cache().get(key)
        except Exception:
            logger.warning("Page cache unavailable; serving uncached", exc_info=True)
            cached = None
        if cached is not None:
            cached["X-Cache"] = "HIT"
            return cached
        response = self.get_response(request)
        if key and _eligible_response(response):
            response["Last-Modified"] = http_date()
            patch_cache_control(response, public=True, max_age=60, s_maxage=_seconds())
            if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
                response.render()
            try:
                _cache().set(key, response, _seconds())
            except Exception:
                logger.warning("Page cache write failed", exc_info=True)
            response["X-Cache"] = "MISS"
        return response


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_version, dispatch_uid=f"ikpe-page-cache-{signal}")
    post_delete.connect(_model_changed, dispatch_uid="ikpe-page-cache-delete")
    post_save.connect(_model_changed, dispatch_uid="ikpe-page-cache-save")


# Apps whose saved objects (snippets, settings, images, documents, redirects) can show on public pages.
CONTENT_APP_LABELS = {"core", "people", "projects", "publications", "news", "events", "wagtailimages",
                      "wagtaildocs", "wagtailredirects", "wagtailsearchpromotions", "taggit", "wagtailcore"}
IGNORED_MODELS = {"revision", "pagelogentry", "modellogentry", "referenceindex", "workflowstate", "taskstate",
                  "pagesubscription", "customrendition", "rendition", "user", "uploadedfile", "comment",
                  "commentreply", "embargolink", "queryhit", "query", "querydailyhits"}


METADATA_FIELDS = {"file_size", "file_hash", "width", "height"}


def _model_changed(sender, instance=None, update_fields=None, **kwargs):
    meta = sender._meta
    if update_fields and set(update_fields) <= METADATA_FIELDS:
        return  # Wagtail filling in a file's size or hash on first use changes nothing visible
    if meta.app_label not in CONTENT_APP_LABELS or meta.model_name in IGNORED_MODELS:
        return
    if meta.app_label == "wagtailcore" and meta.model_name not in ("site", "page", "collection",
                                                                   "pageviewrestriction", "collectionviewrestriction"):
        return
    if hasattr(instance, "live") and hasattr(instance, "path") and not instance.live:
        return  # saving a draft page changes nothing public
    bump_version()


class SiteMiddleware:
    """The request's Wagtail site with its home page from the cache: two queries less on every page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(("/admin/", "/django-admin/", "/static/", "/media/", "/dokumente/")):
            from wagtail.models import Site

            def find():
                site = Site.find_for_request(request)
                if site is not None:
                    site.root_page = site.root_page.specific
                return site

            request._wagtail_site = memoize(f"site:{request.get_host()}:{request.get_port()}", find)
        return self.get_response(request)
