from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import BulkActionsColumn, PageStatusColumn, PageTitleColumn
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import NewsCategory, NewsPage


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
