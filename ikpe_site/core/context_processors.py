from django.apps import apps

from .cache import memoize


def alternates(request):
    """`<link rel="alternate">` entries (feeds, calendars) that apps advertise on every page.

    An app contributes by defining `alternate_links(self, request)` on its AppConfig, returning a list of
    dicts with `type`, `title` and `url` (absolute).
    """

    def links():
        result = []
        for config in apps.get_app_configs():
            hook = getattr(config, "alternate_links", None)
            if hook:
                result.extend(hook(request))
        return result

    return {"alternate_links": lambda: memoize(f"alternates:{request.scheme}:{request.get_host()}", links)}
