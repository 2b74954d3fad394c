"""The whole way of a subscriber through a real SMTP server: subscribe, confirm, receive an issue with both
parts and the RFC 8058 headers, unsubscribe in one click, receive nothing more."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsletter.models import Delivery, Subscriber

from .newsletter_utils import ORIGIN, Sink, add_issue, build_site, form_data, link, smtp_settings

ADDRESS = "planung@landkreis.example"


@pytest.fixture
def sink(settings):
    server = Sink()
    smtp_settings(settings, server.port)
    yield server
    server.close()


def test_subscribe_confirm_receive_unsubscribe(client, home, sink):
    site = build_site(home)
    response = client.post(
        "/newsletter/anmelden/", form_data(ADDRESS, name="Erika Muster", categories=[site["category"].pk]), **ORIGIN
    )
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihr Postfach" in response.content.decode()
    assert not response.cookies  # no session, no CSRF cookie
    subscriber = Subscriber.objects.get(email=ADDRESS)
    assert subscriber.confirmed_at is None and subscriber.consent_version and subscriber.consent_text
    assert list(subscriber.categories.all()) == [site["category"]]
    assert sink.messages == []  # the request only queued the mail

    # An issue due now does not reach an unconfirmed address.
    add_issue(site["page"], "Ausgabe 1", timezone.now() - timedelta(minutes=1), site["post"])
    call_command("run_scheduler", "--once")
    assert [m["Subject"] for m in sink.to(ADDRESS)] == ["Bitte bestätigen Sie Ihre Newsletter-Anmeldung"]
    confirmation = sink.to(ADDRESS)[0].get_content()
    url = link(confirmation, "/newsletter/bestaetigen/")

    path = urlsplit(url).path
    page = client.get(path)
    assert page.status_code == 200 and "Anmeldung bestätigen" in page.content.decode()
    assert Subscriber.objects.get(email=ADDRESS).confirmed_at is None  # following the link alone confirms nothing
    assert client.post(path).status_code == 200
    assert Subscriber.objects.get(email=ADDRESS).confirmed_at is not None
    reused = client.post(path)
    assert reused.status_code == 400 and "ungültig" in reused.content.decode()

    issue = add_issue(
        site["page"], "Ausgabe 2", timezone.now() - timedelta(minutes=1), site["post"], [site["category"]]
    )
    call_command("run_scheduler", "--once")
    mails = [m for m in sink.to(ADDRESS) if m["Subject"] == "Ausgabe 2"]
    assert len(mails) == 1
    mail = mails[0]
    assert not [m for m in sink.to(ADDRESS) if m["Subject"] == "Ausgabe 1"]  # queued before the confirmation
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = "".join(str(mail["List-Unsubscribe"]).split()).removeprefix("<").removesuffix(">")
    assert unsubscribe_url.startswith("http://testserver/newsletter/abmelden/")
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert "Neuer Sozialstrukturatlas" in text and "http://testserver/aktuelles/atlas/" in text
    assert unsubscribe_url in text and unsubscribe_url in html
    assert '<html lang="de">' in html and 'href="http://testserver/aktuelles/atlas/"' in html
    assert "<img" not in html  # no tracking pixel
    assert "Anger 10, 99084 Erfurt" in text
    assert Delivery.objects.get(mailing__page=issue).status == Delivery.Status.SENT

    # RFC 8058: the mail program posts without cookie or token.
    response = client.post(urlsplit(unsubscribe_url).path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscriber.objects.filter(email=ADDRESS).exists()

    add_issue(site["page"], "Ausgabe 3", timezone.now() - timedelta(minutes=1), site["post"])
    call_command("run_scheduler", "--once")
    assert not [m for m in sink.to(ADDRESS) if m["Subject"] == "Ausgabe 3"]
