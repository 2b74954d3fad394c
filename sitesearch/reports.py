"""Search statistics for editors: what visitors search for most, and which terms found nothing.

Wagtail's own "Search terms" report is for superusers only and counts hits without results; this one adds the
outcome of the latest search and a filter for terms without results, and is open to whoever may edit promoted
search results (the "Kommunikation" role).
"""

import django_filters
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.contrib.search_promotions.models import Query
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportFilterSet, SearchTermsReportView

PERMISSION = "wagtailsearchpromotions.change_searchpromotion"
# Wagtail's German catalogue lacks the names of its Query model, which the report's footer shows ("6 queries");
# listed here so that this app's catalogue carries them.
QUERY_MODEL_NAMES = [_("query"), _("queries")]


class SearchStatisticsFilterSet(SearchTermsReportFilterSet):
    outcome = django_filters.ChoiceFilter(
        label=_("Results"),
        method="filter_outcome",
        empty_label=_("All search terms"),
        choices=[("ohne", _("Only terms without results")), ("mit", _("Only terms with results"))],
    )

    def filter_outcome(self, queryset, name, value):
        if value == "ohne":
            return queryset.filter(outcome__result_count=0)
        if value == "mit":
            return queryset.filter(outcome__result_count__gt=0)
        return queryset


class SearchStatisticsView(SearchTermsReportView):
    page_title = _("Search statistics")
    filterset_class = SearchStatisticsFilterSet
    index_url_name = "sitesearch_statistics"
    index_results_url_name = "sitesearch_statistics_results"
    columns = [
        Column("query_string", label=_("Search term"), sort_key="query_string"),
        NumberColumn("_hits", label=_("Searches"), sort_key="_hits"),
        NumberColumn("result_count", label=_("Results (latest search)"), sort_key="result_count"),
        NumberColumn("misses", label=_("Searches without results"), sort_key="misses"),
    ]
    export_headings = {
        "query_string": _("Search term"),
        "_hits": _("Searches"),
        "result_count": _("Results (latest search)"),
        "misses": _("Searches without results"),
    }
    list_export = ["query_string", "_hits", "result_count", "misses"]

    def get_base_queryset(self):
        return Query.get_most_popular().annotate(
            result_count=F("outcome__result_count"), misses=F("outcome__searches_without_results")
        )

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return permission_denied(request)
        # Skip the superuser-only check of Wagtail's report, keep everything else.
        return super(SearchTermsReportView, self).dispatch(request, *args, **kwargs)
