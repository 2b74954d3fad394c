"""Metadata for search engines and social networks: canonical link, OpenGraph, Twitter card, JSON-LD.

Costs at most two queries per page, none once the cache is warm for a page without lead image: the lead image
(shared with the page template, which shows it too; its rendition comes from the cache) and the ancestors for
the BreadcrumbList (kept in the cache until the next content change).
"""

from urllib.parse import urljoin, urlsplit

from django import template
from django.templatetags.static import static
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page, Site

from ikpe_site.core.dates import iso_date
from ikpe_site.core.metadata import json_ld_script
from ikpe_site.core.models import DatePrecision, SiteSettings
from ikpe_site.core.templatetags.ikpe_tags import breadcrumb_trail
from sitesearch.search import DATE_FIELDS

register = template.Library()

OG_IMAGE_FILTER = "fill-1200x630"
# Page types presented as articles (with a publication date) rather than as a website section.
ARTICLE_MODELS = {"news.newspage", "publications.publicationpage"}


def canonical_url(request, page):
    """The page's full URL; on a sub-address of a routable page (a year archive) that address, without query."""
    url = page.get_full_url(request)
    parts = page.get_url_parts(request)
    if url and parts and request.path != parts[2] and request.path.startswith(parts[2]):
        url += escape_uri_path(request.path[len(parts[2]) :])
    return url


def absolute(request, url):
    """`url` made absolute against the site's own address (as canonical links are), else the request's."""
    site = Site.find_for_request(request)
    return urljoin(site.root_url + "/", url) if site is not None else request.build_absolute_uri(url)


def organization(request, home, site_settings):
    data = {
        "@context": "https://schema.org",
        "@type": "ResearchOrganization",
        "name": site_settings.institute_name,
        "alternateName": site_settings.short_name,
        "url": home.get_full_url(request),
        "logo": absolute(request, static("img/logo.svg")),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": site_settings.street,
            "postalCode": site_settings.postal_code,
            "addressLocality": site_settings.city,
            "addressCountry": "DE",
        },
    }
    if site_settings.university:
        data["parentOrganization"] = {"@type": "CollegeOrUniversity", "name": site_settings.university}
        if site_settings.university_url:
            data["parentOrganization"]["url"] = site_settings.university_url
    if home.meta_description:
        data["description"] = home.meta_description
    contact = {
        key: value for key, value in (("telephone", site_settings.phone), ("email", site_settings.email)) if value
    }
    if contact:
        data.update(contact)
        data["contactPoint"] = {
            "@type": "ContactPoint",
            "contactType": "customer service",
            "availableLanguage": "de",
            **contact,
        }
    same_as = [url for url in (site_settings.mastodon_url, site_settings.linkedin_url) if url]
    if same_as:
        data["sameAs"] = same_as
    return data


def breadcrumb_list(request, page):
    trail = [
        *((crumb["depth"], crumb["title"], crumb["full_url"]) for crumb in breadcrumb_trail(request, page)),
        (page.depth, page.title, page.get_full_url(request)),
    ]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": _("Home") if depth == 2 else title, "item": item_url}
            for position, (depth, title, item_url) in enumerate(trail, start=1)
        ],
    }


def og_image(request, page):
    image = getattr(page, "listing_image", None)
    if image is None:
        return None
    try:
        rendition = image.get_rendition(OG_IMAGE_FILTER)
    except SourceImageIOError:  # the file is missing from storage: better no preview image than an error
        return None
    return {
        "url": absolute(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.description or image.title,
    }


def published(page):
    """For articles: the date the content gives (news date, publication date), else first publication."""
    if page._meta.label_lower not in ARTICLE_MODELS or getattr(page, "date_precision", None) == DatePrecision.NONE:
        return None  # the source gives no date: none is claimed (not the day it was loaded into this site)
    for name in DATE_FIELDS:
        value = getattr(page, name, None)
        if value and hasattr(value, "isoformat"):
            return iso_date(value, getattr(page, "date_precision", DatePrecision.DAY))
    return page.first_published_at.isoformat() if page.first_published_at else None


@register.simple_tag(takes_context=True)
def seo_metadata(context):
    """Everything templates/components/seo_head.html prints for `page`, or None outside Wagtail pages."""
    request = context.get("request")
    page = context.get("page")
    if request is None or not isinstance(page, Page) or getattr(request, "is_preview", False):
        return None  # previews (also embargo links) are nobody's canonical page
    return page_metadata(request, page)


@register.simple_tag(takes_context=True)
def share_metadata(context):
    """The OpenGraph data of `page` also in a preview: what the admin's "Beim Teilen" preview mode shows."""
    request, page = context["request"], context["page"]
    return page_metadata(request, page, preview=True)


def page_metadata(request, page, preview=False):
    """The metadata of `page`; with `preview`, also for a draft that has no address yet (the site's domain)."""
    url = canonical_url(request, page) if page.url_path else None
    if preview and not url:
        url = absolute(request, "/")
    if not url:
        return None
    site = Site.find_for_request(request)
    site_settings = SiteSettings.for_request(request)
    is_home = site is not None and page.pk == site.root_page_id
    metadata = {
        "url": url,
        "title": page.seo_title or (site_settings.institute_name if is_home else page.title),
        "description": getattr(page, "meta_description", "") or page.search_description,
        "type": "article" if page._meta.label_lower in ARTICLE_MODELS else "website",
        "published": published(page),
        "image": og_image(request, page),
        "site_name": site_settings.institute_name,
        "domain": urlsplit(url).hostname,
    }
    if not preview:
        metadata["json_ld"] = json_ld_script(
            organization(request, page, site_settings) if is_home else breadcrumb_list(request, page)
        )
    return metadata
