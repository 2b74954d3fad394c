"""Builders for the news tests (tests/test_news_*.py). Not used by the site itself."""

import datetime
import re

from ikpe_site.core.demo_tools import placeholder_image
from news.models import NewsCategory, NewsIndexPage, NewsPage


def make_index(home):
    index = NewsIndexPage(title="Aktuelles", slug="aktuelles", show_in_menus=True, teaser="Neuigkeiten aus dem IKPE.")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_category(name, slug):
    return NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def make_post(index, slug, date=None, publish=True, tags=(), **fields):
    """A post created and published through a revision, as the admin does."""
    post = NewsPage(title=fields.pop("title", f"Meldung {slug}"), slug=slug, date=date, live=publish,
                    teaser=fields.pop("teaser", f"Teaser {slug}"), **fields)
    if tags:
        post.tags.add(*tags)
    index.add_child(instance=post)
    revision = post.save_revision()
    if publish:
        revision.publish()
    post.refresh_from_db()
    return post


def add_posts(index, prefix, count, first_date, image=None, categories=()):
    """Many live posts quickly: no revisions, which listing and feeds do not read."""
    for number in range(count):
        post = NewsPage(title=f"{prefix} {number}", slug=f"{prefix}-{number}", live=True,
                        date=first_date - datetime.timedelta(days=number), teaser=f"Teaser {prefix} {number}",
                        listing_image=image, categories=list(categories))
        index.add_child(instance=post)


def lead_image(title="Testbild"):
    return placeholder_image(title, "Ein Testbild", credit="Foto: @IKPE/Archiv", size=(640, 360))


def card_titles(html):
    return re.findall(r'class="teaser-title"><a href="[^"]*">([^<]+)</a>', html)
