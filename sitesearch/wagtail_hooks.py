from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import PERMISSION, SearchStatisticsView


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("suchstatistik/", SearchStatisticsView.as_view(), name="sitesearch_statistics"),
        path(
            "suchstatistik/ergebnisse/",
            SearchStatisticsView.as_view(results_only=True),
            name="sitesearch_statistics_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Search statistics"),
        reverse("sitesearch_statistics"),
        name="search-statistics",
        icon_name="search",
        order=1290,
    )
