"""Load the demo content from the YAML files in `demo_data/` (one generic loader, no content in code).

Each file may hold:

- `objects`: snippets and other records, `{model, key: {…}, fields: {…}}`. Found by `key` or created; fields
  that are still empty are filled. A new snippet with revisions gets its first (published) revision.
- `pages`: `{type, parent, slug, title, …}`. A page that exists (same slug under the same parent) is left as it
  is, so a second run changes nothing. A new page is saved as a draft first (scalar fields only), then its body
  and relations are added and published: the history has two revisions to compare and restore from day one.
- `updates`: `{page, fields: {…}, append: {field: [blocks]}}`: fields that are still empty are set and blocks of
  a type the field does not contain yet are appended, as a new published revision.
- `site_settings` and `menu`: the links of the site settings and the order of the main menu.

How values are written: a page is its path below the home page ("/team/stefan-huber/", "/" for the home page);
an image is `{placeholder: title, text: label}`; a document `{placeholder_pdf: title}`; any other record its
slug (or name). Stream fields are lists of `{block_type: value}`.
"""

import datetime
import io
import json
import zlib
from pathlib import Path

import yaml
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.tags import ClusterTaggableManager
from PIL import Image, ImageDraw, ImageFont
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import AbstractImage
from wagtail.models import DraftStateMixin, Page, RevisionMixin, Site

from .site_url import base_host_port

DATA_DIR = Path(__file__).parent / "demo_data"
PLACEHOLDER_LABEL = "Platzhalterbild"
PLACEHOLDER_SENTENCE = "Platzhalter – das Original wird vor dem Start eingestellt"
# The site's own typeface: Pillow's built-in font has no umlauts ("Rückblick" came out as "R□ckblick").
PLACEHOLDER_FONT = Path(__file__).resolve().parents[2] / "static" / "fonts" / "source-sans-3-400-de.woff2"
PALETTE = ["#0b4f6c", "#1d6b5f", "#7a3e65", "#8a5a12", "#3d4f8a", "#5b6b2f"]


def load_all(data_dir=DATA_DIR):
    for path in sorted(data_dir.glob("*.yaml")):
        load_file(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


def load_file(data):
    for spec in data.get("objects", []):
        load_object(spec)
    for spec in data.get("pages", []):
        load_page(dict(spec))
    for spec in data.get("updates", []):
        update_page(spec)
    if "site_settings" in data:
        load_site_settings(data["site_settings"])
    if "menu" in data:
        order_menu(data["menu"])


# Records and pages


def load_object(spec):
    model = apps.get_model(spec["model"])
    obj, created = model.objects.get_or_create(**spec["key"], defaults=resolve_fields(model, spec.get("fields", {})))
    changed = [
        name
        for name, value in resolve_fields(model, spec.get("fields", {})).items()
        if not created and getattr(obj, name) in ("", None)
    ]
    for name in changed:
        setattr(obj, name, resolve_fields(model, {name: spec["fields"][name]})[name])
    if changed:
        obj.save(update_fields=changed)
    if created and isinstance(obj, RevisionMixin):  # history, preview and compare work for snippets too
        revision = obj.save_revision(log_action=True)
        if isinstance(obj, DraftStateMixin):
            revision.publish()
    return obj


def load_page(spec):
    model = apps.get_model(spec.pop("type"))
    parent_path = spec.pop("parent")
    parent = Page.get_first_root_node() if parent_path is None else page_at(parent_path)
    slug = spec["slug"]
    if parent.get_children().filter(slug=slug).exists():
        return
    if parent_path is None:  # the home page replaces Wagtail's "Welcome" page
        Page.objects.filter(depth=2, content_type__model="page").delete()
        parent.refresh_from_db()
    later = {name: spec.pop(name) for name in list(spec) if is_deferred(model, name)}
    page = model(live=False, **resolve_fields(model, spec))
    parent.add_child(instance=page)
    page.save_revision(log_action=True)  # revision 1: the draft with its scalar fields
    set_fields(page, later)
    page.save_revision(log_action=True).publish()  # revision 2: body and relations, published
    if parent_path is None:
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        (site.hostname, site.port), site.site_name, site.root_page = base_host_port(), "IKPE", page
        site.save()


def update_page(spec):
    page = page_at(spec["page"])
    changed = False
    for name, value in spec.get("fields", {}).items():
        if is_empty(page, name):
            set_fields(page, {name: value})
            changed = True
    for name, items in spec.get("append", {}).items():
        changed = append(page, name, items) or changed
    if changed:
        page.save_revision(log_action=True).publish()


def append(page, name, items):
    """Add the stream blocks of a type the field does not hold yet, or the child records it does not hold yet."""
    field = model_field(page, name)
    if isinstance(field, StreamField):
        present = {block.block_type for block in getattr(page, name)}
        missing = [item for item in items if next(iter(item)) not in present]
        stream = getattr(page, name)
        for block_type, value in resolve_stream(field.stream_block, missing):
            stream.append((block_type, stream.stream_block.child_blocks[block_type].to_python(value)))
        return bool(missing)
    child, manager = field.related_model, getattr(page, name)
    existing = list(manager.all())
    missing = [resolve_fields(child, item) for item in items]
    missing = [
        item
        for item in missing
        if not any(all(same(getattr(obj, key), value) for key, value in item.items()) for obj in existing)
    ]
    if missing:
        setattr(
            page,
            name,
            existing + [child(sort_order=len(existing) + number, **item) for number, item in enumerate(missing)],
        )
    return bool(missing)


def same(current, value):
    if isinstance(value, models.Model):  # a page is compared by id: the stored one is not the specific page
        return current is not None and current.pk == value.pk
    return current == value


def load_site_settings(values):
    from .models import SiteSettings

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    changed = [name for name in values if getattr(settings, f"{name}_id") is None]
    for name in changed:
        setattr(settings, name, page_at(values[name]))
    if changed:
        settings.save()


def order_menu(slugs):
    """Put the home page's children into the order of the main menu."""
    home = page_at("/")
    children = list(home.get_children().order_by("path"))
    ranked = sorted(
        children, key=lambda page: (slugs.index(page.slug) if page.slug in slugs else len(slugs), page.path)
    )
    if [page.pk for page in ranked] != [page.pk for page in children]:
        for page in ranked:
            page.refresh_from_db()
            page.move(home, pos="last-child")


# Field values


def page_at(path):
    home = Site.objects.get(is_default_site=True).root_page
    if path == "/":
        return home.specific
    return Page.objects.get(url_path=home.url_path + path.strip("/") + "/").specific


def model_field(obj, name):
    return type(obj)._meta.get_field(name)


def is_deferred(model, name):
    """Stream fields, many-to-many relations, child objects and tags: set in the second revision."""
    field = model._meta.get_field(name)
    return isinstance(field, (StreamField, ParentalManyToManyField, ClusterTaggableManager)) or (
        field.one_to_many and isinstance(field.remote_field, ParentalKey)
    )


def is_empty(page, name):
    field = model_field(page, name)
    if isinstance(field, ParentalManyToManyField):
        return not getattr(page, name).exists()
    if isinstance(field, models.ForeignKey):
        return getattr(page, f"{name}_id") is None
    return not getattr(page, name)


def set_fields(obj, values):
    for name, value in values.items():
        field = model_field(obj, name)
        if isinstance(field, ClusterTaggableManager):
            getattr(obj, name).add(*value)
        elif field.one_to_many:  # child objects (an InlinePanel): a list of records
            child = field.related_model
            setattr(
                obj,
                name,
                [child(sort_order=number, **resolve_fields(child, item)) for number, item in enumerate(value)],
            )
        else:
            setattr(obj, name, resolve_fields(type(obj), {name: value})[name])


def resolve_fields(model, values):
    return {name: resolve(model._meta.get_field(name), value) for name, value in values.items()}


def resolve(field, value):
    if isinstance(field, StreamField):
        return [
            {"type": block_type, "value": block_value}
            for block_type, block_value in resolve_stream(field.stream_block, value)
        ]
    if isinstance(field, (models.ForeignKey, models.ManyToManyField)):
        if field.many_to_many:
            return [reference(field.related_model, item) for item in value]
        return None if value is None else reference(field.related_model, value)
    if isinstance(field, models.DateTimeField) and isinstance(value, datetime.date):
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime.combine(value, datetime.time())
        return timezone.make_aware(value) if timezone.is_naive(value) else value
    return value


def reference(model, value):
    if issubclass(model, Page):
        return page_at(value)
    if issubclass(model, AbstractImage):
        return placeholder_image(**value)
    if issubclass(model, get_document_model()):
        return placeholder_document(value["placeholder_pdf"])
    key = "slug" if any(field.name == "slug" for field in model._meta.fields) else "name"
    return model.objects.get(**{key: value})


def resolve_stream(stream_block, items):
    """[{type: value}] → [(type, raw value)] with pages, images and documents as their ids."""
    return [
        (block_type, raw(stream_block.child_blocks[block_type], value))
        for item in items
        for block_type, value in item.items()
    ]


def raw(block, value):
    if value is None:
        return None
    if isinstance(block, blocks.PageChooserBlock):
        return page_at(value).pk
    if isinstance(block, ImageChooserBlock):
        return placeholder_image(**value).pk
    if isinstance(block, DocumentChooserBlock):
        return placeholder_document(value["placeholder_pdf"]).pk
    if isinstance(block, blocks.StructBlock):
        return {name: raw(block.child_blocks[name], item) for name, item in value.items()}
    if isinstance(block, blocks.ListBlock):
        return [raw(block.child_block, item) for item in value]
    return value


# Placeholders: visibly marked, no credit, no caption of a photo that is not there


def placeholder_image(placeholder, text=None, size=(1200, 675)):
    """A locally drawn image labelled "Platzhalterbild", created once per title."""
    from .models import CustomImage

    title = f"{PLACEHOLDER_LABEL}: {placeholder}"
    existing = CustomImage.objects.filter(title=title).first()
    if existing:
        return existing
    size = tuple(size)
    color = PALETTE[sum(map(ord, title)) % len(PALETTE)]
    img = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(img)
    for x in range(0, size[0], 60):  # a quiet diagonal pattern
        draw.line([(x, size[1]), (x + size[1] // 2, 0)], fill=_shade(color), width=18)
    label = text or placeholder
    font = ImageFont.truetype(PLACEHOLDER_FONT, max(24, min(size) // (3 if len(label) <= 3 else 9)))
    box = draw.textbbox((0, 0), label, font=font)
    draw.text(
        ((size[0] - (box[2] - box[0])) / 2, (size[1] - (box[3] - box[1])) / 2 - box[1]),
        label,
        font=font,
        fill="#ffffff",
    )
    small = ImageFont.truetype(PLACEHOLDER_FONT, max(16, min(size) // 20))
    draw.text((24, size[1] - 24 - small.size), PLACEHOLDER_LABEL, font=small, fill="#ffffff")
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=82)
    slug = "".join(ch if ch.isalnum() else "-" for ch in placeholder.lower())[:60]
    image = CustomImage(
        title=title,
        description=title,
        credit="",
        file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"platzhalter-{slug}.jpg"),
    )
    image.save()
    return image


def _shade(hex_color):
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return (min(r + 18, 255), min(g + 18, 255), min(b + 18, 255))


def placeholder_document(title):
    """A one-page PDF holding only its title and the placeholder sentence, created once per title."""
    title = f"{title} (Platzhalter)"
    return stored_pdf(title, lambda: placeholder_pdf(title))


def stored_pdf(title, make_pdf):
    """The Wagtail document called `title`; created from the bytes `make_pdf()` returns when there is none."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    data = make_pdf()
    document = Document(title=title, file_size=len(data))
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:60]
    document.file.save(f"{slug}.pdf", ContentFile(data), save=False)
    document._set_document_file_metadata()  # what the admin upload form does: size and hash
    document.save()
    return document


def placeholder_pdf(title):
    """A valid one-page PDF with two lines: the title and the placeholder sentence."""
    return text_pdf(title, [PLACEHOLDER_SENTENCE])


def text_pdf(title, lines):
    """Write a one-page PDF 1.4 by hand (Helvetica, the title and `lines`): no dependency for a few lines of text."""

    def text(line):
        return "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"

    content = ["BT", "/F1 16 Tf", "56 790 Td", f"{text(title)} Tj", "/F1 11 Tf", "0 -28 Td"]
    for line in lines:
        content += [f"{text(line)} Tj", "0 -16 Td"]
    content.append("ET")
    stream = zlib.compress("\n".join(content).encode("cp1252", "replace"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n" + stream + b"\nendstream",
        f"<< /Title {text(json.dumps(title, ensure_ascii=True)[1:-1])} /Producer (IKPE) >>".encode("ascii"),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()
