import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.models import Collection

from ikpe_site.core.demo_loader import text_pdf
from ikpe_site.core.models import CustomImage
from ikpe_site.core.uploads import content_matches

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def png(size=(40, 30), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def archive(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buffer.getvalue()


DOCX = archive({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
XLSX = archive({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
ODT = archive({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office/>"})
ODS = archive({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<office/>"})


def upload_image(client, name, content):
    return client.post(
        "/admin/images/add/",
        {
            "title": "Testbild",
            "description": "Ein Testbild",
            "credit": "Foto: IKPE",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def image_error(response):
    assert response.status_code == 200, "the form must be shown again with an error"
    return " ".join(response.context["form"].errors["file"])


def test_limits_are_configured(settings):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 15 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS


def test_a_real_image_is_accepted(admin_client, db):
    response = upload_image(admin_client, "foto.png", png())
    assert response.status_code == 302
    assert CustomImage.objects.filter(title="Testbild").exists()


def test_png_renamed_to_jpg_is_refused(admin_client, db):
    message = image_error(upload_image(admin_client, "foto.jpg", png()))
    assert "png" in message and "jpeg" in message  # "Keine gültige .jpeg-Bilddatei … (png)"
    assert not CustomImage.objects.filter(title="Testbild").exists()


def test_svg_is_refused(admin_client, db):
    message = image_error(upload_image(admin_client, "grafik.svg", SVG))
    assert "GIF, JPG, JPEG, PNG, WEBP, AVIF" in message
    assert not CustomImage.objects.filter(title="Testbild").exists()


def test_image_with_too_many_pixels_is_refused(admin_client, db):
    # 8000 × 6000 = 48 million pixels; a black 1-bit PNG of that size is only a few kilobytes.
    message = image_error(upload_image(admin_client, "riesig.png", png((8000, 6000), mode="1")))
    assert "48000000" in message and "40000000" in message


def test_image_over_the_size_limit_is_refused(admin_client, db):
    # A small, valid PNG followed by 16 MB of padding: readable as an image, but over the 15 MB limit.
    message = image_error(upload_image(admin_client, "foto.png", png() + bytes(16 * 1024 * 1024)))
    assert "16,0" in message and "15,0" in message and "MB" in message


def upload_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {
            "title": "Testdokument",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def document_error(response):
    assert response.status_code == 200, "the form must be shown again with an error"
    return " ".join(response.context["form"].errors["file"])


def test_document_form_lists_the_allowed_types(admin_client, db):
    for url in ("/admin/documents/add/", "/admin/documents/multiple/add/"):
        html = admin_client.get(url).content.decode()
        assert "Erlaubte Dateitypen: PDF, Word (DOCX), Excel (XLSX)" in html, url


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("satzung.pdf", text_pdf("Satzung", ["Eine Zeile"])),
        ("bericht.docx", DOCX),
        ("tabelle.xlsx", XLSX),
        ("text.odt", ODT),
        ("tabelle.ods", ODS),
        ("daten.csv", "Landkreis;Einwohner\nWeimarer Land;81.000\nSömmerda;68.000\n".encode()),
        ("liesmich.txt", "Grüße aus Erfurt".encode("cp1252")),
        ("paket.zip", archive({"a.txt": "a"})),
    ],
)
def test_real_documents_are_accepted(admin_client, db, name, content):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert get_document_model().objects.get(title="Testdokument").file.name.endswith(name.rsplit(".", 1)[1])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bericht.pdf", HTML),  # a web page disguised as a PDF
        ("bericht.docx", XLSX),  # a spreadsheet named like a Word file
        ("bericht.docx", b"PK\x03\x04 not really a zip archive"),
        ("text.odt", ODS),
        ("daten.csv", png()),  # binary
        ("liesmich.txt", HTML),
        ("paket.zip", text_pdf("x", [])),
    ],
)
def test_documents_whose_content_does_not_match_are_refused(admin_client, db, name, content):
    message = document_error(upload_document(admin_client, name, content))
    extension = name.rsplit(".", 1)[1]
    assert f"Der Inhalt dieser Datei passt nicht zur Endung „.{extension}“" in message
    assert "Erlaubte Dateitypen: PDF" in message
    assert not get_document_model().objects.filter(title="Testdokument").exists()


def test_disallowed_document_type_is_refused(admin_client, db):
    message = document_error(upload_document(admin_client, "seite.html", HTML))
    assert "„.html“ können nicht hochgeladen werden" in message


def test_multiple_upload_refuses_a_mismatch_too(admin_client, db):
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {
            "files[]": SimpleUploadedFile("bericht.pdf", HTML),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    data = json.loads(response.content)
    assert data["success"] is False
    assert "passt nicht zur Endung" in data["error_message"]
    assert not get_document_model().objects.filter(file__endswith=".pdf", title="bericht").exists()


def test_every_allowed_extension_has_a_content_check(settings):
    for extension in settings.WAGTAILDOCS_EXTENSIONS:
        # An unknown extension is refused (False) – so every allowed one must accept its own kind of file.
        samples = {
            "pdf": text_pdf("x", []),
            "docx": DOCX,
            "xlsx": XLSX,
            "odt": ODT,
            "ods": ODS,
            "csv": b"a;b",
            "txt": b"Hallo",
            "zip": archive({"a": "b"}),
        }
        pptx = archive({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"})
        assert content_matches(extension, io.BytesIO({**samples, "pptx": pptx}[extension])), extension
