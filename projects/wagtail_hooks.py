from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import District, Funder


class FunderViewSet(SnippetViewSet):
    model = Funder
    icon = "pick"
    list_display = ["name", "is_client", "url", "sort_order", LiveStatusTagColumn()]
    list_filter = ["is_client"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("logo"),
        FieldRowPanel([FieldPanel("is_client"), FieldPanel("sort_order")]),
    ]


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    list_display = ["name", "kind", "official_key", "active_until", LiveStatusTagColumn()]
    list_filter = ["kind"]
    search_fields = ["name"]
    ordering = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("locative"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("official_key")]),
        FieldRowPanel([FieldPanel("active_until"), FieldPanel("successor")]),
    ]


class ProjectDataGroup(SnippetViewSetGroup):
    menu_label = _("Project data")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (FunderViewSet, DistrictViewSet)


register_snippet(ProjectDataGroup)
