"""The content checker in the userbar, preview panel and "Checks" side panel: Wagtail's axe rules plus the
institute's own (link texts, e-mail addresses, image credits, heading levels), with German messages."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.userbar import ContentCheckerItem

# Link texts that say nothing on their own (compared after lower-casing and trimming punctuation).
VAGUE_LINK_TEXTS = [
    "hier",
    "hier klicken",
    "klicken sie hier",
    "bitte hier klicken",
    "mehr",
    "mehr lesen",
    "mehr erfahren",
    "mehr dazu",
    "mehr infos",
    "mehr informationen",
    "weiter",
    "weiterlesen",
    "weiter lesen",
    "details",
    "link",
    "zum artikel",
    "download",
    "pdf",
    "info",
]
# Wagtail's "heading-order" is replaced by our rule with a German explanation (one warning per problem).
RUN_ONLY = [rule for rule in ContentCheckerItem.axe_run_only if rule != "heading-order"] + [
    "ikpe-link-text",
    "ikpe-email-text",
    "ikpe-image-credit",
    "ikpe-heading-level",
]
# Only what editors write: the page body inside <main>, not header, menu and footer of the templates.
CUSTOM_RULES = [
    {
        "id": "ikpe-link-text",
        "impact": "serious",
        "selector": "main a[href]",
        "tags": ["ikpe"],
        "any": ["ikpe-link-text-meaningful"],
        "enabled": True,
    },
    {
        "id": "ikpe-email-text",
        "impact": "moderate",
        "selector": "main p, main li, main td, main th, main dd, main figcaption, main blockquote",
        "tags": ["ikpe"],
        "any": ["ikpe-email-linked"],
        "enabled": True,
    },
    {
        "id": "ikpe-image-credit",
        "impact": "moderate",
        "selector": "main figure",
        "tags": ["ikpe"],
        "any": ["ikpe-figure-has-credit"],
        "enabled": True,
    },
    {
        "id": "ikpe-heading-level",
        "impact": "moderate",
        "selector": "main h1, main h2, main h3, main h4, main h5, main h6",
        "tags": ["ikpe"],
        "any": ["ikpe-heading-no-skip"],
        "enabled": True,
    },
]
# Their evaluate functions are registered in static/js/content-checker.js, loaded through the item's Media.
CUSTOM_CHECKS = [
    {"id": "ikpe-link-text-meaningful", "options": {"phrases": VAGUE_LINK_TEXTS}},
    {"id": "ikpe-email-linked"},
    {"id": "ikpe-figure-has-credit"},
    {"id": "ikpe-heading-no-skip"},
]
MESSAGES = {
    "ikpe-link-text": {
        "error_name": _("Link text says nothing on its own"),
        "help_text": _('Name the target, e.g. "Read the annual report 2024" instead of "here" or "more".'),
    },
    "ikpe-email-text": {
        "error_name": _("Email address as plain or disguised text"),
        "help_text": _('Write the address in full and link it (mailto:); "[at]" or "(at)" confuses screen readers.'),
    },
    "ikpe-image-credit": {
        "error_name": _("Image without credit"),
        "help_text": _('Enter the credit in the image library (field "Credit"), e.g. "Photo: IKPE".'),
    },
    "ikpe-heading-level": {
        "error_name": _("Heading skips a level"),
        "help_text": _("Use the next level down: after a level 2 heading comes level 3, not level 4."),
    },
}


class GermanContentChecker(ContentCheckerItem):
    """Wagtail's content checker plus the institute's own rules, with German messages."""

    axe_run_only = RUN_ONLY
    axe_custom_rules = [*ContentCheckerItem.axe_custom_rules, *CUSTOM_RULES]
    axe_custom_checks = [*ContentCheckerItem.axe_custom_checks, *CUSTOM_CHECKS]
    axe_messages = {**ContentCheckerItem.axe_messages, **MESSAGES}

    class Media:
        js = ["js/content-checker.js"]
