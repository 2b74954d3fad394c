from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from ikpe_site.core.models import BasePage


class PeopleIndexPage(BasePage):
    parent_page_types = ["core.HomePage"]
    subpage_types = ["people.PersonPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Team")


class PersonPage(BasePage):
    content_panels = Page.content_panels

    parent_page_types = ["people.PeopleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("person")
