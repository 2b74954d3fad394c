"""Public forms without a CSRF cookie (anonymous visitors get no cookies): the feedback and newsletter pages mark
their `serve` as `csrf_exempt` and check the Origin header themselves with `same_origin`."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Page
from wagtail.views import serve as wagtail_serve


def same_origin(request):
    """Whether a POST comes from a page of this site: Origin header, or (older browsers) the Referer."""
    own = f"{request.scheme}://{request.get_host()}"
    trusted = {own, *settings.CSRF_TRUSTED_ORIGINS}
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin in trusted
    referer = urlsplit(request.headers.get("Referer", ""))
    return bool(referer.netloc) and f"{referer.scheme}://{referer.netloc}" in trusted


class CsrfExemptPageMiddleware:
    """Let POSTs to a page whose `serve` is marked `csrf_exempt` (the feedback and newsletter pages) skip the CSRF
    token check.

    Why: a CSRF token needs a cookie, and anonymous visitors get no cookies on this site. A feedback form has
    no session to protect (it can only add a message, as anyone may), so the cross-site risk is forged
    submissions; the page checks instead that the Origin (or Referer) header names our own host, which every
    current browser sends with a form POST. Placed before Django's CsrfViewMiddleware, which honours its own
    `csrf_processing_done` flag. Every other view keeps the full CSRF protection.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if request.method != "POST" or view is not wagtail_serve:
            return None
        # Wagtail caches the route on the request: the view does not look the page up a second time.
        path = args[0] if args else kwargs.get("path", "")
        page = Page.find_for_request(request, path)
        if page is not None and getattr(page.serve, "csrf_exempt", False):
            request.csrf_processing_done = True
        return None
