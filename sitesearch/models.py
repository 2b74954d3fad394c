from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string


class QueryOutcome(models.Model):
    """What the last search for a term found, next to Wagtail's hit counter (`Query`/`QueryDailyHits`).

    Wagtail counts how often a term is searched but not whether anything was found; the statistics view
    needs both to show editors what visitors miss. Deleted with the query by `searchpromotions_garbage_collect`.
    """

    query = models.OneToOneField(
        Query, on_delete=models.CASCADE, primary_key=True, related_name="outcome", verbose_name=_("search term")
    )
    result_count = models.PositiveIntegerField(_("results"), default=0)
    searches_without_results = models.PositiveIntegerField(_("searches without results"), default=0)
    last_searched_at = models.DateTimeField(_("last searched"), default=timezone.now)

    class Meta:
        verbose_name = _("search term outcome")
        verbose_name_plural = _("search term outcomes")

    def __str__(self):
        return str(self.query)


def log_search(query_string, result_count):
    """Count one search for `query_string` (Wagtail's daily hits) and remember how many results it had.

    Two updates for a term already searched today; Wagtail's read-then-write only for the day's first search.
    """
    normalised = normalise_query_string(query_string)
    today = timezone.now().date()
    misses = 1 if result_count == 0 else 0
    changes = {
        "result_count": result_count,
        "searches_without_results": F("searches_without_results") + misses,
        "last_searched_at": timezone.now(),
    }
    counted = QueryDailyHits.objects.filter(query__query_string=normalised, date=today).update(hits=F("hits") + 1)
    if counted and QueryOutcome.objects.filter(query__query_string=normalised).update(**changes):
        return
    query = Query.get(query_string)
    if not counted:
        query.add_hit()  # the first search of the day (Wagtail's get_or_create copes with a concurrent one)
    _outcome, created = QueryOutcome.objects.get_or_create(
        query=query, defaults={"result_count": result_count, "searches_without_results": misses}
    )
    if not created:
        QueryOutcome.objects.filter(query=query).update(**changes)
