import csv
import io
import logging
import smtplib
import time

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission

from feedback.models import FeedbackFormField, FeedbackFormPage
from ikpe_site.core.models import HomePage, StandardPage
from ikpe_site.core.roles import ADMINISTRATORS, COMMUNICATIONS, EDITORS
from ikpe_site.core.security.spam import issue_token
from tests.utils import count_queries

URL = "/barrierefreiheit/rueckmeldung/"
RECIPIENT = "kommunikation@example.org"  # the demo sets none (the seeds name no address): tests set their own
MESSAGE = "Die Tabelle auf der Projektseite lässt sich nicht mit der Tastatur bedienen."


class FailingEmailBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Mailserver nicht erreichbar")


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def visitor():
    """A browser without cookies, with Django's CSRF checks switched on as in production."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def form_page(demo_site):
    page = FeedbackFormPage.objects.get(slug="rueckmeldung")
    assert page.to_address == ""
    page.to_address = RECIPIENT
    page.save()
    return page


def data(started=None, **extra):
    values = {
        "ihr_name": "Erika Muster",
        "ihre_e_mail_adresse": "erika@example.org",
        "auf_welcher_seite": "Projekte",
        "was_hat_nicht_funktioniert": MESSAGE,
        "company_website": "",
        "form_started": issue_token(time.time() - 10 if started is None else started),
    }
    values.update(extra)
    return values


def send(client, values=None, origin="http://testserver", **headers):
    if origin:
        headers["HTTP_ORIGIN"] = origin
    return client.post(URL, values or data(), **headers)


def refused(response, text):
    """The form is shown again with the German message and the visitor's text kept; nothing is stored."""
    html = response.content.decode()
    assert text in html
    assert MESSAGE in html
    assert 'class="form-errors" role="alert"' in html
    assert not FormSubmission.objects.exists()


def test_page_rules():
    assert FeedbackFormPage.parent_page_types == ["core.HomePage", "core.StandardPage", "people.ContactPage"]
    # Editors can add a form wherever the parent's own subpage_types admit it (StandardPage and ContactPage
    # list their allowed children themselves).
    assert HomePage in FeedbackFormPage.allowed_parent_page_models()
    assert FeedbackFormPage.allowed_subpage_models() == []


def test_form_sets_no_cookie_and_is_not_cached(visitor, form_page):
    response = visitor.get(URL)
    assert response.status_code == 200
    assert not response.cookies
    assert "private" in response["Cache-Control"]
    html = response.content.decode()
    assert '<label for="id_was_hat_nicht_funktioniert">Was hat nicht funktioniert? ' in html
    assert "(Pflichtfeld)" in html
    assert 'class="form-hp" aria-hidden="true"><label for="id_company_website">Bitte leer lassen</label>' in html
    assert 'tabindex="-1"' in html
    assert "csrfmiddlewaretoken" not in html


def test_editor_help_text_is_text_not_markup(visitor, form_page):
    """What an editor types as help text is shown as text: markup in it cannot run on the public form."""
    field = form_page.form_fields.first()
    field.help_text = 'Bitte <script>alert("x")</script> kurz fassen'
    field.save()
    html = visitor.get(URL).content.decode()
    assert "Bitte &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; kurz fassen" in html
    assert '<script>alert("x")' not in html


def test_submission_is_stored_then_mailed(visitor, form_page):
    response = send(visitor)
    assert response.status_code == 200
    assert "Vielen Dank! Ihre Nachricht ist bei uns angekommen." in response.content.decode()
    assert not response.cookies
    submission = FormSubmission.objects.get(page=form_page)
    assert submission.get_data()["was_hat_nicht_funktioniert"] == MESSAGE
    assert "company_website" not in submission.form_data and "form_started" not in submission.form_data
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [RECIPIENT]
    assert mail.outbox[0].reply_to == ["erika@example.org"]  # answering reaches the visitor
    assert MESSAGE in mail.outbox[0].body and "Bitte leer lassen" not in mail.outbox[0].body


def test_mail_failure_loses_nothing(visitor, form_page, settings, caplog):
    settings.EMAIL_BACKEND = "tests.test_trust_feedback.FailingEmailBackend"
    with caplog.at_level(logging.ERROR, logger="feedback.models"):
        response = send(visitor)
    assert response.status_code == 200
    assert "Vielen Dank!" in response.content.decode()
    assert FormSubmission.objects.filter(page=form_page).count() == 1
    assert any("is stored, but the email" in record.getMessage() for record in caplog.records)


def test_other_pages_keep_csrf_protection(visitor, demo_site):
    """The exemption is for feedback form pages only: a POST anywhere else without token is refused."""
    assert visitor.post("/barrierefreiheit/", {"x": "1"}, HTTP_ORIGIN="http://testserver").status_code == 403
    assert visitor.post("/admin/login/", {"username": "a", "password": "b"}).status_code == 403


def test_cross_site_post_is_refused(visitor, form_page):
    response = send(visitor, origin="https://angreifer.example")
    assert response.status_code == 403
    refused(response, "Das Formular konnte von dieser Adresse aus nicht gesendet werden.")


def test_referer_is_enough_for_browsers_without_origin(visitor, form_page):
    assert send(visitor, origin=None, HTTP_REFERER="http://testserver" + URL).status_code == 200
    assert FormSubmission.objects.count() == 1
    cache.clear()
    response = send(visitor, origin=None)
    assert response.status_code == 403  # neither header: refused
    assert FormSubmission.objects.count() == 1


def test_honeypot(visitor, form_page):
    response = send(visitor, data(company_website="https://billig-pillen.example"))
    refused(response, "ein Feld ausgefüllt war, das leer bleiben muss")
    assert "billig-pillen" not in response.content.decode()  # emptied for the next try


def test_too_fast(visitor, form_page):
    refused(send(visitor, data(started=time.time())), "Das ging sehr schnell")


@pytest.mark.parametrize("kind", ["expired", "forged", "missing"])
def test_expired_or_forged_start_time(visitor, form_page, kind):
    token = {"expired": issue_token(time.time() - 2 * 24 * 3600), "forged": "1700000000.0:gefaelscht", "missing": ""}[
        kind
    ]
    response = send(visitor, {**data(), "form_started": token})
    refused(response, "Das Formular ist abgelaufen.")
    # A fresh, valid start time comes back with the form, so sending again works.
    assert 'name="form_started" value="' in response.content.decode()


def test_rate_limit_per_address(visitor, form_page):
    for _ in range(5):
        assert "Vielen Dank!" in send(visitor, REMOTE_ADDR="192.0.2.10").content.decode()
    response = send(visitor, REMOTE_ADDR="192.0.2.10")
    html = response.content.decode()
    assert "Sie haben in der letzten Stunde schon mehrere Nachrichten gesendet." in html and MESSAGE in html
    assert FormSubmission.objects.count() == 5
    assert "Vielen Dank!" in send(visitor, REMOTE_ADDR="192.0.2.99").content.decode()  # someone else


def test_demo_links_the_forms(client, demo_site):
    html = client.get("/barrierefreiheit/").content.decode()
    assert f'<a class="button" href="{URL}">Barriere melden</a>' in html
    assert client.get("/kontakt/nachricht/").status_code == 200


def test_demo_is_idempotent(demo_site):
    page = StandardPage.objects.get(slug="barrierefreiheit")
    counts = (FeedbackFormPage.objects.count(), page.revisions.count())
    call_command("load_demo_content", force=True, stdout=io.StringIO())
    assert (FeedbackFormPage.objects.count(), page.revisions.count()) == counts
    assert sum(block.block_type == "call_to_action" for block in StandardPage.objects.get(pk=page.pk).body) == 1


def staff(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, password="x-secret-123")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.parametrize("group", [COMMUNICATIONS, ADMINISTRATORS])
def test_communications_see_and_export_submissions(client, visitor, form_page, django_user_model, group):
    send(visitor)
    client.force_login(staff(django_user_model, "team", group))
    assert f"/admin/forms/submissions/{form_page.pk}/" in client.get("/admin/forms/").content.decode()
    response = client.get(f"/admin/forms/submissions/{form_page.pk}/")
    assert response.status_code == 200 and MESSAGE in response.content.decode()
    export = client.get(f"/admin/forms/submissions/{form_page.pk}/?export=csv")
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Einreichungsdatum" and "Was hat nicht funktioniert?" in rows[0]
    assert MESSAGE in rows[1]


def test_editors_edit_forms_but_do_not_see_submissions(client, visitor, form_page, django_user_model):
    send(visitor)
    client.force_login(staff(django_user_model, "redaktion", EDITORS))
    assert client.get(f"/admin/pages/{form_page.pk}/edit/").status_code == 200
    response = client.get(f"/admin/forms/submissions/{form_page.pk}/")
    assert response.status_code == 302 and response["Location"] == "/admin/"  # Wagtail's "permission denied"
    assert f"/admin/forms/submissions/{form_page.pk}/" not in client.get("/admin/forms/").content.decode()


def test_form_page_query_count_does_not_grow_with_fields(client, form_page):
    client.get(URL)  # warm the site-root cache, as any running server has
    _, few = count_queries(client, URL)
    for number in range(8):
        FeedbackFormField.objects.create(
            page=form_page, label=f"Zusatzfrage {number}", field_type="singleline", sort_order=10 + number
        )
    response, many = count_queries(client, URL)
    assert "Zusatzfrage 7" in response.content.decode()
    assert many == few
