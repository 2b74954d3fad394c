"""Wagtail's `bulk_action_choices` without the actions the user may not use (those with `is_shown(request)`)."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.widgets import Button, ButtonWithDropdown, ListingButton

register = template.Library()


@register.inclusion_tag("wagtailadmin/shared/buttons.html", takes_context=True)
def shown_bulk_action_choices(context, app_label, model_name):
    request = context["request"]
    actions = sorted(
        (
            action
            for action in bulk_action_registry.get_bulk_actions_for_model(app_label, model_name)
            if not hasattr(action, "is_shown") or action.is_shown(request)
        ),
        key=lambda action: action.action_priority,
    )

    def url(action):
        return reverse("wagtail_bulk_action", args=[app_label, model_name, action.action_type])

    def attrs(action):
        return {"aria-label": action.aria_label, "data-bulk-action-button": ""}

    buttons = [
        ListingButton(
            action.display_name,
            url(action),
            attrs=attrs(action),
            priority=action.action_priority,
            classname=" ".join(action.classes | {"bulk-action-btn"}),
        )
        for action in actions[:4]
    ]
    if actions[4:]:
        buttons.append(
            ButtonWithDropdown(
                label=_("More"),
                attrs={"title": _("More bulk actions")},
                classname="button button-secondary button-small",
                buttons=[
                    Button(
                        label=action.display_name, url=url(action), attrs=attrs(action), priority=action.action_priority
                    )
                    for action in actions[4:]
                ],
            )
        )
    return {"buttons": buttons}
