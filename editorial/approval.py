"""Approve and schedule in one step: Kommunikation approves with a go-live time in one dialog.

The workflow's task "Freigabe Kommunikation" is a `ScheduleApprovalTask` (a proxy of Wagtail's group approval
task, switched over by migration 0002). Next to "Freigeben" (publish now) it offers "Freigeben und planen": a
date-time in Europe/Berlin and a comment. Approving writes the time into the revision that Wagtail publishes at
the end of the workflow (the latest one), so Wagtail's own scheduling takes over: `revision.publish()` with a
future go-live sets `approved_go_live_at`, and `publish_scheduled` (run by `run_scheduler`) publishes it then.
"""

from datetime import datetime
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import GroupApprovalTask, Page, Revision

from .formats import BERLIN, format_datetime

SCHEDULE_ACTION = "schedule"


class BerlinDateTimeField(forms.DateTimeField):
    """A date and time as the team means it: Europe/Berlin, whatever time zone the request runs in."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d.%m.%Y %H:%M"]

    def to_python(self, value):
        with timezone.override(BERLIN):
            return super().to_python(value)

    def prepare_value(self, value):
        return timezone.localtime(value, BERLIN) if isinstance(value, datetime) else value


class ApproveAndScheduleForm(forms.Form):
    go_live_at = BerlinDateTimeField(
        label=_("Go live at"),
        help_text=_("Date and time in Europe/Berlin. Until then the page stays offline."),
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        # Ids of their own: the edit form under the dialog has a field "go_live_at" too (its label would win).
        kwargs.setdefault("auto_id", "id_approval_%s")
        super().__init__(*args, **kwargs)

    def clean_go_live_at(self):
        value = self.cleaned_data["go_live_at"]
        if value <= timezone.now():
            raise forms.ValidationError(gettext('This time has passed. To publish at once, choose "Approve".'))
        return value


def planned_revision(obj):
    """The revision Wagtail publishes when the workflow finishes (wagtail.workflows.publish_workflow_state)."""
    return obj.get_latest_revision()


def schedule_revision(revision, go_live_at):
    """Write the go-live time into the revision's content, where `Revision.publish()` reads it. An expiry at
    or before that time would unpublish the page at once: it is removed, and the removed time returned."""
    expire_at = parse_datetime(revision.content.get("expire_at") or "")
    cleared = expire_at if expire_at and expire_at <= go_live_at else None
    if cleared:
        revision.content["expire_at"] = None
    revision.content["go_live_at"] = DjangoJSONEncoder().default(go_live_at)
    revision.save(update_fields=["content"])
    return cleared


class ScheduleApprovalTask(GroupApprovalTask):
    """Group approval with an extra action "Approve and schedule" (one dialog: time and comment)."""

    class Meta:
        proxy = True
        verbose_name = _("approval with scheduling")
        verbose_name_plural = _("approvals with scheduling")

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and isinstance(obj, Page):  # snippets (news categories) keep plain approval
            actions.insert(1, (SCHEDULE_ACTION, gettext("Approve and schedule"), True))
        return actions

    def get_form_for_action(self, action):
        if action == SCHEDULE_ACTION:
            return ApproveAndScheduleForm
        return super().get_form_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != SCHEDULE_ACTION:
            return super().on_action(task_state, user, action_name, **kwargs)
        go_live_at = kwargs["go_live_at"]
        if isinstance(go_live_at, str):  # from the edit view: the dialog's cleaned data travels as JSON
            go_live_at = parse_datetime(go_live_at)
        obj = task_state.workflow_state.content_object
        revision = planned_revision(obj)
        cleared = schedule_revision(revision, go_live_at)
        task_state.approve(user=user, comment=kwargs.get("comment", ""))
        url = reverse("editorial_scheduled", args=[revision.pk])
        return f"{url}?{urlencode({'expiry_removed': cleared.isoformat()})}" if cleared else url


def scheduled_message(revision):
    go_live_at = revision.approved_go_live_at
    if go_live_at is None:
        return None
    return gettext("'%(title)s' is approved and goes live on %(when)s.") % {
        "title": revision.object_str,
        "when": format_datetime(go_live_at),
    }


def confirm_scheduled(request, revision_id):
    """Where "Approve and schedule" leads: the confirmation with the time in Europe/Berlin, then the listing."""
    revision = get_object_or_404(Revision.page_revisions, pk=revision_id)
    page = get_object_or_404(Page, pk=revision.object_id)
    if not page.permissions_for_user(request.user).can_publish():
        return redirect("wagtailadmin_home")
    message = scheduled_message(revision)
    if message:
        messages.success(request, message)
    try:
        removed = parse_datetime(request.GET.get("expiry_removed", ""))
    except ValueError:  # a well-formed but impossible date
        removed = None
    if message and removed:
        messages.warning(
            request,
            gettext(
                "The expiry on %(when)s was before the go-live and has been removed. "
                'To take the page offline later, use "Set expiry".'
            )
            % {"when": format_datetime(removed)},
        )
    parent = page.get_parent()
    return redirect(
        get_valid_next_url_from_request(request)
        or reverse("wagtailadmin_explore", args=[parent.pk if parent else page.pk])
    )


def after_edit_page(request, page):
    """The edit view's footer ran "Approve and schedule": confirm with the time instead of "has been updated"."""
    if request.POST.get("action-workflow-action") and request.POST.get("workflow-action-name") == SCHEDULE_ACTION:
        revision = page.revisions.filter(approved_go_live_at__isnull=False).first()  # not the cached property
        if revision is not None:
            storage = messages.get_messages(request)
            queued = getattr(storage, "_queued_messages", None)
            if queued:
                queued.pop()  # Wagtail's "Page '…' has been updated."
            return redirect("editorial_scheduled", revision.pk)
    return None


def label_action_menu(menu_items, request, context):
    """Say what the buttons do: plain approval of a draft with a go-live time schedules, it does not publish."""
    from wagtail.admin.action_menu import WorkflowMenuItem

    go_live_at = getattr(context.get("page"), "go_live_at", None)
    scheduled = go_live_at is not None and go_live_at > timezone.now()
    for item in menu_items:
        if not isinstance(item, WorkflowMenuItem):
            continue
        if item.name == SCHEDULE_ACTION:
            item.icon_name = "time"
        elif item.name == "approve" and scheduled:
            label = gettext("Approve with comment") if item.launch_modal else gettext("Approve")
            item.label = gettext("%(label)s (goes live on %(when)s)") % {
                "label": label,
                "when": format_datetime(go_live_at),
            }
