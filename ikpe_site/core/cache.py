"""Whole-page cache for anonymous visitors, and memoized data, both keyed by one content version.

One truth for every process: the version is a counter in the database (`ContentVersion`), raised in the
same transaction as every public change (publish, unpublish, scheduled go-live and expiry, move, delete,
snippets, settings, images, documents, redirects, view restrictions). Each request reads it once (one
primary-key query), so every gunicorn worker, the scheduler and every other machine agree on what is
public the moment a change is committed, with or without Redis; a per-process cache is correct because
nothing in it is found under an old version. Times at which pages expire or go live are part of the
version too, so an expired post leaves every cached page at its expiry, before the scheduler runs.

Drafts, submissions, comments, workflow steps and revisions change nothing public and invalidate nothing.
Editors (anyone with a session or CSRF cookie), previews, search and the admin bypass the page cache.
Requests with query parameters no page uses bypass it too, so no visitor can fill it at will.
A cache or database outage never breaks a page; a front cache (Varnish) is purged after each public change.
"""

import bisect
import contextvars
import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from .versioning import ContentVersion

logger = logging.getLogger(__name__)
CACHEABLE_TYPES = (
    "text/html",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "text/calendar",
    "text/plain",
    "application/json",
    "application/ld+json",
)
BYPASS_PREFIXES = ("/admin/", "/django-admin/", "/vorschau/", "/dokumente/", "/suche/", "/media/", "/static/")
# Response headers a cached copy keeps; everything else (cookies, Vary on the session …) is left out.
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "Link",
    "Cache-Control",
    "Expires",
    "Last-Modified",
    "ETag",
    "X-Robots-Tag",
    "Vary",
)

# The version of the current request, read once per request (None outside a request: read every time).
_request_scope = contextvars.ContextVar("ikpe_content_version", default=None)
_last_seen = {"version": None}  # served from during a database outage, when nothing can change anyway


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def bump_version(**kwargs):
    """Invalidate every cached page and memoized value, in every process (connected to the change signals)."""
    try:
        if not ContentVersion.objects.filter(pk=1).update(counter=F("counter") + 1):
            ContentVersion.objects.get_or_create(pk=1, defaults={"counter": 1})
    except DatabaseError:
        logger.warning("Content version could not be raised", exc_info=True)
        raise
    scope = _request_scope.get()
    if scope is not None:
        scope.clear()  # the rest of this request reads the new version
    _purge_after_commit()


def _purge_after_commit():
    """Purge the front cache once per transaction, after the commit (before it, Varnish would refetch the
    old page); never inside the request that waits for it to fail."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    if any(func is purge_front_cache for _sids, func, _robust in connection.run_on_commit):
        return
    transaction.on_commit(purge_front_cache, robust=True)


def purge_front_cache():
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_url_from_cache

    try:  # the shipped VCL bans every object of the host on a PURGE of "/"
        purge_url_from_cache(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/")
    except Exception:
        logger.warning("Front cache purge failed", exc_info=True)


def _read_counter():
    """The counter, in plain SQL: it is read on every request, cached ones included, and the ORM's query
    building would cost more than the query."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT counter FROM {connection.ops.quote_name(ContentVersion._meta.db_table)} WHERE id = 1")
        row = cursor.fetchone()
    counter = row[0] if row else None
    if counter is None:
        counter = ContentVersion.objects.get_or_create(pk=1)[0].counter
    return counter


def _schedule_boundaries(counter):
    """Future instants (as timestamps) at which a page expires or a scheduled revision goes live."""
    key = f"ikpe:boundaries:{counter}"
    try:
        boundaries = _cache().get(key)
    except Exception:
        boundaries = None
    if boundaries is None:
        from wagtail.models import Page, Revision

        now = timezone.now()
        instants = list(Page.objects.filter(live=True, expire_at__gt=now).values_list("expire_at", flat=True)[:500])
        instants += Revision.objects.filter(approved_go_live_at__gt=now).values_list("approved_go_live_at", flat=True)[
            :500
        ]
        boundaries = sorted(instant.timestamp() for instant in instants)
        try:
            _cache().set(key, boundaries, 3600)
        except Exception:
            logger.warning("Cache write failed", exc_info=True)
    return boundaries


def current_version():
    """The content version: the database counter plus the scheduled instants already passed.

    Read from the database once per request; None only if neither the database nor an earlier read of this
    process can tell (then nothing is cached or memoized)."""
    scope = _request_scope.get()
    if scope and "version" in scope:
        return scope["version"]
    try:
        counter = _read_counter()
        passed = bisect.bisect_right(_schedule_boundaries(counter), timezone.now().timestamp())
        version = f"{counter}.{passed}"
        _last_seen["version"] = version
    except DatabaseError:
        logger.warning("Content version unavailable; using this process's last one", exc_info=True)
        version = _last_seen["version"]
    if scope is not None:
        scope["version"] = version
    return version


def memoize(name, compute):
    """Keep `compute()` (plain values, no model instances) until the next public change; compute directly
    if the cache is down."""
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


def freeze(instance):
    """A model instance as plain values, for the cache (pickled instances cost more and outlive a release)."""
    if instance is None:
        return None
    meta = instance._meta
    return (
        meta.label_lower,
        tuple(field.get_prep_value(getattr(instance, field.attname)) for field in meta.concrete_fields),
    )


def thaw(frozen):
    """The instance `freeze` described, built without a query."""
    if frozen is None:
        return None
    from django.apps import apps

    label, values = frozen
    model = apps.get_model(label)
    return model.from_db(
        "default",
        [field.attname for field in model._meta.concrete_fields],
        [
            field.to_python(value) if value is not None else None
            for field, value in zip(model._meta.concrete_fields, values, strict=True)
        ],
    )


def memoize_instance(name, compute):
    return thaw(memoize(name, lambda: freeze(compute()) or False) or None)


def _cache_key(request, version):
    """The host, the path and the query parameters pages use (sorted); None if the request has others."""
    allowed = getattr(settings, "PAGE_CACHE_QUERY_PARAMS", ())
    params = sorted(request.GET.lists())
    if any(name not in allowed or len(values) > 1 for name, values in params):
        return None
    raw = f"{request.get_host()}{request.path}?" + "&".join(f"{name}={values[0]}" for name, values in params)
    return f"ikpe:page:{version}:{hashlib.sha256(raw.encode()).hexdigest()}"


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


def _stored(response):
    """Plain values: status, headers and one joined body (sent with one system call, not one per chunk)."""
    headers = [(name, response[name]) for name in STORED_HEADERS if response.has_header(name)]
    return (response.status_code, headers, response.content)


def _restored(entry):
    status, headers, body = entry
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_scope.set({})
        try:
            return self._respond(request)
        finally:
            _request_scope.reset(token)

    def _respond(self, request):
        if not _eligible_request(request):
            return self.get_response(request)
        key = None
        try:
            version = current_version()
            key = _cache_key(request, version) if version is not None else None
            cached = _cache().get(key) if key else None
        except Exception:
            logger.warning("Page cache unavailable; serving uncached", exc_info=True)
            cached = None
        if cached is not None:
            response = _restored(cached)
            response["X-Cache"] = "HIT"
            return response
        response = self.get_response(request)
        if key and _eligible_response(response):
            response["Last-Modified"] = http_date()
            # Browsers revalidate every time (a cheap 304 through the ETag), so no visitor keeps a stale copy.
            patch_cache_control(response, public=True, max_age=0, s_maxage=_seconds())
            if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
                response.render()
            try:
                _cache().set(key, _stored(response), _seconds())
                response["X-Cache"] = "MISS"
            except Exception:
                logger.warning("Page cache write failed", exc_info=True)
        return response


def connect_signals():
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(bump_version, dispatch_uid=f"ikpe-page-cache-{id(signal)}")
    post_delete.connect(_model_changed, dispatch_uid="ikpe-page-cache-delete")
    post_save.connect(_model_changed, dispatch_uid="ikpe-page-cache-save")
    m2m_changed.connect(_m2m_changed, dispatch_uid="ikpe-page-cache-m2m")


# Apps whose saved objects (snippets, settings, images, documents, redirects) can show on public pages.
CONTENT_APP_LABELS = {
    "core",
    "people",
    "projects",
    "publications",
    "news",
    "events",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "wagtailsearchpromotions",
    "taggit",
    "wagtailcore",
}
IGNORED_MODELS = {
    "revision",
    "pagelogentry",
    "modellogentry",
    "referenceindex",
    "workflowstate",
    "taskstate",
    "pagesubscription",
    "customrendition",
    "rendition",
    "user",
    "uploadedfile",
    "comment",
    "commentreply",
    "embargolink",
    "queryhit",
    "query",
    "querydailyhits",
    "contentversion",
}
WAGTAILCORE_PUBLIC_MODELS = {"site", "page", "collection", "pageviewrestriction", "collectionviewrestriction"}
# Fields that change when a file's size or hash is filled in on first use, or when a draft, a lock or a
# workflow step is saved on a live object: nothing visitors see.
PRIVATE_FIELDS = {
    "file_size",
    "file_hash",
    "width",
    "height",
    "comments",
    "latest_revision_created_at",
    "draft_title",
    "latest_revision",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    "live_revision",
    "workflow_in_progress",
    "scheduled_revision",
}


def _is_public_change(sender, instance, update_fields=None):
    if sender.__module__ == "__fake__":
        return False  # a data migration's historical model: nothing is cached while migrating
    meta = sender._meta
    if update_fields and set(update_fields) <= PRIVATE_FIELDS:
        return False
    if meta.app_label not in CONTENT_APP_LABELS or meta.model_name in IGNORED_MODELS:
        return False
    if meta.app_label == "wagtailcore" and meta.model_name not in WAGTAILCORE_PUBLIC_MODELS:
        return False
    # A draft page or draft snippet (Wagtail's DraftStateMixin) changes nothing public until it is published.
    return not (hasattr(instance, "live") and hasattr(instance, "has_unpublished_changes") and not instance.live)


def _model_changed(sender, instance=None, update_fields=None, **kwargs):
    if _is_public_change(sender, instance, update_fields):
        bump_version()


def _m2m_changed(sender, instance=None, action="", **kwargs):
    if action.startswith("post_") and _is_public_change(type(instance), instance):
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
                return site and (freeze(site), freeze(site.root_page.specific))

            found = memoize(f"site:{request.get_host()}:{request.get_port()}", lambda: find() or False)
            if found:
                site, root_page = thaw(found[0]), thaw(found[1])
                site.root_page = root_page
                request._wagtail_site = site
            else:
                request._wagtail_site = None
        return self.get_response(request)
