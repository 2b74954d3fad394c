from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from ikpe_site.core.models import BasePage


class EventIndexPage(BasePage):
    parent_page_types = ["core.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Termine")


class EventPage(BasePage):
    content_panels = Page.content_panels

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
