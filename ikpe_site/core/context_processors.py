from .extensions import head_links


def alternates(request):
    """`<link rel="alternate">` entries (feeds, calendars) that apps advertise on every page: the
    `ikpe_head_links` hook (core/extensions.py), computed only when a template shows them."""
    return {"alternate_links": lambda: head_links(request)}
