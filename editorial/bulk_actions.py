"""Bulk "Veröffentlichung planen" and "Planung aufheben" for Kommunikation, in every page listing.

Scheduling goes through Wagtail's own mechanism: the page's latest version is saved as a new revision with the
chosen `go_live_at` and published, which for a future time only marks the revision as approved for that time
(`approved_go_live_at`); `publish_scheduled` makes it live. Unscheduling clears `approved_go_live_at` the way
Wagtail's "Planung aufheben" button on a page does. Only pages the user may publish are touched; users
without publish permission anywhere (Redaktion) neither see the actions nor may post to them.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.models import Revision
from wagtail.permissions import page_permission_policy


def may_publish_somewhere(user):
    return page_permission_policy.user_has_permission(user, "publish")


class ScheduleForm(forms.Form):
    go_live_at = forms.DateTimeField(label=_("Publish at (Berlin time)"), widget=AdminDateTimeInput)

    def clean_go_live_at(self):
        moment = self.cleaned_data["go_live_at"]
        if moment <= timezone.now():
            raise ValidationError(_("Choose a time in the future."))
        return moment


class PublisherBulkAction(PageBulkAction):
    """Shown to and usable by users who may publish; each page is checked again (`check_perm`). The
    confirmation page is shared; each action gives its wording."""

    template_name = "editorial/bulk_actions/confirm.html"

    @classmethod
    def is_shown(cls, request):
        return may_publish_somewhere(request.user)

    def dispatch(self, request, *args, **kwargs):
        if not self.is_shown(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, page):
        return page.permissions_for_user(self.request.user).can_publish()


class ScheduleBulkAction(PublisherBulkAction):
    display_name = _("Schedule publication")
    action_type = "schedule"
    aria_label = _("Schedule the publication of the selected pages")
    form_class = ScheduleForm
    confirm_intro = _("These pages will be published at the chosen time, each in its latest version:")
    confirm_button = _("Schedule")
    keep_button = _("Cancel")
    action_priority = 45

    def get_execution_context(self):
        return {"user": self.request.user, "go_live_at": self.cleaned_form.cleaned_data["go_live_at"]}

    @classmethod
    def execute_action(cls, objects, user=None, go_live_at=None, **kwargs):
        scheduled = skipped = 0
        for page in objects:
            draft = page.specific.get_latest_revision_as_object()
            if draft.expire_at and draft.expire_at <= go_live_at:
                skipped += 1  # it would expire before it goes live
                continue
            draft.go_live_at = go_live_at
            revision = draft.save_revision(user=user, clean=False, log_action=True)
            revision.publish(user=user)
            scheduled += 1
        return scheduled, skipped

    def get_success_message(self, num_parent_objects, num_child_objects):
        moment = timezone.localtime(self.cleaned_form.cleaned_data["go_live_at"])
        message = ngettext(
            "%(count)d page will be published on %(date)s at %(time)s.",
            "%(count)d pages will be published on %(date)s at %(time)s.",
            num_parent_objects,
        ) % {
            "count": num_parent_objects,
            "date": date_format(moment, "SHORT_DATE_FORMAT"),
            "time": date_format(moment, "TIME_FORMAT"),
        }
        if num_child_objects:
            message += " " + ngettext(
                "%(count)d page was left out: it expires before that time.",
                "%(count)d pages were left out: they expire before that time.",
                num_child_objects,
            ) % {"count": num_child_objects}
        return message


class UnscheduleBulkAction(PublisherBulkAction):
    display_name = _("Cancel scheduling")
    action_type = "unschedule"
    aria_label = _("Cancel the scheduled publication of the selected pages")
    confirm_intro = _("The scheduled publication of these pages will be cancelled; their content stays as it is:")
    confirm_button = _("Yes, cancel scheduling")
    keep_button = _("No, keep the schedule")
    action_priority = 46

    def get_execution_context(self):
        return {"user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        count = 0
        for page in objects:
            for revision in Revision.page_revisions.filter(object_id=str(page.pk), approved_go_live_at__isnull=False):
                revision.approved_go_live_at = None
                revision.save(user=user, update_fields=["approved_go_live_at"])  # logs "wagtail.schedule.cancel"
                count += 1
        return count, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "The scheduled publication of %(count)d page was cancelled.",
            "The scheduled publication of %(count)d pages was cancelled.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
