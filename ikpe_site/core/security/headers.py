"""Security headers for every response: django-csp's Content-Security-Policy with the exceptions the site needs."""

from csp.constants import NONE, SELF, UNSAFE_EVAL, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.urls import reverse

# The public policy is settings.CONTENT_SECURITY_POLICY (django-csp). Wagtail's admin and its previews use inline
# scripts and styles; they keep a relaxed policy that still pins every source to our own host and allows framing
# only by ourselves (the preview panel).
ADMIN_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE, UNSAFE_EVAL],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "frame-src": [SELF, "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "frame-ancestors": [SELF],
    "base-uri": [SELF],
    "form-action": [SELF],
    "object-src": [NONE],
}
PUBLIC_POLICY = build_policy()
ADMIN_POLICY = build_policy(config=ADMIN_DIRECTIVES)


def admin_prefixes():
    """/admin/ (Wagtail, including its previews) and /django-admin/, wherever urls.py mounts them."""
    return reverse("wagtailadmin_home"), reverse("admin:index")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the two exceptions the site needs: the relaxed admin policy, and inline
    styles for 500.html and 503.html (they must work without database or static files)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if (
            request.path.startswith(admin_prefixes())
            # Wagtail renders previews through a simulated request for the page's public URL ("is_dummy").
            or getattr(request, "is_dummy", False)
            # Django's debug error pages (DEBUG only) use inline scripts and styles.
            or (settings.DEBUG and response.status_code >= 400)
        ):
            parts.config = ADMIN_DIRECTIVES
        elif response.status_code >= 500:
            parts.update = {"style-src": [UNSAFE_INLINE]}
        return parts
