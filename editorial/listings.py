"""Flat admin listings per content type ("Übersichten"): the columns and filters the editors work with.

Wagtail's page explorer lists one parent's children with "Updated/Type/Status"; these listings show every
page of a type with what identifies it (date, category, year, role, status) and filters. They are Wagtail's
`PageListingViewSet`s, so search, sorting, bulk actions and the page permissions all stay Wagtail's own.
Invalid filter values (a year "abc", an unknown category) leave the filter unapplied and show the error.
"""

import django_filters
from django import forms
from django.db.models import CharField, Exists, F, OuterRef, Value
from django.db.models.functions import Cast, Concat, Trim
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import BulkActionsColumn, PageStatusColumn, PageTitleColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Revision

from events.models import EventPage
from news.models import NewsCategory, NewsPage
from people.models import PersonPage
from projects.models import ProjectPage, ProjectStatus
from publications.models import Category, PublicationPage

YEAR_BOUNDS = {"min_value": 1900, "max_value": 2200}


class PublicationState:
    LIVE = "live"
    DRAFT = "draft"
    CHANGED = "changed"
    SCHEDULED = "scheduled"
    CHOICES = [
        (LIVE, _("Published")),
        (CHANGED, _("Published, with unpublished changes")),
        (DRAFT, _("Draft")),
        (SCHEDULED, _("Scheduled")),
    ]


def filter_state(queryset, name, value):
    if value == PublicationState.LIVE:
        return queryset.filter(live=True)
    if value == PublicationState.CHANGED:
        return queryset.filter(live=True, has_unpublished_changes=True)
    if value == PublicationState.DRAFT:
        return queryset.filter(live=False)
    scheduled = Revision.page_revisions.filter(
        object_id=Cast(OuterRef("pk"), output_field=Revision._meta.get_field("object_id")),
        approved_go_live_at__isnull=False,
    )
    return queryset.filter(Exists(scheduled))


class ListingFilterSet(PageFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Publication status"), choices=PublicationState.CHOICES, method=filter_state, empty_label=_("All")
    )


class NewsFilterSet(ListingFilterSet):
    categories = django_filters.ModelMultipleChoiceFilter(
        label=_("Category"), queryset=NewsCategory.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    year = django_filters.NumberFilter(label=_("Year"), field_name="date", lookup_expr="year", **YEAR_BOUNDS)
    date = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)

    class Meta:
        model = NewsPage
        fields = []


class EventFilterSet(ListingFilterSet):
    year = django_filters.NumberFilter(label=_("Year"), field_name="start", lookup_expr="year", **YEAR_BOUNDS)
    status = django_filters.ChoiceFilter(
        label=_("Event status"), choices=EventPage.Status.choices, empty_label=_("All")
    )

    class Meta:
        model = EventPage
        fields = []


class PublicationFilterSet(ListingFilterSet):
    category = django_filters.MultipleChoiceFilter(
        label=_("Category"), choices=Category.choices, widget=forms.CheckboxSelectMultiple
    )
    year = django_filters.NumberFilter(label=_("Year"), **YEAR_BOUNDS)

    class Meta:
        model = PublicationPage
        fields = []


class ProjectFilterSet(ListingFilterSet):
    project_status = django_filters.ChoiceFilter(
        label=_("Project status"),
        choices=ProjectStatus.choices,
        method=lambda queryset, name, value: queryset.with_status(value),
        empty_label=_("All"),
    )

    class Meta:
        model = ProjectPage
        fields = []


class PersonFilterSet(ListingFilterSet):
    class Meta:
        model = PersonPage
        fields = []


class ListingIndexView(IndexView):
    """The flat listing with the relations its columns show fetched once, whatever the number of rows."""

    related = ()
    prefetch = ()

    def order_queryset(self, queryset):
        # Newest first with undated pages last on every database (PostgreSQL puts NULLs first when descending).
        if self.ordering in ("-date", "-start", "-year") and not self.is_searching:
            return queryset.order_by(F(self.ordering[1:]).desc(nulls_last=True), "-pk")
        return super().order_queryset(queryset)

    def annotate_queryset(self, pages):
        # The author's name as an annotation: Wagtail's UserColumn would load each user and avatar on its own.
        author = Concat("owner__first_name", Value(" "), "owner__last_name", output_field=CharField())
        return (
            super()
            .annotate_queryset(pages)
            .annotate(author_name=Trim(author))
            .select_related(*self.related)
            .prefetch_related(*self.prefetch)
        )


def listing_viewset(model, url_name, label, icon, columns, filterset, ordering, related=(), prefetch=(), order=0):
    view_class = type(
        f"{model.__name__}ListingView",
        (ListingIndexView,),
        {"related": related, "prefetch": prefetch, "default_ordering": ordering},
    )
    viewset_class = type(
        f"{model.__name__}ListingViewSet",
        (PageListingViewSet,),
        {
            "model": model,
            "index_view_class": view_class,
            "menu_label": label,
            "icon": icon,
            "menu_order": order,
            "filterset_class": filterset,
            "columns": [
                BulkActionsColumn("bulk_actions"),
                PageTitleColumn("title", label=_("Title"), sort_key="title", classname="title"),
                *columns,
                PageStatusColumn("status", label=_("Status"), sort_key="live", width="12%"),
            ],
        },
    )
    return viewset_class(url_name)


def author_column():
    return Column("author_name", label=_("Author"), sort_key="author_name", width="14%")


class EditorialListingsGroup(ViewSetGroup):
    menu_label = _("Overviews")
    menu_icon = "list-ul"
    menu_order = 140
    items = (
        listing_viewset(
            NewsPage,
            "news_listing",
            _("News posts"),
            "calendar-alt",
            [
                Column("date_text", label=_("Date"), sort_key="date", width="10%"),
                Column("category_names", label=_("Categories"), width="18%"),
                author_column(),
            ],
            NewsFilterSet,
            "-date",
            prefetch=("categories",),
            order=1,
        ),
        listing_viewset(
            EventPage,
            "event_listing",
            _("Events"),
            "date",
            [
                DateColumn("start", label=_("Begins"), sort_key="start", width="14%"),
                Column("city", label=_("City"), sort_key="city", width="12%"),
                Column("get_status_display", label=_("Event status"), width="12%"),
            ],
            EventFilterSet,
            "-start",
            order=2,
        ),
        listing_viewset(
            PublicationPage,
            "publication_listing",
            _("Publications"),
            "doc-full",
            [
                Column("year", label=_("Year"), sort_key="year", width="8%"),
                Column("get_category_display", label=_("Category"), sort_key="category", width="16%"),
                author_column(),
            ],
            PublicationFilterSet,
            "-year",
            order=3,
        ),
        listing_viewset(
            PersonPage,
            "person_listing",
            _("People"),
            "user",
            [
                Column("position", label=_("Position"), sort_key="position", width="30%"),
            ],
            PersonFilterSet,
            "title",
            order=4,
        ),
        listing_viewset(
            ProjectPage,
            "project_listing",
            _("Projects"),
            "folder-open-inverse",
            [
                Column("short_name", label=_("Short name"), sort_key="short_name", width="12%"),
                Column("status_label", label=_("Project status"), width="12%"),
                Column("period", label=_("Period"), sort_key="start_date", width="18%"),
            ],
            ProjectFilterSet,
            "title",
            order=5,
        ),
    )
