"""Builders for the news tests (tests/test_news_*.py). Not used by the site itself."""

import datetime
import re

from news.models import NewsCategory, NewsIndexPage, NewsPage
from tests.factories import placeholder_image


def make_index(home):
    index = NewsIndexPage(title="Aktuelles", slug="aktuelles", show_in_menus=True, teaser="Neuigkeiten aus dem IKPE.")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_category(name, slug):
    return NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def make_post(index, slug, date=None, publish=True, tags=(), **fields):
    """A post created and published through a revision, as the admin does."""
    post = NewsPage(
        title=fields.pop("title", f"Meldung {slug}"),
        slug=slug,
        date=date,
        live=publish,
        teaser=fields.pop("teaser", f"Teaser {slug}"),
        **fields,
    )
    if tags:
        post.tags.add(*tags)
    index.add_child(instance=post)
    revision = post.save_revision()
    if publish:
        revision.publish()
    post.refresh_from_db()
    return post


def add_posts(index, prefix, count, first_date, image=None, categories=()):
    """Many live posts fast, for query-count tests: one bulk insert of the tree rows, one insert per post row.

    Bypasses revisions, the search index and `save()`; the listing, a post page and the feeds read none of them.
    Paths follow treebeard's materialised-path scheme, so the posts are real children of `index`.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page

    index = Page.objects.get(pk=index.pk)
    content_type = ContentType.objects.get_for_model(NewsPage)
    now = timezone.now()
    rows = []
    for number in range(count):
        slug = f"{prefix}-{number}"
        rows.append(
            Page(
                path=Page._get_path(index.path, index.depth + 1, index.numchild + number + 1),
                depth=index.depth + 1,
                numchild=0,
                title=f"{prefix} {number}",
                draft_title=f"{prefix} {number}",
                slug=slug,
                url_path=f"{index.url_path}{slug}/",
                content_type=content_type,
                live=True,
                locale_id=index.locale_id,
                first_published_at=now,
                last_published_at=now,
            )
        )
    with transaction.atomic():
        Page.objects.bulk_create(rows)
        through = NewsPage.categories.through
        links = []
        for number, row in enumerate(rows):
            post = NewsPage(
                page_ptr_id=row.pk,
                date=first_date - datetime.timedelta(days=number),
                teaser=f"Teaser {prefix} {number}",
                listing_image=image,
            )
            post.save_base(raw=True, force_insert=True)
            links += [through(newspage_id=row.pk, newscategory_id=category.pk) for category in categories]
        through.objects.bulk_create(links)
        Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)


def lead_image(title="Testbild"):
    return placeholder_image(title, "Ein Testbild", credit="Foto: @IKPE/Archiv", size=(640, 360))


def card_titles(html):
    return re.findall(r'class="teaser-title"><a href="[^"]*">([^<]+)</a>', html)
