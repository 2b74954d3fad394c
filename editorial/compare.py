"""Readable diffs in "Vergleichen": what the editor chose and sees, not stored values.

Wagtail compares plain fields by their stored value ("None", "True", "2026-07-01") and choice blocks inside a
StreamField by their key ("board"). These comparison classes, registered through Wagtail's comparison registry
when the app loads, show "leer", "Ja"/"Nein", German dates and the choice's label instead.
"""

import datetime

from django.db import models
from django.utils import formats, timezone
from django.utils.encoding import force_str
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.admin.compare import (
    CharBlockComparison,
    FieldComparison,
    TextDiff,
    register_comparison_class,
)


def readable(value):
    if value is None or value == "":
        return _("(empty)")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return formats.localize(value)


class ReadableFieldComparison(FieldComparison):
    def htmldiff(self):
        before, after = force_str(readable(self.val_a)), force_str(readable(self.val_b))
        if self.val_a == self.val_b:
            return escape(before)
        return TextDiff([("deletion", before), ("addition", after)]).to_html()


class ChoiceBlockComparison(CharBlockComparison):
    """A choice inside a StreamField by its label: "Vorstand", not "board"."""

    def label(self, value):
        return force_str(dict(self.block.field.choices).get(value, value) if value else _("(empty)"))

    def htmldiff(self):
        return CharBlockComparison(
            self.block, self.exists_a, self.exists_b, self.label(self.val_a), self.label(self.val_b)
        ).htmldiff()

    def htmlvalue(self, val):
        return escape(self.label(val))


def register():
    # Fields Wagtail compares with its plain FieldComparison (text, rich text and choices have their own).
    for field_class in (
        models.BooleanField,
        models.DateField,
        models.DateTimeField,
        models.IntegerField,
        models.DecimalField,
        models.FloatField,
        models.DurationField,
    ):
        register_comparison_class(field_class, comparison_class=ReadableFieldComparison)
    # Blocks name their comparison class (wagtail.admin.compare.get_comparison_class_for_block); the choice block
    # of Wagtail has none, so its key would be shown. Set on the class: no new block type, no migration.
    blocks.ChoiceBlock.get_comparison_class = lambda block: ChoiceBlockComparison
