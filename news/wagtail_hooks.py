from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import BulkActionsColumn, PageStatusColumn, PageTitleColumn
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from ikpe_site.core.extensions import related_filter
from ikpe_site.core.visibility import index_page

from .models import NewsCategory, NewsIndexPage, NewsPage, with_meta

HOME_NEWS = 4
RELATED_NEWS = 3
# What a page's `related_lookup` (core/extensions.py) means here: the post's field (None: the shared name), the
# listing's filter parameter and the label of the link to it.
RELATED = {
    "topics": (None, "thema", _("All news on this topic")),
    "projects": (None, "projekt", _("All news on this project")),
    "people": ("contacts", "person", _("All news with this person")),
    "projects__districts": (None, None, ""),
}


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("News categories")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class NewsExplorerView(ExplorableIndexView):
    """The posts under "Aktuelles" in the page explorer: date, categories and status at a glance."""

    def annotate_queryset(self, pages):
        return super().annotate_queryset(pages).prefetch_related("categories")


class NewsPageViewSet(PageViewSet):
    model = NewsPage
    icon = "calendar-alt"
    index_view_class = NewsExplorerView
    columns = [
        BulkActionsColumn("bulk_actions"),
        PageTitleColumn("title", label=_("Title"), sort_key="title", classname="title"),
        Column("date_text", label=_("Date"), sort_key="date", width="12%"),
        Column("category_names", label=_("Categories"), width="20%"),
        PageStatusColumn("status", label=_("Status"), sort_key="live", width="14%"),
    ]


register_snippet(NewsCategoryViewSet)


@hooks.register("register_admin_viewset")
def register_news_page_viewset():
    return NewsPageViewSet("news_pages")


@hooks.register("ikpe_home_sections")
def home_news(home, request):
    posts = NewsPage.objects.descendant_of(home).visible().cards()[:HOME_NEWS]
    return {"latest_news": with_meta(posts), "news_index": index_page(NewsIndexPage, request)}


@hooks.register("ikpe_head_links")
def news_feeds(request):
    index = index_page(NewsIndexPage, request)
    if index is None:
        return []
    return [
        {
            "type": "application/rss+xml",
            "title": gettext("News from the IKPE (RSS)"),
            "url": index.feed_url("rss", request=request),
        },
        {
            "type": "application/atom+xml",
            "title": gettext("News from the IKPE (Atom)"),
            "url": index.feed_url("atom", request=request),
        },
    ]


@hooks.register("ikpe_related_sections")
def related_news(page, request):
    """ "Aktuelles" on topic, project, person and district pages: one listing query."""
    if getattr(page, "related_lookup", None) not in RELATED:
        return []
    field, parameter, label = RELATED[page.related_lookup]
    posts = NewsPage.objects.visible()
    posts = posts.filter(**{field: page}) if field else related_filter(posts, page)
    items = with_meta(posts.cards()[:RELATED_NEWS])
    index = index_page(NewsIndexPage, request)
    more_url = f"{index.get_url(request)}?{parameter}={page.slug}" if items and index and parameter else ""
    return [{"title": gettext("News"), "items": items, "more_url": more_url, "more_label": label}]
