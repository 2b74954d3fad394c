from django import template
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from ikpe_site.core import dates, phones
from ikpe_site.core.cache import memoize

register = template.Library()


def _site_root(request):
    if not hasattr(request, "_ikpe_site_root"):
        site = Site.find_for_request(request)
        request._ikpe_site_root = site.root_page if site else None
    return request._ikpe_site_root


# The main menu groups the home page's menu pages into sections, so the row holds at most seven items and fits
# 1280 px. A group is named after its section and led by one page (its link where no script runs); its sub-menu
# lists the lead page, the member pages (by slug, in menu order) and each page's own menu children. Menu pages in
# no group stay items of their own; a group whose lead page is missing falls away and its members stand alone.
MENU_GROUPS = {
    "verein": (_("Institute"), ("team", "arbeitsbereiche")),
    "projekte": (_("Projects & topics"), ("themen", "mein-landkreis")),
}
MENU_ROW_ITEMS = 7


def menu_tree(request, root):
    """[{pk, slug, title, path, url, children: [...]}] of the menu pages below `root`, two levels, plain values."""
    fields = ("id", "title", "slug", "url_path", "path", "depth")

    def entry(page):
        return {
            "pk": page.pk,
            "slug": page.slug,
            "title": page.title,
            "path": page.path,
            "url": page.get_url(request),
            "children": [],
        }

    def compute():
        top = [entry(page) for page in root.get_children().live().public().in_menu().only(*fields)]
        by_path = {item["path"]: item for item in top}
        below = (
            Page.objects.live()
            .public()
            .in_menu()
            .filter(depth=root.depth + 2, path__startswith=root.path)
            .only(*fields)
            .order_by("path")
        )
        for page in below:
            parent = by_path.get(page.path[: -Page.steplen])
            if parent is not None:
                parent["children"].append(entry(page))
        return top

    return memoize(f"menu:{root.pk}", compute)


def _mark(items, current):
    current_path = getattr(current, "path", "")
    current_pk = getattr(current, "pk", None)
    return [
        {
            **item,
            "active": bool(current_path) and current_path.startswith(item["path"]),
            "current": item["pk"] == current_pk,
            "children": _mark(item["children"], current),
        }
        for item in items
    ]


def _sub_entries(pages):
    """The sub-menu of a group: each page, then its own menu children indented below it."""
    entries = []
    for page in pages:
        entries.append({**page, "nested": False})
        entries += [{**child, "nested": True} for child in page["children"]]
    return entries


def group_menu(items):
    """The menu row: groups from MENU_GROUPS in place of their pages, at the position of their first page."""
    by_slug = {item.get("slug"): item for item in items}  # (.get: a menu cached by an older release has no slug)
    owner = {}
    for lead, (_title, members) in MENU_GROUPS.items():
        if lead in by_slug:
            owner.update({slug: lead for slug in (lead, *members) if slug in by_slug})
    row, placed = [], set()
    for item in items:
        lead = owner.get(item.get("slug"))
        if lead is None:
            row.append({**item, "children": _sub_entries([item]) if item["children"] else []})
            continue
        if lead in placed:
            continue
        placed.add(lead)
        pages = [page for page in items if owner.get(page.get("slug")) == lead]
        pages.sort(key=lambda page: page["slug"] != lead)  # the lead page first
        row.append(
            {
                "title": str(MENU_GROUPS[lead][0]),
                "url": by_slug[lead]["url"],
                "active": any(page["active"] for page in pages),
                "current": False,
                "children": _sub_entries(pages),
            }
        )
    return row


def menu_row(items):
    """At most MENU_ROW_ITEMS items: beyond that, the last place is a "More" sub-menu holding the rest."""
    if len(items) <= MENU_ROW_ITEMS:
        return items
    row, more = items[: MENU_ROW_ITEMS - 1], items[MENU_ROW_ITEMS - 1 :]
    entries = sum((item["children"] or [{**item, "nested": False}] for item in more), [])
    return [
        *row,
        {
            "title": gettext("More"),
            "url": entries[0]["url"],
            "active": any(item["active"] for item in more),
            "current": False,
            "children": entries,
        },
    ]


@register.inclusion_tag("navigation/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    root = _site_root(request)
    current = context.get("page") or context.get("self")
    items = menu_row(group_menu(_mark(menu_tree(request, root), current))) if root is not None else []
    return {"items": items, "request": request}


def breadcrumb_trail(request, page):
    """[{depth, title, url, full_url}] of the page's ancestors from the home page down.

    One query, then kept in the cache until the next content change (publishing, moving or deleting a page).
    """

    def compute():
        ancestors = page.get_ancestors().filter(depth__gte=2).only("id", "title", "url_path", "path", "depth")
        return [
            {
                "depth": ancestor.depth,
                "title": ancestor.title,
                "url": ancestor.get_url(request),
                "full_url": ancestor.get_full_url(request),
            }
            for ancestor in ancestors
        ]

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
