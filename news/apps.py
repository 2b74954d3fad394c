from django.apps import AppConfig
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

HOME_NEWS = 4
RELATED_NEWS = 3


def news_index(request):
    """The live news overview (feeds in the head, "more" links), kept until the next content change."""
    if not hasattr(request, "_news_index"):
        from ikpe_site.core.cache import memoize_instance

        from .models import NewsIndexPage

        request._news_index = memoize_instance("news-index", lambda: NewsIndexPage.objects.visible().first())
    return request._news_index


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")
    default_auto_field = "django.db.models.BigAutoField"

    def home_context(self, home, request):
        from .models import NewsPage, with_meta

        posts = NewsPage.objects.descendant_of(home).visible().for_listing()[:HOME_NEWS]
        return {"latest_news": with_meta(posts), "news_index": news_index(request)}

    def alternate_links(self, request):
        index = news_index(request)
        if index is None:
            return []
        return [
            {
                "type": "application/rss+xml",
                "title": gettext("News from the IKPE (RSS)"),
                "url": index.feed_url("rss", request=request),
            },
            {
                "type": "application/atom+xml",
                "title": gettext("News from the IKPE (Atom)"),
                "url": index.feed_url("atom", request=request),
            },
        ]

    def related_sections(self, page, request):
        """ "Aktuelles" on topic, project, person and district pages: one listing query per section."""
        from django.apps import apps

        from .models import NewsPage, with_meta

        TopicPage = apps.get_model("core", "TopicPage")
        ProjectPage = apps.get_model("projects", "ProjectPage")
        PersonPage = apps.get_model("people", "PersonPage")
        District = _district_model()

        posts = NewsPage.objects.visible()
        if isinstance(page, TopicPage):
            posts, parameter, label = posts.filter(topics=page), "thema", gettext("All news on this topic")
        elif isinstance(page, ProjectPage):
            posts, parameter, label = posts.filter(projects=page), "projekt", gettext("All news on this project")
        elif isinstance(page, PersonPage):
            posts, parameter, label = posts.filter(contacts=page), "person", gettext("All news with this person")
        elif District is not None and isinstance(page, District):
            posts, parameter, label = _district_posts(posts, page), None, ""
        else:
            return []
        items = with_meta(posts.for_listing()[:RELATED_NEWS])
        index = news_index(request)
        more_url = ""
        if items and index is not None and parameter:
            more_url = f"{index.get_url(request)}?{parameter}={page.slug}"
        return [{"title": gettext("News"), "items": items, "more_url": more_url, "more_label": label}]


def _district_model():
    from django.apps import apps

    try:
        return apps.get_model("projects", "District")
    except LookupError:
        return None


def _district_posts(posts, district):
    """Posts about projects that work in `district` (the relation lives on the project)."""
    return posts.filter(projects__districts=district).distinct()
