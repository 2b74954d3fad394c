from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from ikpe_site.core.models import BasePage


class PublicationIndexPage(BasePage):
    parent_page_types = ["core.HomePage"]
    subpage_types = ["publications.PublicationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Publikationen")


class PublicationPage(BasePage):
    content_panels = Page.content_panels

    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("publication")
