"""The summary at the top of a form names the fields with errors, so an error on another tab is not missed.

Wagtail marks each field and counts errors on its tab, but its message at the top only says that the form has
errors. Every admin form (pages, snippets, settings) reports through `wagtail.admin.messages.validation_error`;
this wraps it once, when the app loads, to add "Bitte prüfen: Nachname, Inhalt".
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail.admin import messages


def field_labels(form):
    labels = []
    for name in form.errors:
        if name != NON_FIELD_ERRORS:
            labels.append(str(form[name].label) if name in form.fields else name)
    return labels


def install():
    original = messages.validation_error

    def validation_error(request, message, form, buttons=None):
        labels = field_labels(form)
        if labels and not form.non_field_errors():
            fields = format_html_join(", ", "<b>{}</b>", ((label,) for label in labels))
            message = format_html("{} {}", message, format_html(_("Please check: {}"), fields))
        return original(request, message, form, buttons)

    messages.validation_error = validation_error
