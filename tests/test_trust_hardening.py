"""Hostile input that used to get through or end in a 500: decompression bombs and broken images, files that
only pretend to be PDFs, formulas in CSV exports, megabyte messages, replayed forms, spoofed addresses."""

import csv
import io
import struct
import time
import zlib
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.models import Collection

from feedback.models import FeedbackFormPage
from ikpe_site.core.demo_loader import text_pdf
from ikpe_site.core.models import CustomImage
from ikpe_site.core.roles import COMMUNICATIONS
from ikpe_site.core.security.spam import issue_token

ROOT = Path(__file__).resolve().parents[1]
URL = "/barrierefreiheit/rueckmeldung/"
MESSAGE = "Die Tabelle auf der Projektseite lässt sich nicht mit der Tastatur bedienen."


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb(width=30_000, height=30_000):
    """A PNG of a few dozen bytes whose header claims width × height pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + png_chunk(b"IEND", b"")
    )


def png(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#336699").save(buffer, "PNG")
    return buffer.getvalue()


def image_fields(name, content):
    return {
        "title": "Testbild",
        "description": "Ein Testbild",
        "credit": "Foto: IKPE",
        "collection": Collection.get_first_root_node().pk,
        "file": SimpleUploadedFile(name, content),
    }


BROKEN = {
    "bomb": (bomb(), "weit mehr Pixel als die erlaubten 40000000"),
    "truncated": (png((400, 300))[:300], "beschädigt oder unvollständig"),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_bombs_and_broken_images_get_a_german_form_error(admin_client, db, kind):
    content, german = BROKEN[kind]
    response = admin_client.post("/admin/images/add/", image_fields("bild.png", content))
    assert response.status_code == 200
    assert german in " ".join(response.context["form"].errors["file"])
    assert not CustomImage.objects.filter(title="Testbild").exists()


@pytest.mark.parametrize("kind", BROKEN)
def test_bombs_and_broken_images_in_the_multiple_upload(admin_client, db, kind):
    content, german = BROKEN[kind]
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("bild.png", content), "collection": Collection.get_first_root_node().pk},
    )
    assert response.status_code == 200
    result = response.json()
    assert result["success"] is False and german in result["error_message"]
    assert not CustomImage.objects.filter(title="Testbild").exists()


def test_a_real_image_still_passes(admin_client, db):
    assert admin_client.post("/admin/images/add/", image_fields("bild.png", png())).status_code == 302
    assert CustomImage.objects.filter(title="Testbild").count() == 1


FAKE_PDFS = {
    "html with a marker": b"<!DOCTYPE html><html><!-- %PDF- --><script>alert(1)</script></html>",
    "header only": b"%PDF-1.7\n" + b"x" * 2000,
    "header and trailer, no structure": b"%PDF-1.7\nkein Inhalt\n%%EOF\n",
    "truncated pdf": text_pdf("Jahresbericht", ["Eine Zeile"])[:-200],
}


@pytest.mark.parametrize("name", FAKE_PDFS)
def test_only_real_pdfs_pass(admin_client, db, name):
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Testdokument",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("bericht.pdf", FAKE_PDFS[name]),
        },
    )
    assert response.status_code == 200
    assert "passt nicht zur Endung „.pdf“" in " ".join(response.context["form"].errors["file"])
    assert not get_document_model().objects.filter(title="Testdokument").exists()


def test_a_real_pdf_passes(admin_client, db):
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Testdokument",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("bericht.pdf", text_pdf("Jahresbericht", ["Eine Zeile"])),
        },
    )
    assert response.status_code == 302


def feedback(client, address="192.0.2.1", **extra):
    values = {
        "ihr_name": "Erika Muster",
        "ihre_e_mail_adresse": "erika@example.org",
        "auf_welcher_seite": "Projekte",
        "was_hat_nicht_funktioniert": MESSAGE,
        "company_website": "",
        "form_started": issue_token(time.time() - 10),
        **extra,
    }
    return client.post(URL, values, HTTP_ORIGIN="http://testserver", REMOTE_ADDR=address)


def test_csv_export_neutralises_formulas(client, demo_site, django_user_model):
    payloads = ["=cmd|' /C calc'!A0", "+49 361 123", "-2+3", "@SUM(A1:A9)"]
    for number, payload in enumerate(payloads):  # from several addresses: one may send five per hour
        assert feedback(client, f"192.0.2.{number}", was_hat_nicht_funktioniert=payload).status_code == 200
    page = FeedbackFormPage.objects.get(slug="rueckmeldung")
    for payload in ["\tTab", "\rWagenrücklauf"]:  # the form strips these; an import or older data may not
        FormSubmission.objects.create(page=page, form_data={"was_hat_nicht_funktioniert": payload})
        payloads.append(payload)
    user = django_user_model.objects.create_user("team", password="x" * 12, is_staff=True)
    user.groups.add(Group.objects.get(name=COMMUNICATIONS))
    client.force_login(user)
    export = client.get(f"/admin/forms/submissions/{page.pk}/?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"), newline="")))
    column = rows[0].index("Was hat nicht funktioniert?")
    assert sorted(row[column] for row in rows[1:]) == sorted("'" + payload for payload in payloads)
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows[1:] for cell in row)


def test_a_two_megabyte_message_is_refused_in_german(client, demo_site):
    response = feedback(client, was_hat_nicht_funktioniert="a" * 2_000_000)
    assert response.status_code == 200
    assert "höchstens 5000 Zeichen" in response.content.decode()
    assert not FormSubmission.objects.exists()


def test_every_field_of_the_form_has_a_length_limit(demo_site):
    form = FeedbackFormPage.objects.get(slug="rueckmeldung").get_form()
    for name, field in form.fields.items():
        assert getattr(field, "max_length", None), name


def test_a_start_time_token_works_once(client, demo_site):
    token = issue_token(time.time() - 10)
    assert "Vielen Dank!" in feedback(client, form_started=token).content.decode()
    replay = feedback(client, form_started=token)
    assert "Dieses Formular wurde bereits gesendet." in replay.content.decode()
    assert FormSubmission.objects.count() == 1


def login(client, password, address, forwarded_for=None):
    headers = {"REMOTE_ADDR": address}
    if forwarded_for:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post("/admin/login/", {"username": "redakteurin", "password": password}, **headers)


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("redakteurin", password="richtig-geheim-2024", is_superuser=True)


def test_spoofed_forwarded_for_is_ignored_without_a_proxy(client, editor, settings):
    """No proxy configured: an attacker who claims the editor's address locks out only themselves."""
    settings.AXES_IPWARE_PROXY_COUNT = None
    for _ in range(5):
        login(client, "falsch", "198.51.100.66", forwarded_for="203.0.113.7")
    assert login(client, "richtig-geheim-2024", "198.51.100.66").status_code == 429
    assert login(client, "richtig-geheim-2024", "203.0.113.7").status_code == 302
    assert AccessAttempt.objects.get().ip_address == "198.51.100.66"


def proxy_count_of_the_deployment():
    for line in (ROOT / "deploy" / "ikpe.env.example").read_text().splitlines():
        if line.startswith("PROXY_COUNT="):
            return int(line.split("=", 1)[1])
    return None


def test_behind_the_deployed_proxies_one_attacker_cannot_lock_everyone_out(client, editor, settings):
    """nginx and Varnish in front (deploy/): every request reaches gunicorn from 127.0.0.1. The example
    environment sets PROXY_COUNT, so the lockout hits the attacker's address, not everyone's."""
    settings.AXES_IPWARE_PROXY_COUNT = proxy_count_of_the_deployment()
    # nginx appends the visitor's address to whatever the client sent; Varnish appends nginx's.
    for _ in range(5):
        login(client, "falsch", "127.0.0.1", forwarded_for="203.0.113.7, 198.51.100.66, 127.0.0.1")
    assert login(client, "richtig-geheim-2024", "127.0.0.1", forwarded_for="203.0.113.7, 127.0.0.1").status_code == 302
