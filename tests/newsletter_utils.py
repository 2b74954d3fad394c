"""Shared parts of the newsletter tests: a real SMTP sink and a small site with a newsletter page."""

import re
import socket
import time
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller

from ikpe_site.core.security.spam import issue_token
from news.models import NewsCategory, NewsIndexPage, NewsPage
from newsletter.models import NewsletterIssuePage, NewsletterPage

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sink:
    """A real SMTP server (aiosmtpd) keeping every message it accepts, parsed."""

    def __init__(self):
        self.messages = []
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())
        self.controller.start()
        self.port = self.controller.port

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def to(self, address):
        return [message for message in self.messages if address in str(message["To"])]

    def close(self):
        self.controller.stop()


def smtp_settings(settings, port):
    settings.EMAIL_BACKEND = "ikpe_site.core.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5


def form_data(email, **extra):
    return {
        "email": email,
        "name": "",
        "consent": "on",
        "company_website": "",
        "form_started": issue_token(now=time.time() - 10),
        **extra,
    }


def build_site(home):
    category = NewsCategory.objects.update_or_create(
        slug="pressemitteilung", defaults={"name": "Pressemitteilung", "live": True}
    )[0]
    other = NewsCategory.objects.update_or_create(
        slug="stellenangebot", defaults={"name": "Stellenangebot", "live": True}
    )[0]
    news_index = home.add_child(instance=NewsIndexPage(title="Aktuelles", slug="aktuelles"))
    post = news_index.add_child(
        instance=NewsPage(title="Neuer Sozialstrukturatlas", slug="atlas", teaser="Der Atlas ist erschienen.")
    )
    post.categories.add(category)
    post.save_revision().publish()
    page = home.add_child(instance=NewsletterPage(title="Newsletter", slug="newsletter-abo"))
    return {"category": category, "other": other, "post": post, "page": page}


def add_issue(page, title, send_at, post=None, categories=()):
    issue = page.add_child(
        instance=NewsletterIssuePage(title=title, slug=title.lower().replace(" ", "-"), send_at=send_at)
    )
    if post is not None:
        issue.items.create(page=post)
    issue.categories.set(categories)
    issue.save_revision().publish()
    return issue


def link(text, path):
    match = re.search(r"https?://\S*" + re.escape(path) + r"[^\s<>\"]+/", text)
    assert match, f"no link to {path} in: {text}"
    return match.group(0)
