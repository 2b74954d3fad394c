"""The living style guide at /stilvorlage/: every component and block, rendered from the real templates with
sample data marked "Beispiel", for staff only. A new template in templates/components/ needs a sample in
`component_samples`; tests/test_core_styleguide.py fails until it has one."""

from pathlib import Path
from types import SimpleNamespace

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from ikpe_site.core.blocks import BodyBlock, FactBlock
from ikpe_site.core.models import CustomImage
from people.models import PersonPage
from projects.models import ProjectPage

COMPONENTS_DIR = Path(settings.BASE_DIR) / "templates" / "components"
SAMPLE = "Beispiel"


class SampleList(list):
    """Stands in for `page.get_children.live.public.specific` in child_pages.html."""

    live = public = specific = property(lambda self: self)


def _pages(root):
    """Unsaved sample pages whose links lead back to the style guide."""
    url_path = f"{root.url_path}stilvorlage/"
    image = CustomImage.objects.order_by("pk").first()
    teaser = "Beispieltext für den Anrisstext einer Karte: zwei Sätze, die sagen, worum es geht. Er steht in Listen."
    project = ProjectPage(
        title=f"{SAMPLE}: Projekt mit Bild", short_name="BSP", url_path=url_path, teaser=teaser, listing_image=image
    )
    plain = ProjectPage(title=f"{SAMPLE}: Projekt ohne Bild", short_name="BSP", url_path=url_path, teaser=teaser)
    # Cards take any page with a title, teaser and meta line: project pages stand in for news and events.
    news = ProjectPage(title=f"{SAMPLE}: Meldung", url_path=url_path, teaser=teaser)
    news.teaser_meta = f"{SAMPLE} · Pressemitteilung"
    event = ProjectPage(title=f"{SAMPLE}: Termin", url_path=url_path, teaser=teaser)
    event.teaser_meta = f"{SAMPLE} · Datum · Ort"
    person = PersonPage(
        title="Beispiel Person",
        first_name="Beispiel",
        last_name="Person",
        url_path=url_path,
        position="Beispielfunktion: wissenschaftliche Mitarbeiterin",
        phone="0361 000000",
        email="beispiel.person@example.org",
    )
    return SimpleNamespace(image=image, project=project, plain=plain, news=news, event=event, person=person)


def component_samples(request):
    """[(template, label, context)]: one entry or more for every template in templates/components/."""
    root = Site.find_for_request(request).root_page
    pages = _pages(root)
    document = SimpleNamespace(url="#", title=f"{SAMPLE}: Jahresbericht", file_extension="pdf", get_file_size=245_760)
    index = SimpleNamespace(url="#")
    teasers = [pages.news, pages.event, pages.plain]
    return [
        ("components/teaser.html", _("card with image"), {"item": pages.project, "meta": "BSP · laufend"}),
        ("components/teaser.html", _("card without image"), {"item": pages.plain, "meta": "BSP · abgeschlossen"}),
        ("components/person_card.html", _("person card"), {"person": pages.person}),
        (
            "components/page_intro.html",
            _("page title with introduction"),
            {"page": SimpleNamespace(title=f"{SAMPLE}: Seitentitel", intro="", teaser=pages.plain.teaser)},
        ),
        (
            "components/figure.html",
            _("figure with caption"),
            {"image": pages.image, "caption": f"{SAMPLE}: Bildunterschrift"} if pages.image else None,
        ),
        ("components/document_link.html", _("document download"), {"document": document}),
        (
            "components/pagination.html",
            _("pagination, page 3 of 10"),
            {"page_obj": Paginator(range(100), 10).get_page(3), "listing_query": QueryDict()},
        ),
        (
            "components/breadcrumbs.html",
            _("breadcrumbs"),
            {
                "ancestors": [
                    SimpleNamespace(url="/", depth=2, title=root.title),
                    SimpleNamespace(url="#", depth=3, title=f"{SAMPLE}: Bereich"),
                ],
                "page": SimpleNamespace(title=f"{SAMPLE}: aktuelle Seite"),
            },
        ),
        (
            "components/child_pages.html",
            _("child pages as cards"),
            {"page": SimpleNamespace(get_children=SampleList(teasers[:2]))},
        ),
        (
            "components/related_sections.html",
            _("related sections"),
            {
                "related_sections": [
                    {
                        "title": f"{SAMPLE}: Meldungen zum Thema",
                        "items": teasers[:1],
                        "more_url": "#",
                        "more_label": f"{SAMPLE}: alle Meldungen",
                    }
                ]
            },
        ),
        ("components/home_news.html", _("home page: news"), {"latest_news": teasers, "news_index": index}),
        (
            "components/home_events.html",
            _("home page: events"),
            {"upcoming_events": [pages.event], "events_index": index},
        ),
        (
            "components/hero.html",
            _("home page: opening with purpose, calls to action and facts"),
            {
                "title": f"{SAMPLE}: Name des Instituts",
                "intro": "",
                "facts": [],
                "programmes": ["BSP", "BSP 2"],
                "districts": 3,
                "projects_url": "#",
                "districts_url": "#",
                "contact_url": "#",
            },
        ),
        (
            "components/alternate_links.html",
            _("alternate links in the page head (source)"),
            {"alternate_links": [{"type": "application/rss+xml", "title": f"{SAMPLE}: Feed", "url": "#"}]},
        ),
        (
            "components/seo_head.html",
            _("metadata in the page head for the home page (source)"),
            {"page": root.specific},
        ),
    ]


def block_samples(request):
    """[(template, label, rendered)] for every block of the shared body StreamField."""
    pages = _pages(Site.find_for_request(request).root_page)
    document = SimpleNamespace(url="#", title=f"{SAMPLE}: Dokument", file_extension="pdf", get_file_size=102_400)
    raw = {
        "paragraph": f"<p>{SAMPLE}: Fließtext mit <b>fetter</b> und <i>kursiver</i> Auszeichnung und einem "
        '<a href="#">Link</a>.</p><ul><li>Aufzählung</li><li>zweiter Punkt</li></ul>',
        "heading": {"text": f"{SAMPLE}: Zwischenüberschrift", "level": "h2"},
        "image": {"image": None, "caption": f"{SAMPLE}: Bildunterschrift"},
        "quote": {"quote": f"{SAMPLE}: ein hervorgehobenes Zitat.", "attribution": "Beispiel Person"},
        "document": {"document": None, "title": ""},
        "links": {
            "title": f"{SAMPLE}: Weiterführende Links",
            "links": [{"label": f"{SAMPLE}: Link", "page": None, "external_url": "https://example.org/"}],
        },
        "call_to_action": {
            "title": f"{SAMPLE}: Handlungsaufforderung",
            "text": "Ein Satz, der zum Klick einlädt.",
            "label": "Mehr erfahren",
            "page": None,
            "external_url": "https://example.org/",
        },
        "contact_person": {"heading": f"{SAMPLE}: Ihre Ansprechperson", "person": None},
        "video": {
            "url": "https://www.youtube.com/watch?v=Beispiel123",
            "title": f"{SAMPLE}: Video",
            "description": "",
            "poster": None,
        },
        "member_list": {"title": f"{SAMPLE}: Vorstand (aus den Daten)", "group": "board"},
        "client_list": {"title": f"{SAMPLE}: Auftraggeber (aus den Daten)"},
    }
    objects = {
        "image": ("image", pages.image),
        "document": ("document", document),
        "contact_person": ("person", pages.person),
    }
    samples = []
    for name, block in BodyBlock().child_blocks.items():
        value = block.to_python(raw.get(name, block.get_default()))
        if name in objects:
            key, obj = objects[name]
            if obj is None:
                samples.append((block.meta.template, block.label, None))
                continue
            value[key] = obj
        samples.append((block.meta.template, block.label, block.render(value, context={"request": request})))
    fact = FactBlock()  # the home page's facts (HomePage.facts), inside a list as the hero shows them
    rendered = fact.render(fact.to_python({"value": f"{SAMPLE}: 2020", "label": "Was in diesem Jahr geschah"}))
    samples.append((fact.meta.template, fact.label, format_html('<dl class="hero-facts">{}</dl>', rendered)))
    return samples


class SampleForm(forms.Form):
    """Form fields as the site's forms show them, one with an error."""

    name = forms.CharField(label=_("Name"), help_text=_("Sample help text."))
    email = forms.EmailField(label=_("Email"))
    topic = forms.ChoiceField(label=_("Topic"), choices=[("a", f"{SAMPLE} A"), ("b", f"{SAMPLE} B")])
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}))
    consent = forms.BooleanField(label=_("I agree (sample)"))


def styleguide(request):
    if not request.user.is_authenticated or not request.user.has_perm("wagtailadmin.access_admin"):
        raise Http404
    specimens = []
    for template, label, context in component_samples(request):
        html = render_to_string(template, context, request) if context is not None else None
        is_source = template.endswith(("alternate_links.html", "seo_head.html"))
        specimens.append({"template": template, "label": label, "html": html, "source": is_source})
    blocks = [{"template": template, "label": label, "html": html} for template, label, html in block_samples(request)]
    form = SampleForm(data={"name": f"{SAMPLE} Person", "email": "keine-adresse", "topic": "a"})
    form.is_valid()
    response = TemplateResponse(
        request,
        "core/styleguide.html",
        {
            "specimens": specimens,
            "blocks": blocks,
            "form": form,
            "components": sorted(path.name for path in COMPONENTS_DIR.glob("*.html")),
            "notice": format_html("<strong>{}</strong>", SAMPLE),
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response
