"""Mail never holds up a request: a mail server that accepts connections and never answers (a "blackhole")
costs the feedback form and the password reset nothing; the queue delivers once a server answers."""

import socket
import threading
import time
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core.mail.utils import DNS_NAME
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.forms.models import FormSubmission

from feedback.models import FeedbackFormPage
from ikpe_site.core.security.spam import issue_token
from ikpe_site.settings import base

URL = "/barrierefreiheit/rueckmeldung/"
MESSAGE = "Die Tabelle auf der Projektseite lässt sich nicht mit der Tastatur bedienen."
RECIPIENT = "kommunikation@example.org"
HOLD = 4  # seconds the blackhole keeps a connection open without a word, then drops it


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Blackhole:
    """Accepts TCP connections and never sends a byte (an overloaded or broken mail server)."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.accepted = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            self.accepted += 1
            threading.Timer(HOLD, conn.close).start()

    def close(self):
        self.server.close()


class Sink:
    """A real SMTP server (aiosmtpd) that keeps every message it receives."""

    def __init__(self):
        self.messages = []
        self.controller = Controller(self, hostname="127.0.0.1", port=_free_port())
        self.controller.start()
        self.port = self.controller.port

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"

    def close(self):
        self.controller.stop()


@pytest.fixture
def blackhole():
    server = Blackhole()
    yield server
    server.close()


@pytest.fixture
def sink():
    server = Sink()
    yield server
    server.close()


@pytest.fixture
def production_mail(settings, monkeypatch, db):
    """The mail settings of production (settings/base.py), pointed at a local server by the test, and a recipient
    for the demo's forms (the demo sets none: the seeds name no address)."""
    FeedbackFormPage.objects.update(to_address=RECIPIENT)
    settings.EMAIL_BACKEND = base.EMAIL_BACKEND
    settings.EMAIL_DELIVERY_BACKEND = getattr(base, "EMAIL_DELIVERY_BACKEND", base.EMAIL_BACKEND)
    settings.EMAIL_TIMEOUT = getattr(base, "EMAIL_TIMEOUT", None)
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_USE_TLS = False
    # smtplib greets with this machine's full name; a slow resolver would add its own delay (Django caches it).
    monkeypatch.setattr(DNS_NAME, "_fqdn", "localhost", raising=False)
    # The queue's worker drops connections between tasks, as a long-running process should; here it would close
    # the connection holding the test's own transaction (PostgreSQL; SQLite's in-memory test database ignores it).
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    return settings


def feedback(client, **extra):
    values = {
        "ihr_name": "Erika Muster",
        "ihre_e_mail_adresse": "erika@example.org",
        "auf_welcher_seite": "Projekte",
        "was_hat_nicht_funktioniert": MESSAGE,
        "company_website": "",
        "form_started": issue_token(time.time() - 10),
        **extra,
    }
    return client.post(URL, values, HTTP_ORIGIN="http://testserver")


def timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def test_settings_bound_every_mail_and_queue_it():
    assert base.EMAIL_TIMEOUT and base.EMAIL_TIMEOUT <= 30
    assert base.EMAIL_BACKEND == "ikpe_site.core.mail.QueuedEmailBackend"
    assert base.TASKS["outbox"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def test_hanging_mail_server_costs_the_visitor_and_the_editor_nothing(
    client, demo_site, django_user_model, production_mail, blackhole, sink
):
    production_mail.EMAIL_PORT = blackhole.port
    django_user_model.objects.create_user("redakteurin", email="redakteurin@example.org", password="x" * 12)
    client.get(URL), client.get("/admin/password_reset/")  # templates compiled: only the mail is measured

    response, seconds = timed(lambda: feedback(client))
    assert response.status_code == 200 and "Vielen Dank!" in response.content.decode()
    assert seconds < 1
    assert FormSubmission.objects.count() == 1  # stored once: nothing for a retrying visitor to duplicate

    known, known_seconds = timed(lambda: client.post("/admin/password_reset/", {"email": "redakteurin@example.org"}))
    unknown, unknown_seconds = timed(lambda: client.post("/admin/password_reset/", {"email": "niemand@example.org"}))
    assert known_seconds < 1 and unknown_seconds < 1
    assert (
        (known.status_code, known["Location"])
        == (unknown.status_code, unknown["Location"])
        == (302, "/admin/password_reset/done/")
    )
    assert known.content == unknown.content
    assert blackhole.accepted == 0  # no request talked to the mail server

    # The queue delivers when a mail server answers: one mail per message, none for the unknown address.
    production_mail.EMAIL_PORT = sink.port
    call_command("run_scheduler", "--once")
    recipients = sorted(address for envelope in sink.messages for address in envelope.rcpt_tos)
    assert recipients == sorted(["redakteurin@example.org", RECIPIENT])
    feedback_mail = next(e for e in sink.messages if e.rcpt_tos == [RECIPIENT])
    assert "Reply-To: erika@example.org" in feedback_mail.content.decode()
    call_command("run_scheduler", "--once")
    assert len(sink.messages) == 2  # delivered once, not again


def test_failed_delivery_times_out_and_is_retried_later(client, demo_site, production_mail, blackhole, sink):
    production_mail.EMAIL_PORT = blackhole.port
    production_mail.EMAIL_TIMEOUT = 1
    feedback(client)

    _, seconds = timed(lambda: call_command("run_scheduler", "--once"))
    assert seconds < HOLD  # the timeout ended the conversation, not the server
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["args"][-1] == 2  # the second attempt …
    assert retry.run_after > timezone.now() + timedelta(seconds=30)  # … after a pause

    production_mail.EMAIL_PORT = sink.port
    call_command("run_scheduler", "--once")
    assert sink.messages == []  # not due yet
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    call_command("run_scheduler", "--once")
    assert [envelope.rcpt_tos for envelope in sink.messages] == [[RECIPIENT]]


def test_password_reset_is_throttled_per_account(client, django_user_model, production_mail, db):
    django_user_model.objects.create_user("redakteurin", email="redakteurin@example.org", password="x" * 12)
    answers = {
        client.post("/admin/password_reset/", {"email": "redakteurin@example.org"})["Location"] for _ in range(8)
    }
    assert answers == {"/admin/password_reset/done/"}  # the same answer every time …
    assert DBTaskResult.objects.count() == 3  # … but only three mails
