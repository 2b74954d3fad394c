from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from ikpe_site.core.models import BasePage


class NewsIndexPage(BasePage):
    parent_page_types = ["core.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Aktuelles")


class NewsPage(BasePage):
    content_panels = Page.content_panels

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news post")
