import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from ikpe_site.core.models import HomePage, StandardPage, TopicIndexPage, TopicPage
from ikpe_site.core.video import video_embed
from news.models import NewsCategory, NewsIndexPage, NewsPage
from news.testing import card_titles, lead_image, make_category, make_index, make_post
from people.models import PeopleIndexPage, PersonPage
from projects.models import District, ProjectIndexPage, ProjectPage

D = datetime.date


@pytest.fixture
def index(home):
    return make_index(home)


@pytest.fixture
def linked(home, index):
    """A topic, a project in a district, a person and posts pointing at them."""
    topics = TopicIndexPage(title="Unsere Themen", slug="themen")
    home.add_child(instance=topics)
    topic = topics.add_child(instance=TopicPage(title="Netzwerke", slug="netzwerke"))
    projects = ProjectIndexPage(title="Projekte", slug="projekte")
    home.add_child(instance=projects)
    project = projects.add_child(instance=ProjectPage(title="ThILIK", slug="thilik", short_name="ThILIK"))
    district = District.objects.get(slug="jena")
    project.districts.add(district)
    project.save()
    people = PeopleIndexPage(title="Team", slug="team")
    home.add_child(instance=people)
    person = people.add_child(
        instance=PersonPage(
            title="Prof. Dr. Jörg Fischer", slug="joerg-fischer", first_name="Jörg", last_name="Fischer"
        )
    )
    for page in (topics, topic, projects, project, people, person):
        page.save_revision().publish()
    press = make_category("Pressemitteilung", "pressemitteilung")
    posts = {
        "topic": make_post(
            index, "netzwerk-meldung", D(2023, 5, 1), topics=[topic], categories=[press], tags=["Netzwerk"]
        ),
        "project": make_post(index, "projekt-meldung", D(2023, 4, 1), projects=[project]),
        "person": make_post(index, "personen-meldung", D(2023, 3, 1), contacts=[person]),
        "other": make_post(index, "andere-meldung", D(2023, 2, 1)),
    }
    return {
        "topic": topic,
        "project": project,
        "person": person,
        "district": district,
        "posts": posts,
        "category": press,
    }


def test_page_tree_rules():
    assert NewsIndexPage.allowed_parent_page_models() == [HomePage]
    assert NewsIndexPage.allowed_subpage_models() == [NewsPage]
    assert NewsIndexPage.max_count == 1
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
    assert NewsPage.allowed_subpage_models() == []


def test_listing_is_newest_first_with_read_more_links_naming_the_post(client, index):
    for number in range(14):
        make_post(
            index, f"m{number}", D(2023, 1, 1) + datetime.timedelta(days=number), title=f"Meldung Nummer {number}"
        )
    html = client.get("/aktuelles/").content.decode()
    titles = card_titles(html)
    assert titles == [f"Meldung Nummer {number}" for number in range(13, 1, -1)]  # 12 per page
    assert "14 Meldungen" in html
    # "Mehr lesen" never stands alone: the title is part of the link's accessible name.
    assert html.count('Mehr lesen<span class="visually-hidden">: Meldung Nummer') == 12
    assert 'aria-label="Seitennummerierung"' in html or 'class="pagination"' in html
    assert 'href="/aktuelles/?page=2"' in html and 'rel="next"' in html
    second = client.get("/aktuelles/?page=2").content.decode()
    assert card_titles(second) == ["Meldung Nummer 1", "Meldung Nummer 0"]


def test_bad_page_values_give_404(client, index):
    for number in range(13):
        make_post(index, f"p{number}", D(2023, 1, 1) + datetime.timedelta(days=number), title=f"Meldung {number}")
    # core/listing.py: only pages 1 to the last exist (an empty value means page 1)
    cases = [
        ("abc", 404, None),
        ("1.5", 404, None),
        ("", 200, "Meldung 12"),
        ("9" * 5000, 404, None),
        ("%00", 404, None),
        ("-1", 404, None),
        ("0", 404, None),
        ("99999", 404, None),
        ("2", 200, "Meldung 0"),
    ]
    for value, status, first in cases:
        response = client.get("/aktuelles/", {"page": value})
        assert response.status_code == status, value
        if first:
            assert card_titles(response.content.decode())[0] == first, value


def test_filters_by_category_tag_project_topic_and_person(client, linked):
    posts = linked["posts"]
    expectations = {
        "?kategorie=pressemitteilung": [posts["topic"]],
        "?tag=netzwerk": [posts["topic"]],
        "?thema=netzwerke": [posts["topic"]],
        "?projekt=thilik": [posts["project"]],
        "?person=joerg-fischer": [posts["person"]],
        "?kategorie=&thema=": list(posts.values()),
    }
    for query, expected in expectations.items():
        response = client.get(f"/aktuelles/{query}")
        assert response.status_code == 200, query
        assert card_titles(response.content.decode()) == [post.title for post in expected], query
    html = client.get("/aktuelles/?kategorie=pressemitteilung").content.decode()
    assert "Gefiltert nach" in html and '<span class="chip">Kategorie: Pressemitteilung</span>' in html
    assert "Alle Meldungen anzeigen" in html
    # The category's own feeds are advertised while it is filtered.
    assert 'href="http://testserver/aktuelles/kategorie/pressemitteilung/feed/rss/"' in html


def test_unknown_filter_values_give_404(client, linked):
    for query in (
        "?kategorie=gibt-es-nicht",
        "?kategorie=%00",
        "?tag=unbekannt",
        "?tag=a%20b",
        "?projekt=nichts",
        "?thema=nichts",
        "?person=niemand",
        "?kategorie=pressemitteilung&kategorie=x",
        "?kategorie=pressemitteilung&page=x",
    ):
        assert client.get(f"/aktuelles/{query}").status_code == 404, query


def test_year_archive(client, index):
    make_post(index, "alt", D(2019, 11, 1), title="Aus 2019")
    make_post(index, "neu", D(2023, 9, 13), title="Aus 2023", categories=[make_category("Rückblick", "rueckblick")])
    html = client.get("/aktuelles/2023/").content.decode()
    assert card_titles(html) == ["Aus 2023"]
    assert "<h1>Aktuelles 2023</h1>" in html
    assert 'href="/aktuelles/2019/"' in html and 'href="/aktuelles/2023/" aria-current="page"' in html
    assert card_titles(client.get("/aktuelles/2019/").content.decode()) == ["Aus 2019"]
    assert card_titles(client.get("/aktuelles/2023/?kategorie=rueckblick").content.decode()) == ["Aus 2023"]
    for path in (
        "/aktuelles/2020/",
        "/aktuelles/0000/",
        "/aktuelles/1899/",
        "/aktuelles/20233/",
        "/aktuelles/2019/?kategorie=rueckblick",
        "/aktuelles/2019/?page=x",
    ):
        assert client.get(path).status_code == 404, path


def test_date_defaults_to_the_day_of_first_publication(index):
    post = make_post(index, "ohne-datum")
    assert post.date == timezone.localdate(post.first_published_at)
    draft = make_post(index, "entwurf", publish=False)
    assert draft.date is None
    imported = make_post(index, "importiert", D(2019, 6, 1))
    assert imported.date == D(2019, 6, 1)  # an editor's date is never overwritten


def test_post_page_shows_everything_of_a_press_release(client, linked):
    from wagtail.documents import get_document_model

    from tests.factories import pdf_document

    Funder = apps.get_model("projects", "Funder")
    esf = Funder.objects.create(name="Europäischer Sozialfonds Plus (ESF Plus)", logo=lead_image("ESF-Logo"))
    document = pdf_document("Pressemitteilung Test", ["Volltext"])
    post = make_post(
        linked["posts"]["other"].get_parent().specific,
        "pressemitteilung-test",
        D(2023, 9, 13),
        title="Kommunen unterstützen",
        teaser="Das IKPE begleitet Kommunen.",
        listing_image=lead_image(),
        image_caption="Das Team der Prozessbegleitung",
        categories=[linked["category"]],
        tags=["ESF Plus"],
        funding_note="Gefördert durch den Freistaat Thüringen aus Mitteln des Europäischen Sozialfonds Plus.",
        funders=[esf],
        topics=[linked["topic"]],
        projects=[linked["project"]],
        contacts=[linked["person"]],
        body=[
            ("paragraph", "<p>Volltext der Meldung</p>"),
            ("document", {"document": document, "title": "Volltext der Pressemitteilung"}),
            ("contact_person", {"heading": "Ihr Ansprechpartner", "person": linked["person"]}),
        ],
    )
    html = client.get(post.url).content.decode()
    assert "<h1>Kommunen unterstützen</h1>" in html
    assert '<time datetime="2023-09-13">13. September 2023</time>' in html
    assert 'href="/aktuelles/?kategorie=pressemitteilung">Pressemitteilung</a>' in html
    assert "Das Team der Prozessbegleitung" in html and "Foto: @IKPE/Archiv" in html
    assert 'alt="Ein Testbild"' in html
    assert "Volltext der Pressemitteilung" in html and get_document_model().objects.get(pk=document.pk).url in html
    assert "Ihr Ansprechpartner" in html
    assert "Gefördert durch den Freistaat Thüringen" in html and 'alt="Europäischer Sozialfonds Plus' in html
    assert 'href="/aktuelles/?tag=esf-plus">ESF Plus</a>' in html
    assert 'href="/themen/netzwerke/">Netzwerke</a>' in html and 'href="/projekte/thilik/">ThILIK</a>' in html
    assert 'href="/team/joerg-fischer/">Prof. Dr. Jörg Fischer</a>' in html
    assert '<meta name="description" content="Das IKPE begleitet Kommunen.">' in html


def test_drafts_and_private_posts_are_not_listed(client, index):
    make_post(index, "sichtbar", D(2023, 1, 2), title="Sichtbar")
    make_post(index, "entwurf", D(2023, 1, 3), title="Entwurf", publish=False)
    private = make_post(index, "intern", D(2023, 1, 4), title="Intern")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert card_titles(client.get("/aktuelles/").content.decode()) == ["Sichtbar"]
    assert card_titles(client.get("/").content.decode()) == ["Sichtbar"]
    assert client.get(private.url).status_code == 302  # to the login, never the text


def test_home_shows_the_four_latest_posts_with_date_and_category(client, index):
    category = make_category("IKPE unterwegs", "ikpe-unterwegs")
    for number in range(6):
        make_post(index, f"h{number}", D(2023, 9, 1 + number), title=f"Heim {number}", categories=[category])
    html = client.get("/").content.decode()
    assert card_titles(html) == ["Heim 5", "Heim 4", "Heim 3", "Heim 2"]
    assert "06.09.2023 · IKPE unterwegs" in html
    assert '<a href="/aktuelles/">Alle Meldungen</a>' in html


def test_feeds_are_advertised_on_every_page(client, index):
    other = StandardPage(title="Impressum", slug="impressum")
    index.get_parent().add_child(instance=other)
    other.save_revision().publish()
    for path in ("/", "/impressum/", "/aktuelles/"):
        html = client.get(path).content.decode()
        assert (
            '<link rel="alternate" type="application/rss+xml" title="Aktuelles aus dem IKPE (RSS)" '
            'href="http://testserver/aktuelles/feed/rss/">'
        ) in html, path
        assert 'type="application/atom+xml"' in html and 'href="http://testserver/aktuelles/feed/atom/"' in html


def test_no_feed_links_without_a_live_news_index(client, home):
    assert "application/rss+xml" not in client.get("/").content.decode()


def test_related_sections_on_topic_project_person_and_district(rf, linked, django_assert_max_num_queries):
    from news.wagtail_hooks import related_news

    request = rf.get("/")
    posts = linked["posts"]
    cases = [
        (linked["topic"], posts["topic"], "/aktuelles/?thema=netzwerke"),
        (linked["project"], posts["project"], "/aktuelles/?projekt=thilik"),
        (linked["person"], posts["person"], "/aktuelles/?person=joerg-fischer"),
        (linked["district"], posts["project"], ""),
    ]
    related_news(linked["topic"], request)  # site and news index are looked up once per request
    for page, post, more_url in cases:
        with django_assert_max_num_queries(4):  # view restrictions, posts, their categories and renditions
            sections = related_news(page, request)
        assert [item.pk for item in sections[0]["items"]] == [post.pk]
        assert sections[0]["title"] == "Aktuelles"
        assert sections[0]["more_url"] == more_url
        assert sections[0]["items"][0].teaser_meta.startswith("01.")
    assert related_news(linked["posts"]["other"], request) == []
    assert related_news(District.objects.get(slug="erfurt"), request)[0]["items"] == []


def test_related_sections_render_on_the_topic_page(client, linked):
    html = client.get("/themen/netzwerke/").content.decode()
    assert "Meldung netzwerk-meldung" in html and 'href="/aktuelles/?thema=netzwerke"' in html


def test_news_post_can_be_created_in_admin(admin_client, index, freeze_clock):
    # Half past midnight in Berlin is the day before in UTC: the post's date is the Berlin day it went live.
    freeze_clock(datetime.datetime(2026, 6, 15, 0, 30, tzinfo=ZoneInfo("Europe/Berlin")))
    category = make_category("Ankündigung", "ankuendigung")
    data = nested_form_data(
        {
            "title": "Neue Ausschreibung",
            "slug": "neue-ausschreibung",
            "date": "",
            "date_precision": "day",
            "teaser": "Wir suchen Verstärkung.",
            "image_caption": "",
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>Die Stelle umfasst Beratung.</p>")),
                    (
                        "video",
                        {"url": "https://youtu.be/IKPEvideo01", "title": "Film", "description": "", "poster": ""},
                    ),
                ]
            ),
            "tags": "Stellenangebot, Erfurt",
            "funding_note": "",
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    data["categories"] = [category.pk]
    response = admin_client.post(f"/admin/pages/add/news/newspage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    post = NewsPage.objects.get(slug="neue-ausschreibung")
    assert post.live and post.date == D(2026, 6, 15)
    assert list(post.categories.all()) == [category]
    assert sorted(tag.name for tag in post.tags.all()) == ["Erfurt", "Stellenangebot"]


def test_admin_listing_shows_date_categories_and_status(admin_client, index):
    make_post(
        index,
        "admin-sicht",
        D(2023, 9, 13),
        title="Meldung für die Liste",
        categories=[make_category("Pressemitteilung", "pressemitteilung")],
    )
    html = admin_client.get(f"/admin/pages/{index.pk}/").content.decode()
    assert "Meldung für die Liste" in html
    assert "Pressemitteilung" in html and "13.09.2023" in html
    assert "Kategorien" in html and "Datum" in html
    assert admin_client.get("/admin/snippets/news/newscategory/").status_code == 200


@pytest.mark.parametrize(
    "url, provider, embed",
    [
        (
            "https://www.youtube.com/watch?v=IKPEvideo01",
            "youtube",
            "https://www.youtube-nocookie.com/embed/IKPEvideo01",
        ),
        ("https://youtu.be/IKPEvideo01?t=30", "youtube", "https://www.youtube-nocookie.com/embed/IKPEvideo01"),
        ("https://m.youtube.com/shorts/IKPEvideo01", "youtube", "https://www.youtube-nocookie.com/embed/IKPEvideo01"),
        (
            "https://www.youtube-nocookie.com/embed/IKPEvideo01",
            "youtube",
            "https://www.youtube-nocookie.com/embed/IKPEvideo01",
        ),
        ("https://vimeo.com/76979871", "vimeo", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://vimeo.com/channels/staffpicks/76979871", "vimeo", "https://player.vimeo.com/video/76979871?dnt=1"),
        (
            "https://vimeo.com/76979871/abcdef1234",
            "vimeo",
            "https://player.vimeo.com/video/76979871?dnt=1&h=abcdef1234",
        ),
        ("https://player.vimeo.com/video/76979871", "vimeo", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://www.youtube.com/watch?v=<script>", "", ""),
        ("https://evil.example/youtube.com/watch?v=IKPEvideo01", "", ""),
        ("javascript:alert(1)", "", ""),
        ("https://www.dailymotion.com/video/x7", "", ""),
        ("", "", ""),
    ],
)
def test_video_addresses_become_privacy_enhanced_embeds(url, provider, embed):
    video = video_embed(url)
    assert (video.provider, video.embed_url) == (provider, embed)


def test_video_block_loads_nothing_before_consent(client, index, settings):
    post = make_post(
        index,
        "film",
        D(2023, 7, 1),
        body=[
            (
                "video",
                {
                    "url": "https://www.youtube.com/watch?v=IKPEvideo01",
                    "title": "Was kann Sozialplanung?",
                    "description": "Ein Filmbeitrag.",
                    "poster": None,
                },
            ),
            (
                "video",
                {
                    "url": "https://vimeo.com/76979871",
                    "title": "Zweiter Film",
                    "description": "",
                    "poster": lead_image("Standbild"),
                },
            ),
            (
                "video",
                {"url": "https://example.org/film.mp4", "title": "Eigener Film", "description": "", "poster": None},
            ),
        ],
    )
    response = client.get(post.url)
    html = response.content.decode()
    assert "<iframe" not in html and 'youtube-nocookie.com/embed/IKPEvideo01"' in html
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/IKPEvideo01"' in html
    assert 'data-embed-url="https://player.vimeo.com/video/76979871?dnt=1"' in html
    assert html.count('<button type="button" class="button video-consent-button">Video laden') == 2
    assert "Entscheidung widerrufen" in html and "Entscheidung für YouTube-Videos merken" in html
    assert "YouTube (Google Ireland Limited, Dublin)" in html and "Vimeo (Vimeo.com, Inc." in html
    # Without JavaScript: a plain link; the unknown provider gets only that.
    assert 'href="https://www.youtube.com/watch?v=IKPEvideo01">Video bei YouTube ansehen' in html
    assert 'href="https://example.org/film.mp4">Video ansehen' in html
    assert html.count("data-embed-url=") == 2
    assert html.count('src="/static/js/video.js"') == 1  # once, however many videos
    assert "<script>" not in html  # no inline script (strict CSP)
    assert not response.cookies


def test_video_block_links_to_the_privacy_page(client, index):
    from ikpe_site.core.models import SiteSettings

    privacy = StandardPage(title="Datenschutz", slug="datenschutz")
    index.get_parent().add_child(instance=privacy)
    privacy.save_revision().publish()
    site_settings = SiteSettings.for_site(index.get_site())
    site_settings.privacy_page = privacy
    site_settings.save()
    post = make_post(
        index,
        "film",
        D(2023, 7, 1),
        body=[("video", {"url": "https://youtu.be/IKPEvideo01", "title": "Film", "description": "", "poster": None})],
    )
    html = client.get(post.url).content.decode()
    assert re.search(r'<div class="video-consent" hidden>.*href="/datenschutz/">Datenschutzerklärung</a>', html, re.S)


def test_anonymous_visitors_get_no_cookies(client, linked):
    for path in (
        "/aktuelles/",
        "/aktuelles/?kategorie=pressemitteilung",
        "/aktuelles/2023/",
        linked["posts"]["topic"].url,
        "/aktuelles/feed/rss/",
        "/aktuelles/?page=x",
    ):
        response = client.get(path)
        assert not response.cookies, path
        assert "csrfmiddlewaretoken" not in response.content.decode()


def test_demo_news(client, demo_site):
    index = NewsIndexPage.objects.get()
    assert index.url == "/aktuelles/" and index.show_in_menus
    posts = NewsPage.objects.child_of(index).live()
    assert posts.count() >= 22
    dates = {post.slug: post.date for post in posts}
    assert dates["espanet-tagung-warschau-2023"] == D(2023, 9, 15)
    assert dates["kommunen-unterstuetzen-teilhabechancen"] == D(2023, 9, 13)
    assert dates["thueringer-praeventionsketten-bilanz"] == D(2023, 9, 8)
    assert dates["rueckblick-ak-sozialplanung-maerz-2020"] == D(2020, 3, 9)
    assert dates["rueckblick-werkstattgespraech-liga-2019"] == D(2019, 12, 13)
    # "11/2019", "10/2019", "06/2019": the month only.
    precision = {post.slug: post.date_precision for post in posts}
    months = {"ikpe-unterwegs-november-2019": D(2019, 11, 1), "ikpe-unterwegs-september-2019": D(2019, 10, 1)}
    for slug, day in months.items():
        assert (dates[slug], precision[slug]) == (day, "month")
    assert precision["studie-sozialraeumliche-verteilung-zuwanderung"] == "month"
    # The seeds do not date these posts: no date at all, rather than the day the demo was loaded.
    for slug in ("ikpe-ist-an-institut", "handbuch-socialnet-rezension", "thilik-treffen-interkulturelle-oeffnung"):
        post = posts.get(slug=slug)
        assert (post.date, post.date_precision, post.display_date) == (None, "none", None), slug
    assert set(NewsCategory.objects.values_list("name", flat=True)) >= {
        "Pressemitteilung",
        "IKPE unterwegs",
        "Ankündigung",
        "Publikation",
        "Rückblick",
        "Stellenausschreibung",
    }
    press = posts.get(slug="kommunen-unterstuetzen-teilhabechancen")
    assert press.funding_note.startswith("Gefördert durch den Freistaat Thüringen")
    assert {person.slug for person in press.contacts.all()} >= {"stefan-huber"}
    assert [project.slug for project in press.projects.all()] == ["sozialstrategie"]
    html = client.get(press.url).content.decode()
    assert "Volltext der Pressemitteilung (Platzhalter)" in html and "(PDF," in html
    assert "Ihr Ansprechpartner" in html and "Huber" in html
    assert press.listing_image.credit == "" and press.listing_image.title.startswith("Platzhalterbild")
    # The seeds give no addresses for the two films: no invented video links, a visible placeholder instead.
    film = posts.get(slug="filmbeitraege-integrierte-sozialplanung")
    assert [block.block_type for block in film.body].count("video") == 0
    assert "Platzhalter" in str(film.body)
    # Only posts whose seeds name a photo carry a (placeholder) image; no category tile stands in for the rest.
    with_image = posts.filter(listing_image__isnull=False).select_related("listing_image")
    assert {post.slug for post in with_image} == {
        "kommunen-unterstuetzen-teilhabechancen",
        "bildungskonferenz-erfurt-2020",
        "rueckblick-werkstattgespraech-liga-2019",
    }
    assert {post.listing_image.credit for post in with_image} == {""}
    assert card_titles(client.get("/aktuelles/2023/").content.decode()) == [
        "Sozialplanung im internationalen Kontext – 21. ESPAnet-Tagung in Warschau",
        "Kommunen unterstützen auf dem Weg zu mehr Teilhabechancen",
        "Programm „Thüringer Präventionsketten“ zieht positive Bilanz nach einem Jahr",
    ]


def test_demo_news_is_idempotent(demo_site):
    before = (NewsPage.objects.count(), NewsCategory.objects.count(), Page.objects.count())
    call_command("load_demo_content", force=True, stdout=io.StringIO())
    assert (NewsPage.objects.count(), NewsCategory.objects.count(), Page.objects.count()) == before
