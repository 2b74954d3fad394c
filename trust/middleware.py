"""Security headers for every response, and the CSRF exemption for feedback forms (no cookie for visitors)."""

from django.conf import settings
from django.urls import reverse
from wagtail.models import Page
from wagtail.views import serve as wagtail_serve

# Public pages: only our own files. The site's JavaScript lives in static/js/; JSON-LD blocks are data, not
# scripts, and need no exception. Videos load from the two privacy-enhanced hosts only after a click.
PUBLIC_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
])
# Wagtail's admin and its previews use inline scripts and styles; they keep a relaxed policy that still pins
# every source to our own host and allows framing only by ourselves (the preview panel).
ADMIN_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com",
    "frame-ancestors 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
])
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
# Django's SecurityMiddleware and XFrameOptionsMiddleware set these from settings; they are repeated here so
# that no response goes out without them, whatever the settings say.
DEFAULT_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def admin_prefixes():
    """/admin/ (Wagtail, including its previews) and /django-admin/, wherever urls.py mounts them."""
    return reverse("wagtailadmin_home"), reverse("admin:index")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        relaxed = (
            request.path.startswith(admin_prefixes())
            # Wagtail renders previews through a simulated request for the page's public URL ("is_dummy").
            or getattr(request, "is_dummy", False)
            # Django's debug error pages (DEBUG only) use inline scripts and styles.
            or (settings.DEBUG and response.status_code >= 400)
        )
        policy = ADMIN_POLICY if relaxed else PUBLIC_POLICY
        if response.status_code >= 500 and not relaxed:
            # 500.html and 503.html carry their styles inline: they must work without database or static files.
            policy = policy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        for header, value in DEFAULT_HEADERS.items():
            response.headers.setdefault(header, value)
        if not relaxed:
            response.headers.setdefault("X-Frame-Options", "DENY")
        return response


class FeedbackFormCsrfMiddleware:
    """Let POSTs to a page whose `serve` is marked `csrf_exempt` (the feedback forms) skip the CSRF token check.

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
