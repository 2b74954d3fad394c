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


# Top-level menu items shown in the row; the home page's further menu pages go into one "More" sub-menu, so the
# row fits 1280 px. Each top-level page's own "show in menus" children become its sub-menu.
MENU_ROW_ITEMS = 6


def menu_tree(request, root):
    """[{pk, title, path, url, children: [...]}] of the menu pages below `root`, two levels, plain values."""
    fields = ("id", "title", "url_path", "path", "depth")

    def entry(page):
        return {"pk": page.pk, "title": page.title, "path": page.path, "url": page.get_url(request), "children": []}

    def compute():
        top = [entry(page) for page in root.get_children().live().public().in_menu().only(*fields)]
        by_path = {item["path"]: item for item in top}
        below = (Page.objects.live().public().in_menu().filter(depth=root.depth + 2, path__startswith=root.path)
                 .only(*fields).order_by("path"))
        for page in below:
            parent = by_path.get(page.path[:-Page.steplen])
            if parent is not None:
                parent["children"].append(entry(page))
        return top

    return memoize(f"menu:{root.pk}", compute)


def _mark(items, current):
    current_path = getattr(current, "path", "")
    current_pk = getattr(current, "pk", None)
    return [
        {**item, "active": bool(current_path) and current_path.startswith(item["path"]),
         "current": item["pk"] == current_pk, "children": _mark(item["children"], current)}
        for item in items
    ]


@register.inclusion_tag("navigation/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    root = _site_root(request)
    current = context.get("page") or context.get("self")
    items = _mark(menu_tree(request, root), current) if root is not None else []
    row, more = items[:MENU_ROW_ITEMS], items[MENU_ROW_ITEMS:]
    if len(more) == 1:  # one item more fits the row better than a sub-menu holding it alone
        row, more = items, []
    return {"items": row, "more": more, "more_active": any(item["active"] for item in more), "request": request}


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
