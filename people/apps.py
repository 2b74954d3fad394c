from django.apps import AppConfig
from django.utils.translation import gettext_lazy


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
        people = sorted_people(
            PersonPage.objects.visible()
            .filter(pk__in=Responsibility.objects.filter(page=page).values("person_id"))
            .select_related("listing_image").prefetch_related("listing_image__renditions")
        )
        for person in people:
            person.teaser_meta = person.position
        return [{"title": contact_heading(people), "items": people, "more_url": "", "more_label": ""}]
