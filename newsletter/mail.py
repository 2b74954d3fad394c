"""The mails: rendered once per issue (HTML and plain text), addressed per recipient with their own links."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

CONFIRM_SALT = "newsletter.confirm"
MANAGE_SALT = "newsletter.manage"
CONFIRM_MAX_AGE = 3 * 24 * 60 * 60  # the confirmation link works for three days
TOKEN = "__IKPE_SUBSCRIBER_TOKEN__"  # replaced per recipient in the stored mailing


def site_root():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def confirm_token(subscriber):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(subscriber.key)


def manage_token(subscriber):
    return signing.Signer(salt=MANAGE_SALT).sign(subscriber.key)


def key_from_confirm_token(token):
    """The subscriber key in a confirmation link; None when forged or older than CONFIRM_MAX_AGE."""
    try:
        return signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None


def key_from_manage_token(token):
    try:
        return signing.Signer(salt=MANAGE_SALT).unsign(token)
    except signing.BadSignature:
        return None


def links(token):
    return {
        "unsubscribe_url": site_root() + reverse("newsletter:unsubscribe", args=[token]),
        "manage_url": site_root() + reverse("newsletter:manage", args=[token]),
    }


def imprint():
    """The institute's imprint line as the site settings give it, and the imprint page (Vertretung, Register)."""
    from wagtail.models import Site

    from ikpe_site.core.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    data = SiteSettings.for_site(site) if site else SiteSettings()
    imprint_page = data.imprint_page if data.imprint_page_id and data.imprint_page.live else None
    return {
        "institute": data.institute_name,
        "address": f"{data.street}, {data.postal_code} {data.city}",
        "affiliation": data.affiliation,
        "imprint_url": imprint_page.get_full_url() if imprint_page else "",
    }


def entry(page):
    return {
        "title": page.title,
        "url": page.get_full_url(),
        "meta": getattr(page, "meta_line", ""),
        "teaser": getattr(page, "teaser", "") or page.search_description,
    }


def render_mailing(template, context, sample=False):
    """HTML and text of a mailing, with a placeholder for each recipient's token in the links. A sample (admin
    preview, test send) has no such links but says so: nobody's links exist for it, and a test mail forwarded
    for review must not unsubscribe whoever clicks in it."""
    token_links = None if sample else links(TOKEN)
    context = {**context, "imprint": imprint(), "site_url": site_root(), "token_links": token_links}
    html = render_to_string(f"newsletter/mail/{template}.html", context)
    text = render_to_string(f"newsletter/mail/{template}.txt", context)
    return html, text


def render_issue(issue, sample=False):
    subject = issue.title
    when = issue.send_at or timezone.now()
    html, text = render_mailing(
        "issue",
        {
            "subject": subject,
            "intro": issue.intro,
            "entries": [entry(page) for page in issue.entries],
            "date": date_format(timezone.localtime(when), "j. F Y"),
        },
        sample=sample,
    )
    return subject, html, text


def render_announcement(post):
    subject = post.title
    html, text = render_mailing("announcement", {"subject": subject, "entry": entry(post)})
    return subject, html, text


def personal_message(mailing, subscriber):
    """The mail for one recipient: both parts, their own unsubscribe link and the RFC 8058 headers."""
    token = manage_token(subscriber)
    urls = links(token)
    message = EmailMultiAlternatives(
        subject=mailing.subject,
        body=mailing.text.replace(TOKEN, token),
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{urls['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"IKPE-Newsletter <newsletter.{urlsplit(site_root()).hostname}>",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(mailing.html.replace(TOKEN, token), "text/html")
    return message


def send_confirmation(subscriber):
    """Queued through EMAIL_BACKEND (the task queue): the request never talks to the mail server."""
    url = site_root() + reverse("newsletter:confirm", args=[confirm_token(subscriber)])
    body = render_to_string(
        "newsletter/mail/confirm.txt", {"url": url, "imprint": imprint(), "days": CONFIRM_MAX_AGE // 86400}
    )
    send_mail(_("Please confirm your newsletter subscription"), body, None, [subscriber.email])


def send_already_subscribed(subscriber):
    urls = links(manage_token(subscriber))
    body = render_to_string("newsletter/mail/already.txt", {**urls, "imprint": imprint()})
    send_mail(_("Your newsletter subscription"), body, None, [subscriber.email])
