from urllib.parse import urlencode

from django.db.models import Q
from django.shortcuts import render
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.models import Site
from wagtail.search.utils import normalise_query_string

from ikpe_site.core.listing import page_number, paginate

from . import search as site_search
from .forms import SearchForm
from .models import log_search
from .sitemaps import PublicPagesSitemap

TOP_DOCUMENTS = 5


def search(request):
    page_number(request)  # a bad page number is a 404 with or without a search term
    form = SearchForm(request.GET)
    query, kind = form.values()
    site = Site.find_for_request(request)
    context = {
        "form": form,
        "query": query,
        "kind": kind,
        "shortened": form.was_shortened(),
        "listing_query": form.listing_query(),
    }
    if site_search.search_terms(query) and site is not None:
        context.update(_results(request, site, query, kind))
    return render(request, "sitesearch/search.html", context)


def _results(request, site, query, kind):
    pages = site_search.public_pages(site)
    counts = site_search.kind_counts(site_search.search_pages(pages, query, rank=False))
    documents = site_search.search_documents(query, rank=False)
    counts[site_search.DOCUMENTS] = documents.count()
    if site_search.can_rank(counts[site_search.DOCUMENTS]):
        documents = site_search.search_documents(query)
    total = sum(counts.values())
    first_page = page_number(request) == 1

    if kind == site_search.DOCUMENTS:
        page_obj = paginate(request, documents, site_search.RESULTS_PER_PAGE)
    else:
        hits = counts.get(kind, 0) if kind else total - counts[site_search.DOCUMENTS]
        results = site_search.search_pages(pages, query, kind, rank=site_search.can_rank(hits))
        page_obj = paginate(request, results, site_search.RESULTS_PER_PAGE)
        page_obj.object_list = site_search.specific_results(list(page_obj.object_list))

    show_extras = first_page and not kind
    places = site_search.matching_places(request, site, query) if show_extras else []
    if show_extras:
        log_search(query, total)
    nothing = not total and not places
    suggestion = site_search.suggest(site, query) if nothing else None
    return {
        "places": places,
        "suggestion": suggestion,
        "suggestion_url": "?" + urlencode({"q": suggestion}) if suggestion else "",
        "sections": _main_sections(request, site) if nothing else [],
        "page_obj": page_obj,
        "total": total,
        "kind_links": _kind_links(query, kind, counts, total),
        "kind_label": dict(site_search.KIND_CHOICES).get(kind, ""),
        "documents": list(documents[:TOP_DOCUMENTS]) if show_extras and counts[site_search.DOCUMENTS] else [],
        "document_count": counts[site_search.DOCUMENTS],
        "documents_url": "?" + urlencode({"q": query, "art": site_search.DOCUMENTS}),
        "picks": _picks(pages, query) if show_extras else [],
    }


def _kind_links(query, current, counts, total):
    links = [
        {"label": site_search.ALL_LABEL, "count": total, "url": "?" + urlencode({"q": query}), "current": not current}
    ]
    for slug, label in site_search.KIND_CHOICES:
        if counts.get(slug) or slug == current:
            links.append(
                {
                    "label": label,
                    "count": counts.get(slug, 0),
                    "current": slug == current,
                    "url": "?" + urlencode({"q": query, "art": slug}),
                }
            )
    return links


def _picks(pages, query):
    """Editors' picks for this term ("Promoted search results" in the admin), public pages or external links."""
    return list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .filter(Q(page__isnull=True) | Q(page__in=pages.values("pk")))
        .select_related("page")
        .order_by("sort_order")
    )


def _main_sections(request, site):
    """The main menu's sections, offered when a search finds nothing."""
    return [
        {"title": page.title, "url": page.get_url(request)}
        for page in site.root_page.get_children().live().public().in_menu().only("id", "title", "url_path")
    ]


def sitemap(request):
    """sitemap.xml: the pages `public_pages` lets through, nothing else (no drafts, private or expired pages)."""
    return sitemap_views.sitemap(request, sitemaps={"pages": PublicPagesSitemap})
