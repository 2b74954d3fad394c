"""The demo content is the institute's facts from the seeds, nothing invented, and every demo page can be edited,
compared and restored in the admin."""

import datetime
import io
import re
import zlib

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils.dates import MONTHS
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

from events.models import EventIndexPage, EventPage
from ikpe_site.core.demo_loader import DATA_DIR, PLACEHOLDER_SENTENCE
from ikpe_site.core.models import CustomImage, StandardPage
from tests.factories import EventPageFactory

SEEDS = "\n".join(path.read_text(encoding="utf-8") for path in sorted((DATA_DIR / "seeds").glob("*.txt")))
# The seeds write e-mail addresses as "name(at)host" and "name [ät] host".
SEED_TEXT = SEEDS.replace("(at)", "@").replace(" [ät] ", "@")
# Days the seeds give as a range: "Vom 23. bis zum 27. September" (post 10/2019), "vom 6. bis zum 7. November"
# (post 11/2019). The end days occur literally.
DAY_RANGES = {
    datetime.date(2019, 9, 23): "Vom 23. bis zum 27. September",
    datetime.date(2019, 11, 6): "vom 6. bis zum 7. November",
}

DATE_IN_TEXT = re.compile(r"\b\d{1,2}\.\d{1,2}\.(?:\d{4})?")
TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*Uhr\b|\b\d{1,2}:\d{2}\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"https?://[^\s\"'<>]+")
PHONE = re.compile(r"\b0\d{2,4}(?:[ /-]+\d+)+")


def demo_data():
    return {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(DATA_DIR.glob("*.yaml"))}


def walk(value):
    """Every (key, value) pair of the data, with the mapping the pair belongs to."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item, value
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


def date_forms(day, precision):
    forms = {day.strftime("%d.%m.%Y"), f"{day.day}. {MONTHS[day.month]} {day.year}"}
    if precision == "day":
        forms |= {day.strftime("%d.%m."), f"{day.day}. {MONTHS[day.month]}"}
    if precision in ("day", "month"):
        forms |= {day.strftime("%m/%Y"), f"{MONTHS[day.month]} {day.year}"}
    if precision == "year":
        forms.add(str(day.year))
    return forms


def precision_of(key, day, mapping):
    if "date_precision" in mapping:
        return mapping["date_precision"]
    if (day.month, day.day) in ((1, 1), (12, 31)) and key in ("start_date", "end_date"):
        return "year"  # "Laufzeit: 2015 – 2020", "bis Ende 2025"
    if day.day == 1 and key != "start":
        return "month"  # "Stand April 2019", "Seit dem Start im September 2022"
    return "day"


def untraceable(files):
    found = []
    for name, data in files.items():
        for key, value, mapping in walk(data):
            if isinstance(value, datetime.date):
                day = value.date() if isinstance(value, datetime.datetime) else value
                if isinstance(value, datetime.datetime) and (value.hour, value.minute) != (0, 0):
                    found.append((name, key, f"clock time {value:%H:%M}"))
                if day in DAY_RANGES and DAY_RANGES[day] in SEEDS:
                    continue
                if not any(form in SEEDS for form in date_forms(day, precision_of(key, day, mapping))):
                    found.append((name, key, str(day)))
            elif isinstance(value, str):
                for match in DATE_IN_TEXT.findall(value) + TIME.findall(value):
                    if match not in SEEDS:
                        found.append((name, key, match))
                for email in EMAIL.findall(value):
                    if email not in SEED_TEXT:
                        found.append((name, key, email))
                for url in URL.findall(value):
                    if url.split("://", 1)[1].rstrip("/") not in SEEDS:
                        found.append((name, key, url))
                for phone in PHONE.findall(value):
                    digits = re.sub(r"\D", "", phone)
                    if digits not in {re.sub(r"\D", "", seed) for seed in PHONE.findall(SEEDS)}:
                        found.append((name, key, phone))
    return found


def test_every_date_time_phone_email_and_url_of_the_demo_occurs_in_the_seeds():
    assert untraceable(demo_data()) == []


def test_the_demo_site_settings_hold_only_facts_of_the_seeds(demo_site):
    """The institute's facts in SiteSettings (model defaults included) are traced like the demo files: the
    university's web address is not in the seeds, so the demo leaves it empty."""
    from django.forms.models import model_to_dict

    from ikpe_site.core.models import SiteSettings

    values = model_to_dict(SiteSettings.for_site(demo_site))
    assert untraceable({"SiteSettings": values}) == []
    assert values["university_url"] == ""


def test_the_traceability_check_catches_an_invented_fact():
    invented = {
        "x.yaml": {
            "pages": [
                {
                    "date": datetime.date(2023, 8, 1),
                    "date_precision": "day",
                    "phone": "0361 30257-699",
                    "body": [{"paragraph": "<p>um 18:00 Uhr</p>"}],
                    "url": "https://www.ikpe-erfurt.de/sozialplanungsplattform/",
                }
            ]
        }
    }
    problems = {value for _, _, value in untraceable(invented)}
    assert problems == {
        "2023-08-01",
        "0361 30257-699",
        "18:00 Uhr",
        "https://www.ikpe-erfurt.de/sozialplanungsplattform/",
    }


def test_the_seed_texts_live_in_the_repository():
    assert "Ihr Ansprechpartner:" in SEEDS and "Zuständigkeiten:" in SEEDS


@pytest.fixture
def admin_client(client, demo_site):
    user = get_user_model().objects.create_superuser("chefin", "chefin@example.org", "x-sehr-geheim-1")
    client.force_login(user)
    return client


def demo_pages():
    return list(Page.objects.filter(depth__gt=1).order_by("path"))


@pytest.mark.django_db
def test_every_demo_page_opens_in_the_editor(admin_client):
    failures = []
    for page in demo_pages():
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        if response.status_code != 200:
            failures.append((page.url_path, response.status_code))
    assert failures == []


@pytest.mark.django_db
def test_every_demo_page_has_a_history_to_compare_and_restore(admin_client):
    pages = demo_pages()
    assert all(Revision.page_revisions.filter(object_id=str(page.pk)).count() >= 2 for page in pages)
    seen_types = set()
    for page in pages:
        if page.content_type_id in seen_types:
            continue
        seen_types.add(page.content_type_id)
        first, last = Revision.page_revisions.filter(object_id=str(page.pk)).order_by("created_at", "pk")[:2]
        assert admin_client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).status_code == 200
        compare = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, last.pk])
        assert admin_client.get(compare).status_code == 200, page.url_path
        revert = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk])
        assert admin_client.get(revert).status_code == 200, page.url_path
    assert len(seen_types) >= 10


@pytest.mark.django_db
def test_loading_twice_changes_nothing(demo_site):
    counts = (
        Page.objects.count(),
        Revision.objects.count(),
        CustomImage.objects.count(),
        get_document_model().objects.count(),
    )
    call_command("load_demo_content", force=True, stdout=io.StringIO())
    assert (
        Page.objects.count(),
        Revision.objects.count(),
        CustomImage.objects.count(),
        get_document_model().objects.count(),
    ) == counts


def pdf_lines(data):
    stream = re.search(rb"stream\n(.*?)\nendstream", data, re.S).group(1)
    text = zlib.decompress(stream).decode("cp1252")
    return [re.sub(r"\\(.)", r"\1", line) for line in re.findall(r"\(((?:\\.|[^\\)])*)\) Tj", text)]


@pytest.mark.django_db
def test_placeholders_say_so_and_carry_no_credit(demo_site, client):
    images = list(CustomImage.objects.all())
    assert images and all(image.title.startswith("Platzhalterbild") and image.credit == "" for image in images)
    documents = list(get_document_model().objects.all())
    assert len(documents) >= 8
    for document in documents:
        with document.file.open("rb") as handle:
            assert pdf_lines(handle.read()) == [document.title, PLACEHOLDER_SENTENCE]
        assert document.title.endswith("(Platzhalter)")
    page = client.get("/verein/").content.decode()
    assert "Satzung IKPE 2014 (Platzhalter)" in page
    post = client.get("/aktuelles/kommunen-unterstuetzen-teilhabechancen/").content.decode()
    assert "Platzhalterbild" in post and "Foto: @IKPE/Archiv" not in post and "(Bild Mitte)" not in post


@pytest.mark.django_db
def test_contact_directory_lists_every_programme_team(demo_site, client):
    page = client.get("/kontakt/").content.decode()
    for text in [
        "Thüringer Präventionsketten",
        "Heike Schaarschmidt",
        "Prozessbegleitung der Thüringer Sozialstrategierichtlinie",
        "Dr. Stefan Huber",
        "Josefine Strüning",
        "Dr. Gernot Herzer",
        "Dr. Theresa Hilse-Carstensen",
        "Dr. Rainer Vock",
    ]:
        assert text in page, text


@pytest.mark.django_db
def test_no_invented_events_times_or_links(demo_site, client):
    events = EventPage.objects.all()
    assert events.count() == 9
    assert all(event.all_day for event in events)
    assert not events.filter(title__icontains="Demo-Termin").exists()
    assert not events.filter(start__year__gte=2024).exists()
    home = client.get("/").content.decode()
    assert "Zurzeit sind keine Termine angekündigt." in home
    assert "sozialplanungsplattform/" not in home and "Beispieldaten" not in home


@pytest.mark.django_db
def test_rich_text_has_no_line_breaks_the_editor_cannot_round_trip(demo_site):
    for name, data in demo_data().items():
        for key, value, _ in walk(data):
            assert not (isinstance(value, str) and "<br" in value), (name, key)


@pytest.mark.django_db
def test_district_pages_say_plainly_that_no_events_are_announced(demo_site, client):
    for path in ("/mein-landkreis/jena/", "/mein-landkreis/gotha/"):
        html = client.get(path).content.decode()
        assert "Zurzeit sind keine Termine angekündigt." in html, path


@pytest.mark.django_db
def test_an_announced_event_replaces_the_notice(demo_site, client):
    EventPageFactory(parent=EventIndexPage.objects.get(), title="Fachtag aus der Testfabrik")
    home = client.get("/").content.decode()
    assert "Fachtag aus der Testfabrik" in home and "Zurzeit sind keine Termine angekündigt." not in home


def test_posts_the_seeds_do_not_date_show_no_date(demo_site, client):
    from news.models import NewsPage

    undated = NewsPage.objects.live().filter(date_precision="none")
    assert undated.count() == 12
    for post in undated:
        assert post.date is None and post.display_date is None
        html = client.get(post.url).content.decode()
        assert 'class="news-date"' not in html, post.url
        assert "article:published_time" not in html, post.url  # no date for search engines and link previews
    assert (
        "article:published_time" in client.get(NewsPage.objects.live().exclude(date=None).first().url).content.decode()
    )  # a dated post keeps it
    listing = client.get("/aktuelles/").content.decode()
    dated = NewsPage.objects.live().exclude(date=None).order_by("-date").first()
    assert listing.index(dated.title) < min(listing.index(post.title) for post in undated if post.title in listing)


def test_the_home_page_quotes_the_seeds(demo_site):
    """The first thing visitors read (the hero's introduction and facts) is the seeds' own words, not a paraphrase."""
    from django.utils.html import strip_tags

    from ikpe_site.core.models import HomePage

    home = HomePage.objects.get()
    flat = " ".join(SEEDS.split())
    for sentence in re.split(r"(?<=\.)\s+", " ".join(strip_tags(home.intro).split())):
        assert sentence in flat, sentence
    for fact in home.facts:
        assert fact.value["value"] in flat  # the dates; the labels name what the same seed sentence says


def _counts():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        CustomImage.objects.count(),
        StandardPage.objects.filter(slug="verein").count(),
    )


def test_demo_content_is_idempotent(demo_site):
    before = _counts()
    call_command("load_demo_content", force=True, stdout=io.StringIO())
    assert _counts() == before
    assert before[3] == 1


def test_demo_content_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(Exception, match="development only"):
        call_command("load_demo_content", stdout=io.StringIO())
