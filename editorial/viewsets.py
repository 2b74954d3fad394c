"""Admin for embargo links ("Sperrfrist-Links"): list, create, revoke, delete. Only Kommunikation and Administration."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import WagtailAdminModelForm, formfield_for_dbfield
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page, Revision

from .models import EmbargoLink
from .permissions import EmbargoPermissionPolicy


class EmbargoLinkForm(WagtailAdminModelForm):
    def clean_expires_at(self):
        value = self.cleaned_data["expires_at"]
        if "expires_at" in self.changed_data and value <= timezone.now():
            raise forms.ValidationError(gettext("Choose a time in the future."))
        return value


class EmbargoLinkCreateForm(EmbargoLinkForm):
    class Meta:
        model = EmbargoLink
        formfield_callback = formfield_for_dbfield  # Wagtail's widgets: page chooser, date picker
        fields = ["page", "recipient", "embargo_until", "expires_at", "note"]


class EmbargoLinkEditForm(EmbargoLinkForm):
    class Meta:
        model = EmbargoLink
        formfield_callback = formfield_for_dbfield
        fields = ["recipient", "embargo_until", "expires_at", "note", "revoked"]


class EmbargoLinkCreateView(generic.CreateView):
    def get_initial(self):
        """`?page=<id>` (from the page's action menu) preselects the page and its scheduled go-live time."""
        initial = super().get_initial()
        page_id = self.request.GET.get("page", "")
        if re.fullmatch(r"[0-9]{1,9}", page_id) and Page.objects.filter(pk=page_id).exists():
            initial["page"] = int(page_id)
            go_live = (
                Revision.page_revisions.filter(object_id=page_id, approved_go_live_at__isnull=False)
                .values_list("approved_go_live_at", flat=True)
                .first()
            )
            if go_live:
                initial["embargo_until"] = go_live
        return initial

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()

    def get_success_url(self):
        return self.get_edit_url()

    def get_success_message(self, instance):
        return gettext("Embargo link for “%(title)s” created. Send this address: %(url)s") % {
            "title": instance.page.title,
            "url": instance.full_url,
        }


class EmbargoLinkIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page", "created_by")


class EmbargoLinkEditView(generic.EditView):
    template_name = "editorial/embargo_link_edit.html"


class EmbargoLinkViewSet(ModelViewSet):
    model = EmbargoLink
    name = "sperrfrist_links"
    url_prefix = "sperrfrist-links"
    icon = "lock"
    menu_label = _("Embargo links")
    menu_order = 160
    add_to_admin_menu = True
    permission_policy = EmbargoPermissionPolicy(EmbargoLink)
    index_view_class = EmbargoLinkIndexView
    add_view_class = EmbargoLinkCreateView
    edit_view_class = EmbargoLinkEditView
    copy_view_enabled = False
    list_display = [
        "page",
        "recipient",
        Column("embargo_until", label=_("Embargo until"), accessor="embargo_display"),
        Column("expires_at", label=_("Link valid until"), accessor="expires_display"),
        Column("status", label=_("Status"), accessor="status"),
        Column("created_by", label=_("Created by"), accessor="created_by_name"),
    ]
    list_filter = ["revoked"]
    ordering = ["-created_at"]

    def get_form_class(self, for_update=False):
        return EmbargoLinkEditForm if for_update else EmbargoLinkCreateForm
