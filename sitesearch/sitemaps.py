from wagtail.contrib.sitemaps import Sitemap

from .search import public_pages


class PublicPagesSitemap(Sitemap):
    """Wagtail's sitemap limited to `public_pages`: no drafts, scheduled, expired or private pages."""

    def items(self):
        return public_pages(self.get_wagtail_site()).order_by("path").defer_streamfields().specific()
