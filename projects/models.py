from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from ikpe_site.core.models import BasePage


class ProjectIndexPage(BasePage):
    parent_page_types = ["core.HomePage"]
    subpage_types = ["projects.ProjectPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Projekte")


class ProjectPage(BasePage):
    content_panels = Page.content_panels

    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("project")
