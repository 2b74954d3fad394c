from django.http import HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.urls import reverse

from .maintenance import current_exception_is_outage, maintenance_response
from .site_url import absolute


def robots_txt(request):
    sitemap_url = absolute(request, reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /django-admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return HttpResponseNotFound(loader.render_to_string("404.html", {"request": request}, request))


def server_error(request):
    """Rendered without context processors or database access: the database may be the cause."""
    if current_exception_is_outage():
        return maintenance_response()
    return HttpResponseServerError(loader.get_template("500.html").render({}))
