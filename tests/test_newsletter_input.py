"""Bad input never gets a 500, never stores what it should not, and reveals nothing about subscribers."""

import time
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.utils import timezone

from ikpe_site.core.security.spam import issue_token
from newsletter.mail import CONFIRM_SALT, confirm_token, manage_token
from newsletter.models import Subscriber

from .newsletter_utils import ORIGIN, build_site, form_data

SENT = "Bitte prüfen Sie Ihr Postfach"


@pytest.fixture
def site(home):
    return build_site(home)


@pytest.mark.parametrize(
    "address",
    ["kein-at-zeichen", "a@b", "<script>@x.de", "x@example.org\r\nBcc: y@z.de", "a" * 10_000 + "@example.org", ""],
)
def test_malformed_addresses_are_refused_with_a_message(client, site, address):
    response = client.post("/newsletter/anmelden/", form_data(address), **ORIGIN)
    assert response.status_code == 400
    assert "Ihre Anmeldung wurde noch nicht abgeschickt" in response.content.decode()
    assert not Subscriber.objects.exists() and not mail.outbox


@pytest.mark.parametrize("name", ["Erika\r\nBcc: opfer@example.org", "Erika\nMuster", "x" * 10_000])
def test_header_injection_and_huge_names_are_refused(client, site, name):
    response = client.post("/newsletter/anmelden/", form_data("erika@example.org", name=name), **ORIGIN)
    assert response.status_code == 400
    assert not Subscriber.objects.exists() and not mail.outbox


def test_huge_fields_elsewhere_do_not_break_the_form(client, site):
    data = form_data("erika@example.org", categories=["x" * 10_000], company_website="", footer_extra="y" * 10_000)
    response = client.post("/newsletter/anmelden/", data, **ORIGIN)
    assert response.status_code == 400 and not Subscriber.objects.exists()


def test_no_consent_no_subscription(client, site):
    data = form_data("erika@example.org")
    del data["consent"]
    assert client.post("/newsletter/anmelden/", data, **ORIGIN).status_code == 400
    assert not Subscriber.objects.exists()


def test_foreign_origin_and_replayed_or_expired_forms(client, site):
    assert (
        client.post("/newsletter/anmelden/", form_data("a@example.org"), HTTP_ORIGIN="https://evil.example").status_code
        == 403
    )
    data = form_data("a@example.org")
    assert SENT in client.post("/newsletter/anmelden/", data, **ORIGIN).content.decode()
    replay = client.post("/newsletter/anmelden/", {**data, "email": "b@example.org"}, **ORIGIN)
    assert replay.status_code == 400 and "bereits abgeschickt" in replay.content.decode()
    old = {**form_data("c@example.org"), "form_started": issue_token(now=time.time() - 2 * 24 * 3600)}
    assert client.post("/newsletter/anmelden/", old, **ORIGIN).status_code == 400
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["a@example.org"]


def test_answers_reveal_nothing_and_a_confirmed_address_is_not_changed(client, site):
    first = client.post("/newsletter/anmelden/", form_data("Erika@Example.org", name="Erika"), **ORIGIN)
    Subscriber.objects.update(confirmed_at=timezone.now())
    again = client.post("/newsletter/anmelden/", form_data("erika@example.org", name="Fremd"), **ORIGIN)
    unknown = client.post("/newsletter/anmelden/", form_data("neu@example.org"), **ORIGIN)
    pages = [response.content.decode() for response in (first, again, unknown)]
    assert all(SENT in page for page in pages)
    assert pages[1].replace("erika@example.org", "") == pages[2].replace("neu@example.org", "")
    assert Subscriber.objects.get(email="erika@example.org").name == "Erika"  # the second request changed nothing
    subjects = [message.subject for message in mail.outbox]
    assert subjects == [
        "Bitte bestätigen Sie Ihre Newsletter-Anmeldung",
        "Ihr Newsletter-Abonnement",
        "Bitte bestätigen Sie Ihre Newsletter-Anmeldung",
    ]


def test_rate_limit_per_visitor(client, site):
    for number in range(5):
        client.post("/newsletter/anmelden/", form_data(f"p{number}@example.org"), **ORIGIN)
    response = client.post("/newsletter/anmelden/", form_data("p6@example.org"), **ORIGIN)
    assert response.status_code == 429 and "später" in response.content.decode()
    assert Subscriber.objects.count() == 5


def test_forged_expired_and_foreign_tokens(client, site):
    client.post("/newsletter/anmelden/", form_data("erika@example.org"), **ORIGIN)
    subscriber = Subscriber.objects.get()
    forged = confirm_token(subscriber)[:-3] + "abc"
    expired = signing.TimestampSigner(salt=CONFIRM_SALT).sign(subscriber.key)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(time, "time", lambda: 0)
        expired = signing.TimestampSigner(salt=CONFIRM_SALT).sign(subscriber.key)
    for token in (forged, expired, manage_token(subscriber), "x" * 10_000, "%00"):
        response = client.post(f"/newsletter/bestaetigen/{token}/")
        assert response.status_code in (400, 404)
    assert Subscriber.objects.get().confirmed_at is None
    assert client.get(f"/newsletter/einstellungen/{forged}/").status_code == 400
    assert client.post(f"/newsletter/abmelden/{forged}/").status_code == 200
    assert Subscriber.objects.exists()  # a forged unsubscribe link deletes nothing


def test_manage_export_and_delete(client, site):
    client.post("/newsletter/anmelden/", form_data("erika@example.org", categories=[site["category"].pk]), **ORIGIN)
    subscriber = Subscriber.objects.get()
    subscriber.confirmed_at = timezone.now() - timedelta(days=1)
    subscriber.save()
    token = manage_token(subscriber)
    page = client.get(f"/newsletter/einstellungen/{token}/")
    assert page.status_code == 200 and "erika@example.org" in page.content.decode()
    saved = client.post(
        f"/newsletter/einstellungen/{token}/", {"name": "Erika", "categories": [site["other"].pk]}, **ORIGIN
    )
    assert saved.status_code == 200 and "gespeichert" in saved.content.decode()
    assert list(subscriber.categories.all()) == [site["other"]]
    data = client.get(f"/newsletter/einstellungen/{token}/daten.json").json()
    assert data["email"] == "erika@example.org" and data["topics"] == ["Stellenangebot"]
    assert data["consent"]["version"] and data["consent"]["text"]
    assert client.post(f"/newsletter/abmelden/{token}/").status_code == 200
    assert not Subscriber.objects.exists()
    assert client.get(f"/newsletter/einstellungen/{token}/").status_code == 400


def test_newsletter_page_and_footer_form_set_no_cookie(client, site):
    from django.template.loader import render_to_string

    site["page"].save_revision().publish()
    response = client.get(site["page"].url)
    html = response.content.decode()
    assert response.status_code == 200 and not response.cookies
    assert 'action="/newsletter/anmelden/"' in html and "Pressemitteilung" in html and "Einwilligung" not in html
    assert "Ich möchte den Newsletter des IKPE per E-Mail erhalten" in html  # the consent text, shown in full
    footer = render_to_string("newsletter/footer_form.html")
    assert 'action="/newsletter/anmelden/"' in footer and "Ihre E-Mail-Adresse" in footer
    step = client.post("/newsletter/anmelden/", {"footer": "1", "email": "erika@example.org"}, **ORIGIN)
    page = step.content.decode()
    assert step.status_code == 200 and 'value="erika@example.org"' in page and "form-errors" not in page
    assert not Subscriber.objects.exists() and not step.cookies
