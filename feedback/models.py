import logging
import smtplib

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from modelcluster.fields import ParentalKey
from wagtail.admin.mail import send_mail
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractFormField, EmailFormMixin, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from ikpe_site.core.blocks import RICH_TEXT_FEATURES
from ikpe_site.core.models import BasePage
from ikpe_site.core.security.csrf import same_origin

from .forms import RATE_LIMITED, FeedbackFormBuilder, take_submission_slot
from .views import SafeSubmissionsListView

logger = logging.getLogger(__name__)


class FeedbackFormField(AbstractFormField):
    page = ParentalKey("FeedbackFormPage", on_delete=models.CASCADE, related_name="form_fields")


class FeedbackFormPage(EmailFormMixin, FormMixin, BasePage):
    """A short form built by the editors ("Barriere melden", "Nachricht an uns").

    Every submission is stored before any email is sent; a failing mail server is logged and never costs a
    submission. Spam is kept out without third parties: honeypot, signed start time, rate limit per address.
    """

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    thank_you_text = RichTextField(
        _("thank-you text"), features=RICH_TEXT_FEATURES, blank=True, help_text=_("Shown after the form has been sent.")
    )
    submit_label = models.CharField(
        _("button text"), max_length=60, blank=True, help_text=_('Optional, e.g. "Report barrier". Default: "Send".')
    )

    # The app label stays "trust" (see apps.py), so Wagtail's default template name would be trust/….
    template = "feedback/feedback_form_page.html"
    form_builder = FeedbackFormBuilder
    submissions_list_view_class = SafeSubmissionsListView

    content_panels = [
        FormSubmissionsPanel(),
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("submit_label"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]), FieldPanel("subject")], _("Email")
        ),
    ]

    parent_page_types = ["core.HomePage", "core.StandardPage", "people.ContactPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("feedback form")
        verbose_name_plural = _("feedback forms")

    # See ikpe_site.core.security.csrf.CsrfExemptPageMiddleware: no CSRF cookie for visitors, an Origin check instead.
    @method_decorator(csrf_exempt)
    def serve(self, request, *args, **kwargs):
        status = 200
        if request.method == "POST":
            form = self.get_form(request.POST, page=self, user=request.user, request=request)
            if not same_origin(request):
                form.is_valid()
                form.add_error(
                    None,
                    ValidationError(
                        _(
                            "The form could not be sent from this address. Please open this page directly and send the "
                            "form again."
                        ),
                        code="origin",
                    ),
                )
                status = 403
            elif form.is_valid():
                # The slot is taken before anything is stored or sent: concurrent or hanging posts count too.
                if take_submission_slot(request):
                    submission = self.process_form_submission(form)
                    return self.render_landing_page(request, submission, *args, **kwargs)
                form.add_error(None, ValidationError(RATE_LIMITED, code="rate_limited"))
                status = 429
        else:
            form = self.get_form(page=self, user=request.user, request=request)
        context = self.get_context(request, *args, **kwargs)
        context["form"] = form
        response = TemplateResponse(request, self.get_template(request, *args, **kwargs), context, status=status)
        # The form carries a signed start time: no shared cache may hand out an old copy.
        patch_cache_control(response, private=True, no_cache=True)
        return response

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        response = super().render_landing_page(request, form_submission, *args, **kwargs)
        patch_cache_control(response, private=True, no_cache=True)
        return response

    def process_form_submission(self, form):
        # FormMixin stores the submission; only then is the email tried (EmailFormMixin would let errors escape).
        submission = FormMixin.process_form_submission(self, form)
        if self.to_address:
            try:
                self.send_mail(form)
            except (smtplib.SMTPException, OSError, ValueError):
                logger.exception(
                    "Feedback form %s: submission %s is stored, but the email to %s failed.",
                    self.pk,
                    submission.pk,
                    self.to_address,
                )
        return submission

    def send_mail(self, form):
        addresses = [address.strip() for address in self.to_address.split(",") if address.strip()]
        subject = self.subject or gettext("Message from the website: %(title)s") % {"title": self.title}
        # Answering the mail answers the visitor, if they gave an address.
        reply_to = [
            form.cleaned_data[name]
            for name, field in form.fields.items()
            if isinstance(field, forms.EmailField) and form.cleaned_data.get(name)
        ][:1]
        send_mail(subject, self.render_email(form), addresses, self.from_address, reply_to=reply_to or None)
