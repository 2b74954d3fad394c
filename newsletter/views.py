"""Subscribe, confirm, change, export and unsubscribe. No session, no cookies: links carry signed tokens, forms
are CSRF-exempt with an Origin check (see ikpe_site.core.security.csrf.same_origin), and every answer about an
address is the same whether it is subscribed or not."""

import hashlib
import json
import logging

from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ikpe_site.core.security.csrf import same_origin
from ikpe_site.core.security.limits import take_slot
from ikpe_site.core.security.spam import take_address_slot

from . import mail
from .forms import ChoicesForm, SubscribeForm
from .subscribers import CONSENT_TEXT, CONSENT_VERSION, Subscriber

logger = logging.getLogger(__name__)
RATE_LIMIT = 5  # subscription requests per visitor address and hour
MAILS_PER_ADDRESS = 3  # confirmation mails per e-mail address and day: the form cannot flood a mailbox
INVALID_LINK = gettext_noop(
    "This link is invalid, has expired or has already been used. If you want to receive the "
    "newsletter, please subscribe again."
)


def render(request, template, context, status=200):
    response = TemplateResponse(request, template, context, status=status)
    patch_cache_control(response, private=True, no_cache=True, no_store=True)
    # The token in the address never leaves the site; "no-referrer" would make browsers send "Origin: null".
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def message(request, title, text, status=200):
    return render(request, "newsletter/message.html", {"title": title, "text": text}, status=status)


def _hash(value):
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def subscribe_response(request, page=None):
    context = {"page": page, "consent_text": CONSENT_TEXT}
    status = 200
    if request.method == "POST" and "footer" in request.POST:
        # The compact footer form only carries the address: the full form asks for the rest.
        form = SubscribeForm(initial={"email": request.POST.get("email", "")[:254]})
    elif request.method == "POST":
        form = SubscribeForm(request.POST)
        if not same_origin(request):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "The form could not be sent from this address. Please open this page "
                    "directly and send the form again."
                ),
            )
            status = 403
        elif form.is_valid():
            if not take_address_slot(request, "newsletter:ip", RATE_LIMIT):
                form.add_error(
                    None,
                    _(
                        "Too many subscriptions were sent from your connection in the last hour. "
                        "Please try again later."
                    ),
                )
                status = 429
            else:
                register(form.cleaned_data)
                return message(
                    request,
                    _("Almost done: please check your inbox"),
                    _(
                        "If the address is valid, you will shortly receive an email with a confirmation link. We "
                        "will send you the newsletter only after you have confirmed. The link is valid for three "
                        "days. If no email arrives, please check your spam folder."
                    ),
                )
        else:
            status = 400
    else:
        form = SubscribeForm()
    context["form"] = form
    return render(
        request,
        "newsletter/newsletter_page.html" if page else "newsletter/subscribe.html",
        {**context, **(page.get_context(request) if page else {})},
        status=status,
    )


def register(data):
    """Store or refresh a pending subscription and queue a mail; a confirmed address only gets a note by mail
    (its choices change only through the link in that mail). The visitor sees the same answer in every case."""
    now = timezone.now()
    fields = {
        "name": data["name"],
        "consent_version": CONSENT_VERSION,
        "consent_text": CONSENT_TEXT,
        "consented_at": now,
    }
    with transaction.atomic():
        try:
            with transaction.atomic():
                subscriber, created = Subscriber.objects.select_for_update().get_or_create(
                    email=data["email"], defaults=fields
                )
        except IntegrityError:  # a parallel request created it
            subscriber, created = Subscriber.objects.select_for_update().get(email=data["email"]), False
        if not subscriber.confirmed:
            if not created:
                for name, value in fields.items():
                    setattr(subscriber, name, value)
            subscriber.save()
            subscriber.categories.set(data["categories"])
            subscriber.projects.set(data["projects"])
    if not take_slot("newsletter:mail:" + _hash(data["email"]), MAILS_PER_ADDRESS, 24 * 60 * 60):
        return
    if subscriber.confirmed:
        mail.send_already_subscribed(subscriber)
    else:
        mail.send_confirmation(subscriber)


@csrf_exempt
def subscribe(request):
    return subscribe_response(request)


def _by_key(key):
    return Subscriber.objects.filter(key=key).first() if key else None


@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    key = mail.key_from_confirm_token(token)
    subscriber = _by_key(key)
    if subscriber is None or subscriber.confirmed:
        return message(request, _("Link not valid"), _(INVALID_LINK), status=400)
    if request.method == "GET":  # mail scanners follow links: only the button confirms
        return render(request, "newsletter/confirm.html", {"subscriber": subscriber})
    updated = Subscriber.objects.filter(pk=subscriber.pk, confirmed_at__isnull=True).update(confirmed_at=timezone.now())
    if not updated:
        return message(request, _("Link not valid"), _(INVALID_LINK), status=400)
    return render(request, "newsletter/confirmed.html", {"manage_url": mail.links(mail.manage_token(subscriber))})


@csrf_exempt  # RFC 8058: mail programs POST "List-Unsubscribe=One-Click" without any cookie or token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = _by_key(mail.key_from_manage_token(token))
    if request.method == "GET":
        if subscriber is None:
            return message(request, _("Unsubscribed"), _("This address is not (or no longer) subscribed."))
        return render(request, "newsletter/unsubscribe.html", {"token": token})
    if subscriber is not None:
        subscriber.delete()  # pending deliveries lose their recipient and are not sent
    return message(
        request,
        _("Unsubscribed"),
        _(
            "You have been unsubscribed. We have deleted your address and your choices; you will receive no further "
            "newsletter."
        ),
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscriber = _by_key(mail.key_from_manage_token(token))
    if subscriber is None or not subscriber.confirmed:
        return message(request, _("Link not valid"), _(INVALID_LINK), status=400)
    saved, status = False, 200
    if request.method == "POST":
        form = ChoicesForm(request.POST)
        if not same_origin(request):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "The form could not be sent from this address. Please open this page "
                    "directly and send the form again."
                ),
            )
            status = 403
        elif form.is_valid():
            subscriber.name = form.cleaned_data["name"]
            subscriber.save(update_fields=["name"])
            subscriber.categories.set(form.cleaned_data["categories"])
            subscriber.projects.set(form.cleaned_data["projects"])
            saved = True
        else:
            status = 400
    else:
        form = ChoicesForm(
            initial={
                "name": subscriber.name,
                "categories": subscriber.categories.all(),
                "projects": subscriber.projects.all(),
            }
        )
    return render(
        request,
        "newsletter/manage.html",
        {"form": form, "saved": saved, "token": token, "subscriber": subscriber},
        status=status,
    )


def export(request, token):
    """Everything stored about the subscriber, as JSON (Art. 15 and 20 GDPR)."""
    subscriber = _by_key(mail.key_from_manage_token(token))
    if subscriber is None:
        return message(request, _("Link not valid"), _(INVALID_LINK), status=400)
    data = {
        "email": subscriber.email,
        "name": subscriber.name,
        "topics": [category.name for category in subscriber.categories.all()],
        "programmes": [project.title for project in subscriber.projects.all()],
        "registered_at": subscriber.created_at.isoformat(),
        "confirmed_at": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
        "consent": {
            "version": subscriber.consent_version,
            "text": subscriber.consent_text,
            "given_at": subscriber.consented_at.isoformat(),
        },
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="newsletter-daten.json"'
    patch_cache_control(response, private=True, no_store=True)
    return response
