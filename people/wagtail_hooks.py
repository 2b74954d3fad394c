from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AssociationMember


class AssociationMemberViewSet(SnippetViewSet):
    model = AssociationMember
    icon = "group"
    menu_label = _("Association members")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "function", "organisation", "group"]
    list_filter = ["group"]
    search_fields = ["name", "organisation"]


register_snippet(AssociationMemberViewSet)
