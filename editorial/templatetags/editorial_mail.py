from django import template

from ..formats import format_datetime

register = template.Library()


@register.simple_tag
def scheduled_go_live(obj):
    """When the approved version of `obj` goes live (Europe/Berlin), or "" if it is not scheduled."""
    revision = getattr(obj, "scheduled_revision", None)
    return format_datetime(revision.approved_go_live_at) if revision else ""
