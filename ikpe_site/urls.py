from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from editorial import styleguide
from editorial import views as editorial_views
from ikpe_site.core import views as core_views
from sitesearch import views as search_views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
    path("sitemap.xml", search_views.sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("suche/", search_views.search, name="search"),
    path("stilvorlage/", styleguide.styleguide, name="styleguide"),
    path("newsletter/", include("newsletter.urls")),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}))

urlpatterns.append(path("vorschau/<token>/", editorial_views.embargo_preview, name="embargo_preview"))
urlpatterns.append(
    path(
        "vorschau/<token>/dokumente/<int:document_id>/<str:document_filename>",
        editorial_views.embargo_document,
        name="embargo_document",
    )
)
urlpatterns.append(
    path("redaktionskalender/abo/<token>.ics", editorial_views.calendar_feed, name="editorial_calendar_feed")
)
urlpatterns.append(path("", include("events.urls")))  # ".../kalender.ics" before Wagtail's page addresses
urlpatterns.append(path("", include(wagtail_urls)))

handler404 = "ikpe_site.core.views.page_not_found"
handler500 = "ikpe_site.core.views.server_error"
