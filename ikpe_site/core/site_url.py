"""One address for every absolute URL: WAGTAILADMIN_BASE_URL, written into the default Wagtail site.

Wagtail builds full URLs (canonical links, feeds, sitemap, iCal, JSON-LD, vCards, mails) from the site
record's hostname and port, never from the request's Host header. `migrate` (every deployment, every
`make run`) points that record at the configured base URL, and every later save of it keeps that address,
so the two cannot drift apart.
"""

from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def base_host_port():
    """(hostname, port) of WAGTAILADMIN_BASE_URL, as a Wagtail site record stores them."""
    from wagtail.models import Site

    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    parts = urlsplit(base)
    site = Site(hostname=parts.hostname or "", port=parts.port or {"http": 80, "https": 443}.get(parts.scheme, 0))
    # A site record knows http on any port and https on 443 only, and no path: refuse what it cannot express.
    if not site.hostname or site.root_url != base:
        raise ImproperlyConfigured(
            f"WAGTAILADMIN_BASE_URL={base!r} must look like https://www.example.org "
            "or http://127.0.0.1:8000 (no path; https only on port 443)."
        )
    return site.hostname, site.port


def follow_base_url(sender, instance, **kwargs):
    """pre_save of Wagtail's Site: the default site carries the base URL, whoever saves it (demo, admin)."""
    if instance.is_default_site:
        instance.hostname, instance.port = base_host_port()


def apply_base_url(**kwargs):
    """Point the default site at the base URL (connected to post_migrate; saving clears Wagtail's caches)."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    hostname, port = base_host_port()
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()


def absolute(request, url):
    """`url` (a path, or already absolute) on the site's own address, the one canonical links use."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    root = site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return urljoin(root + "/", url)
