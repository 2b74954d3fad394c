"""Calendar feeds under their customary `.ics` names: ".../kalender.ics" is served by the route ".../kalender/".

Wagtail's page URLs allow no dots, so the root URLconf includes these patterns before Wagtail's own.
"""

from django.http import Http404
from django.urls import re_path
from wagtail.views import serve


def ics_alias(request, path):
    response = serve(request, f"{path}/")
    if not response.get("Content-Type", "").startswith("text/calendar"):
        raise Http404  # only calendar routes have a ".ics" address, never an HTML page
    return response


urlpatterns = [re_path(r"^(?P<path>(?:[\w\-]+/)*[\w\-]+)\.ics$", ics_alias, name="events_ics")]
