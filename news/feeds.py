"""RSS 2.0 and Atom feeds of the news, for all posts or one category. Called from NewsIndexPage's routes."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _

from ikpe_site.core.site_url import absolute

FEED_ITEMS = 30
ENCLOSURE_SPEC = "fill-1200x675|format-jpeg"


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed
    kind = "rss"

    def __init__(self, index, category=None):
        self.index = index
        self.category = category

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        if self.category:
            return _("%(category)s – News from the IKPE") % {"category": self.category.name}
        return _("News from the IKPE")

    def link(self):
        url = self.index.get_full_url(self.request)
        return f"{url}?kategorie={self.category.slug}" if self.category else url

    def feed_url(self):
        return self.index.feed_url(self.kind, self.category, self.request)

    def description(self):
        return self.index.teaser or _("News, press releases and announcements of the IKPE.")

    def items(self):
        posts = self.index.posts()
        if self.category:
            posts = posts.filter(categories=self.category)
        return posts.for_listing()[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser or item.search_description

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.published_at

    def item_categories(self, item):
        return [category.name for category in item.category_list]

    def item_enclosures(self, item):
        image = item.listing_image
        if image is None:
            return []
        rendition = image.get_rendition(ENCLOSURE_SPEC)
        try:
            length = rendition.file.size
        except OSError:  # the file is gone from storage: announce no enclosure rather than a wrong one
            return []
        return [Enclosure(absolute(self.request, rendition.url), str(length), "image/jpeg")]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    kind = "atom"

    def subtitle(self):
        return self.description()
