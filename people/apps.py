from django.apps import AppConfig
from django.utils.translation import gettext, gettext_lazy


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = gettext_lazy("People")
    default_auto_field = "django.db.models.BigAutoField"

    def related_sections(self, page, request):
        """ "Contact persons" on every page (topic, project) a person's responsibility links to: one query."""
        from wagtail.models import Page

        from .models import ContactPage, PeopleIndexPage, PersonPage, Responsibility, contact_heading, sorted_people

        if not isinstance(page, Page) or isinstance(page, PersonPage | PeopleIndexPage | ContactPage) or not page.pk:
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
