from django import template
from django.utils.html import format_html
from wagtail.models import Page, Site

from ikpe_site.core import dates, phones
from ikpe_site.core.cache import memoize

register = template.Library()


def _site_root(request):
    if not hasattr(request, "_ikpe_site_root"):
        site = Site.find_for_request(request)
        request._ikpe_site_root = site.root_page if site else None
    return request._ikpe_site_root


@register.inclusion_tag("navigation/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    root = _site_root(request)
    current = context.get("page") or context.get("self")
    items = []
    if root is not None:
        menu = memoize(f"menu:{root.pk}", lambda: [
            {"pk": page.pk, "title": page.title, "path": page.path, "url": page.get_url(request)}
            for page in root.get_children().live().public().in_menu().only("id", "title", "url_path", "path")
        ])
        current_path = getattr(current, "path", "")
        items = [
            {**item, "active": bool(current_path) and current_path.startswith(item["path"]),
             "current": current is not None and item["pk"] == current.pk}
            for item in menu
        ]
    return {"items": items, "request": request}


def breadcrumb_trail(request, page):
    """[{depth, title, url, full_url}] of the page's ancestors from the home page down.

    One query, then kept in the cache until the next content change (publishing, moving or deleting a page).
    """
    def compute():
        ancestors = page.get_ancestors().filter(depth__gte=2).only("id", "title", "url_path", "path", "depth")
        return [{"depth": ancestor.depth, "title": ancestor.title, "url": ancestor.get_url(request),
                 "full_url": ancestor.get_full_url(request)} for ancestor in ancestors]

    return memoize(f"breadcrumbs:{request.get_host()}:{page.pk}", compute)


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": [], "page": page}
    return {"ancestors": breadcrumb_trail(context["request"], page), "page": page}


@register.filter
def filesize_de(num_bytes):
    """1536 → "1,5 KB": German decimal comma, as editors and visitors expect."""
    if num_bytes is None:
        return ""
    size = float(num_bytes)
    for unit in ("Bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            text = f"{size:.0f}" if unit == "Bytes" else f"{size:.1f}"
            return f"{text.replace('.', ',')} {unit}"
        size /= 1024


@register.filter
def format_date(value, precision="day"):
    """`{{ post.date|format_date:post.date_precision }}`: "12. November 2019", "November 2019" or "2019"."""
    return dates.format_date(value, precision)


@register.filter
def format_date_short(value, precision="day"):
    """As `format_date`, with a known day as "12.11.2019" (listings)."""
    return dates.format_date(value, precision, short=True)


@register.filter
def iso_date(value, precision="day"):
    """For `<time datetime>` and structured data: "2019-11-12", "2019-11" or "2019"."""
    return dates.iso_date(value, precision)


@register.simple_tag
def phone_link(number):
    """`{% phone_link person.phone %}`: a `tel:` link with the DIN 5008 text, or the text alone if it is no number."""
    uri = phones.tel_uri(number)
    text = phones.phone_display(number)
    return format_html('<a href="{}">{}</a>', uri, text) if uri else text
