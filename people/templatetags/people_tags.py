import base64

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def protected_email(address):
    """An email address harvesters cannot read: "name [ät] domain" as text, the real address only reversed
    and base64-encoded for people.js, which turns it into a mailto link."""
    if not address or "@" not in address:
        return ""
    local, domain = address.rsplit("@", 1)
    encoded = base64.b64encode(address[::-1].encode()).decode("ascii")
    return format_html(
        '<span class="protected-email" data-email="{}">{} {} {}</span>', encoded, local, gettext("[at]"), domain
    )
