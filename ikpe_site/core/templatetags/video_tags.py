from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from ..video import video_embed as parse_video_url

register = template.Library()


@register.filter
def video_embed(url):
    """`{% with video=value.url|video_embed %}`: provider, id and privacy-enhanced embed address of a video."""
    return parse_video_url(url)


@register.simple_tag(takes_context=True)
def video_script(context):
    """The consent script, once per response however many videos the page has. External file: strict CSP."""
    request = context.get("request")
    if request is not None:
        if getattr(request, "_video_script_done", False):
            return ""
        request._video_script_done = True
    return format_html('<script src="{}" defer></script>', static("js/video.js"))
