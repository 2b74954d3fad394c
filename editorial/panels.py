from wagtail.admin.ui.components import Component

from .schedule import OVERDUE_AFTER, upcoming

PANEL_LIMIT = 8


class ScheduledPublicationsPanel(Component):
    """Dashboard panel "Geplante Veröffentlichungen": what goes live and what expires next, for all page types."""

    name = "scheduled_publications"
    template_name = "editorial/dashboard_panel.html"
    order = 150  # above the moderation panels (210, 220)

    class Media:
        css = {"all": ["editorial/admin.css"]}

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(upcoming(PANEL_LIMIT))
        context["overdue_minutes"] = int(OVERDUE_AFTER.total_seconds() // 60)
        return context
