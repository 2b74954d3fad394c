from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import (
    AssociationMember,
    ContactPage,
    PeopleIndexPage,
    PersonPage,
    Responsibility,
    contact_heading,
    sorted_people,
)


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


@hooks.register("ikpe_related_sections")
def contact_persons(page, request):
    """ "Contact persons" on every page (topic, project) a person's responsibility links to: one query."""
    if not isinstance(page, Page) or isinstance(page, PersonPage | PeopleIndexPage | ContactPage):
        return []
    # A page that shows its own contact person (a project) lists only the others here, not the same person twice.
    own_contact = getattr(page, "contact_person_id", None)
    people = sorted_people(
        PersonPage.objects.visible()
        .filter(pk__in=Responsibility.objects.filter(page=page).values("person_id"))
        .exclude(pk=own_contact)
        .select_related("listing_image")
        .prefetch_related("listing_image__renditions")
    )
    for person in people:
        person.teaser_meta = person.position
    title = gettext("Further contact persons") if own_contact else contact_heading(people)
    return [{"title": title, "items": people, "more_url": "", "more_label": ""}]
