import re
from datetime import timedelta

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.documents import get_document_model

from .documents import EMBARGO_ATTRIBUTE, draft_links_document
from .formats import local
from .models import EmbargoLink
from .schedule import (
    OVERDUE_AFTER,
    overdue_count,
    parse_week,
    week_bounds,
    week_items,
    week_param,
)

MAIN_TAG = re.compile(r"<main\b[^>]*>", re.IGNORECASE)
BODY_TAG = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
ROBOTS_META = '<meta name="robots" content="noindex, nofollow">\n'
DOCUMENT_LINK = re.compile(r'(\s(?:href|src)=")(?:https?://[^"/]+)?/dokumente/(\d+/)')
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")  # what secrets.token_urlsafe produces; nothing else is looked up


class EditorialCalendarView(WagtailAdminTemplateMixin, TemplateView):
    """Redaktionskalender: one week of scheduled go-lives and expiries, by day, in Europe/Berlin."""

    template_name = "editorial/calendar.html"
    page_title = _("Editorial calendar")
    header_icon = "calendar"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        today = local(now).date()
        monday = parse_week(self.request.GET.get("woche"), today)
        start, end = week_bounds(monday)
        context.update({
            "days": week_items(monday, now),
            "today": today,
            "week": week_param(monday),
            "week_number": monday.isocalendar()[1],
            "first_day": monday,
            "last_day": monday + timedelta(days=6),
            "previous_week": week_param(monday - timedelta(days=7)),
            "next_week": week_param(monday + timedelta(days=7)),
            "is_current_week": start <= now < end,
            "overdue_count": overdue_count(now),
            "overdue_minutes": int(OVERDUE_AFTER.total_seconds() // 60),
        })
        return context


def active_link(token):
    link = None
    if TOKEN_PATTERN.fullmatch(token):
        link = EmbargoLink.objects.active().select_related("page").filter(token=token).first()
    if link is None:
        raise Http404
    return link


def embargo_preview(request, token):
    """The latest draft of the page behind an active embargo link, for anyone holding the link.

    The page is rendered through Wagtail's preview machinery (`make_preview_request`, a fresh request without the
    visitor's cookies), then marked confidential: a banner at the top of <main>, robots meta tag and headers.
    """
    link = active_link(token)
    draft = link.page.specific.get_latest_revision_as_object()
    if not draft.is_previewable():
        raise Http404
    preview = draft.make_preview_request(preview_mode=draft.default_preview_mode)
    if preview.streaming:
        raise Http404
    # A fresh response: nothing the page's own rendering set (cookies, ETag, the preview's relaxed CSP) carries over.
    content = preview.content
    if preview.status_code == 200 and preview.get("Content-Type", "").startswith("text/html"):
        banner = render_to_string("editorial/embargo_banner.html", {"link": link})
        content = mark_confidential(content.decode(preview.charset), banner)
        # Documents of the draft are downloaded through the link itself, so they are held back until release.
        content = DOCUMENT_LINK.sub(lambda match: f"{match[1]}/vorschau/{token}/dokumente/{match[2]}", content)
    response = HttpResponse(content, status=preview.status_code, content_type=preview.get("Content-Type"))
    if preview.has_header("Location"):
        response["Location"] = preview["Location"]
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def mark_confidential(html, banner):
    """Put the robots meta tag into <head> and the banner right after the opening <main> tag."""
    html = HEAD_END.sub(lambda match: ROBOTS_META + match[0], html, count=1)
    match = MAIN_TAG.search(html) or BODY_TAG.search(html)
    position = match.end() if match else 0
    return html[:position] + banner + html[position:]



def embargo_document(request, token, document_id, document_filename):
    """A document linked by the draft behind an active embargo link; gone when the link is revoked or expires."""
    from wagtail.documents.views.serve import serve as serve_document  # at import time, a cycle via wagtail_hooks

    link = active_link(token)
    document = get_object_or_404(get_document_model(), pk=document_id)
    if not draft_links_document(link.page, document):
        raise Http404
    setattr(request, EMBARGO_ATTRIBUTE, document.pk)
    response = serve_document(request, document_id, document_filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    """Anleitung für Redaktion und Kommunikation: the German editor guide the admin's help links point to."""

    template_name = "editorial/editor_guide.html"
    page_title = _("Editor guide")
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]
