"""Structured data (schema.org JSON-LD) for the page head, in one safe form.

Pages describe themselves as plain dicts; `json_ld_script` turns one into a
`<script type="application/ld+json">` element. "<", ">" and "&" are written as JSON escapes (the same rule as
Django's `json_script`), so no text an editor types (a title with "</script>") can end the element, and the
result is built with `format_html`: templates print it as it is, without `|safe`.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
EMPTY = (None, "", [], {})


def json_ld_script(data):
    """`data` as a JSON-LD script element; top-level keys without a value are left out."""
    data = {key: value for key, value in data.items() if not any(value == empty for empty in EMPTY)}
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text.translate(JSON_SCRIPT_ESCAPES)))
