"""Helpers and factories for tests: pages, images and PDFs the tests build themselves (not demo content).

All factories live here, not in `<app>/factories.py` as torchbox.com has them: wagtail-factories is a
test-only dependency (requirements-dev.txt), the style guide puts factories in this file, and one short file
is easier to read than seven. Page factories take `parent=` and publish a revision, as an editor's
"Veröffentlichen" does; build only what a test needs on the bare `home` fixture.
"""

import datetime
import io

import factory
import wagtail_factories
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont
from wagtail.models import Collection
from wagtail.rich_text import RichText

from events.models import EventIndexPage, EventPage
from ikpe_site.core.demo_loader import stored_pdf, text_pdf
from ikpe_site.core.models import CustomImage, StandardPage, TopicIndexPage, TopicPage
from news.models import NewsCategory, NewsIndexPage, NewsPage
from people.models import ContactPage, PeopleIndexPage, PersonPage
from projects.models import DistrictIndexPage, Funder, ProjectIndexPage, ProjectPage
from publications.models import PublicationIndexPage, PublicationPage


def get_or_create_page(parent, model, slug, **fields):
    """Return the child of `parent` with `slug`, creating and publishing it if it does not exist yet."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page, True


def paragraphs(*texts):
    """StreamField data for plain paragraphs; a text starting with "## " becomes a heading."""
    blocks = []
    for text in texts:
        if text.startswith("## "):
            blocks.append(("heading", {"text": text[3:], "level": "h2"}))
        else:
            blocks.append(("paragraph", RichText(text if text.startswith("<") else f"<p>{text}</p>")))
    return blocks


PALETTE = ["#0b4f6c", "#1d6b5f", "#7a3e65", "#8a5a12", "#3d4f8a", "#5b6b2f"]


def placeholder_image(title, alt, credit="Grafik: IKPE", text=None, size=(1200, 675), color=None):
    """A locally drawn image (coloured area with large initials or a word), created once per title."""
    existing = CustomImage.objects.filter(title=title).first()
    if existing:
        return existing
    color = color or PALETTE[sum(map(ord, title)) % len(PALETTE)]
    img = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(img)
    for i in range(0, size[0], 60):  # a quiet diagonal pattern
        draw.line([(i, size[1]), (i + size[1] // 2, 0)], fill=_shade(color), width=18)
    label = text or title
    font = ImageFont.load_default(size=max(24, min(size) // (3 if len(label) <= 3 else 9)))
    box = draw.textbbox((0, 0), label, font=font)
    position = ((size[0] - (box[2] - box[0])) / 2, (size[1] - (box[3] - box[1])) / 2 - box[1])
    draw.text(position, label, font=font, fill="#ffffff")
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=82)
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:60]
    image = CustomImage(
        title=title, description=alt, credit=credit, file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"{slug}.jpg")
    )
    image.save()
    return image


def _shade(hex_color):
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return (min(r + 18, 255), min(g + 18, 255), min(b + 18, 255))


def pdf_document(title, lines):
    """A real, small PDF (text in Helvetica) stored as a Wagtail document, created once per title."""
    return stored_pdf(title, lambda: text_pdf(title, lines))


class EventPageFactory(wagtail_factories.PageFactory):
    """An event the seeds do not give (e.g. a future one): tests build it themselves. Pass `parent=`."""

    class Meta:
        model = EventPage

    title = factory.Sequence(lambda number: f"Testtermin {number}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    end = factory.SelfAttribute("start")
    all_day = True


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page under `parent=` with a published revision (live_revision set, publish signals sent)."""

    class Meta:
        abstract = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        page = super()._create_instance(model_class, parent, kwargs)
        page.save_revision().publish()
        page.refresh_from_db()
        return page


class ImageFactory(wagtail_factories.ImageFactory):
    """A small JPEG drawn by factory_boy, in the root collection, with the alt text our image model requires."""

    class Meta:
        model = CustomImage

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda number: f"Testbild {number}")
    description = factory.LazyAttribute(lambda image: f"Beschreibung: {image.title}")
    file = factory.django.ImageField(width=320, height=180, color="#0b4f6c", format="JPEG")


class StandardPageFactory(PublishedPageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda number: f"Testseite {number}")
    body = factory.LazyFunction(lambda: paragraphs("Ein Absatz, den der Test selbst geschrieben hat."))


class TopicIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = TopicIndexPage

    title = "Themen"
    slug = "themen"


class TopicPageFactory(PublishedPageFactory):
    class Meta:
        model = TopicPage

    title = factory.Sequence(lambda number: f"Testthema {number}")


class NewsIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Aktuelles"
    slug = "aktuelles"


class NewsPageFactory(PublishedPageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda number: f"Testmeldung {number}")
    date = factory.LazyFunction(timezone.localdate)
    body = factory.LazyFunction(lambda: paragraphs("Der Text der Meldung."))


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    """A published news category (a snippet under the approval workflow, so it gets a published revision)."""

    class Meta:
        model = NewsCategory
        django_get_or_create = ("slug",)  # names and slugs are unique; a process that loaded the demo has some
        skip_postgeneration_save = True  # publish() saves

    name = factory.Sequence(lambda number: f"Testkategorie {number}")
    slug = factory.LazyAttribute(lambda category: slugify(category.name))

    @factory.post_generation
    def publish(category, create, extracted, **kwargs):
        if create:
            category.save_revision().publish()


class EventIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = EventIndexPage

    title = "Termine"
    slug = "termine"


class PeopleIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = PeopleIndexPage

    title = "Team"
    slug = "team"


class PersonPageFactory(PublishedPageFactory):
    class Meta:
        model = PersonPage

    academic_title = ""
    first_name = "Erika"
    last_name = factory.Sequence(lambda number: f"Muster{number}")
    # as the admin form fills it in: "Dr. Erika Muster"
    title = factory.LazyAttribute(
        lambda person: " ".join(part for part in (person.academic_title, person.first_name, person.last_name) if part)
    )


class FunderFactory(factory.django.DjangoModelFactory):
    """A published funder (a snippet under the approval workflow)."""

    class Meta:
        model = Funder
        skip_postgeneration_save = True  # publish() saves

    name = factory.Sequence(lambda number: f"Testministerium {number}")

    @factory.post_generation
    def publish(funder, create, extracted, **kwargs):
        if create:
            funder.save_revision().publish()


class DistrictIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = DistrictIndexPage

    title = "Mein Landkreis"
    slug = "mein-landkreis"


class ContactPageFactory(PublishedPageFactory):
    class Meta:
        model = ContactPage

    title = "Kontakt"
    slug = "kontakt"


class ProjectIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = ProjectIndexPage

    title = "Projekte"
    slug = "projekte"


class ProjectPageFactory(PublishedPageFactory):
    class Meta:
        model = ProjectPage

    title = factory.Sequence(lambda number: f"Testprojekt {number}")
    short_name = factory.Sequence(lambda number: f"TP{number}")


class PublicationIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = PublicationIndexPage

    title = "Publikationen"
    slug = "publikationen"


class PublicationPageFactory(PublishedPageFactory):
    class Meta:
        model = PublicationPage

    title = factory.Sequence(lambda number: f"Testpublikation {number}")
    year = 2024
