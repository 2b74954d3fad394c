import hashlib
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import icalendar
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from . import calendar
from .documents import EMBARGO_ATTRIBUTE, draft_links_document
from .formats import BERLIN, format_datetime, local
from .models import CalendarFeedToken, EmbargoLink
from .schedule import FIRST_YEAR, LAST_YEAR, OVERDUE_AFTER, overdue_count, parse_week, week_bounds, week_param

MAIN_TAG = re.compile(r"<main\b[^>]*>", re.IGNORECASE)
BODY_TAG = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
ROBOTS_META = '<meta name="robots" content="noindex, nofollow">\n'
DOCUMENT_LINK = re.compile(r'(\s(?:href|src)=")(?:https?://[^"/]+)?/dokumente/(\d+/)')
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")  # what secrets.token_urlsafe produces; nothing else is looked up


class CalendarFilterForm(forms.Form):
    """GET filters of the calendar; a value that does not fit is ignored with a note (see `notes`)."""

    # Field name → query parameter: the addresses keep the German words the team sees (like ?woche=).
    params = {"section": "bereich", "category": "kategorie"}

    section = forms.TypedChoiceField(label=_("Section"), required=False, coerce=int, empty_value=None)
    category = forms.ModelChoiceField(
        label=_("News category"), required=False, to_field_name="slug", queryset=None, empty_label=_("All categories")
    )

    def __init__(self, *args, **kwargs):
        from news.models import NewsCategory

        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("All sections")), *calendar.section_choices()]
        self.fields["category"].queryset = NewsCategory.objects.order_by("name")

    def add_prefix(self, field_name):
        return self.params.get(field_name, field_name)

    def filters(self):
        """The valid filters; each invalid value is dropped."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        filters = calendar.Filters(content_type_id=data.get("section"))
        category = data.get("category")
        if category is not None:
            from news.models import NewsPage

            filters.page_ids = set(NewsPage.objects.filter(categories=category).values_list("pk", flat=True))
        return filters

    def notes(self):
        labels = {"section": gettext("section"), "category": gettext("news category")}
        return [
            gettext("The %(filter)s “%(value)s” is unknown and was ignored.")
            % {"filter": labels[name], "value": str(self.data.get(self.add_prefix(name), ""))[:80]}
            for name in self.errors
        ]


def may_reschedule(user):
    """Whether the user may move go-lives and expiries at all (per page, the view asks again)."""
    return page_permission_policy.user_has_permission(user, "publish")


class EditorialCalendarView(WagtailAdminTemplateMixin, TemplateView):
    """Redaktionskalender: a week (default) or a month of everything planned, by day, in Europe/Berlin."""

    template_name = "editorial/calendar.html"
    page_title = _("Editorial calendar")
    header_icon = "calendar"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        today = local(now).date()
        form = CalendarFilterForm(self.request.GET)
        filters = form.filters()
        filter_query = urlencode(
            {
                form.add_prefix(name): form.cleaned_data[name]
                if name == "section"
                else form.data[form.add_prefix(name)]
                for name in form.fields
                if name in form.cleaned_data and form.cleaned_data[name]
            }
        )
        month_view = "monat" in self.request.GET
        if month_view:
            first = calendar.parse_month(self.request.GET.get("monat"), today)
            weeks = calendar.month_grid(first)
            start, end = calendar.bounds(weeks[0][0], weeks[-1][-1])
            previous = (first - timedelta(days=1)).replace(day=1)
            following = (first + timedelta(days=32)).replace(day=1)
            context.update(
                {
                    "month": calendar.month_param(first),
                    "first_of_month": first,
                    "previous_month": calendar.month_param(previous),
                    "next_month": calendar.month_param(following),
                    "is_current_month": first == today.replace(day=1),
                    "week": week_param(first if first.weekday() == 0 else first - timedelta(days=first.weekday())),
                }
            )
        else:
            monday = parse_week(self.request.GET.get("woche"), today)
            start, end = week_bounds(monday)
            weeks = [[monday + timedelta(days=offset) for offset in range(7)]]
            context.update(
                {
                    "week": week_param(monday),
                    "week_number": monday.isocalendar()[1],
                    "first_day": monday,
                    "last_day": monday + timedelta(days=6),
                    "previous_week": week_param(monday - timedelta(days=7)),
                    "next_week": week_param(monday + timedelta(days=7)),
                    "is_current_week": start <= now < end,
                    "month": calendar.month_param(monday),
                }
            )
        items, undated = calendar.plan(start, end, self.request.user, filters, now)
        grid = [calendar.by_day(items, week) for week in weeks]
        feed = CalendarFeedToken.objects.filter(user=self.request.user).first()
        context.update(
            {
                "month_view": month_view,
                "weeks": grid,
                "days": grid[0] if not month_view else [],
                "undated": undated,
                "today": today,
                "filter_form": form,
                "filter_notes": form.notes(),
                "filter_query": filter_query,
                "filters_active": filters.active,
                "can_reschedule": may_reschedule(self.request.user),
                "next_url": self.request.get_full_path(),
                "feed_url": self.request.build_absolute_uri(feed.get_absolute_url()) if feed else "",
                "overdue_count": overdue_count(now),
                "overdue_minutes": int(OVERDUE_AFTER.total_seconds() // 60),
            }
        )
        return context


MOVE_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M")


def parse_local(value):
    """A time typed in Berlin (datetime-local input, or "01.07.2036 10:00"), as an aware datetime; None if invalid."""
    for pattern in MOVE_FORMATS:
        try:
            moment = datetime.strptime(value.strip(), pattern)
        except ValueError:
            continue
        if FIRST_YEAR <= moment.year <= LAST_YEAR:
            return timezone.make_aware(moment, BERLIN)
    return None


@require_POST
def reschedule_view(request):
    """Move a page's go-live or expiry (drag-and-drop and the "Verschieben" form): Kommunikation and
    Administration, for pages they may publish. Redirects back to the calendar with a German message."""
    kind = request.POST.get("kind")
    page_id = request.POST.get("page", "")
    if kind not in calendar.MOVABLE_KINDS or not page_id.isdigit():
        raise Http404
    page = get_object_or_404(Page, pk=int(page_id))
    if not page.permissions_for_user(request.user).can_publish():
        # A plain 403 (Wagtail's admin would turn PermissionDenied into a redirect to the dashboard).
        return HttpResponseForbidden(gettext("Only Kommunikation and Administration may move go-lives and expiries."))
    next_url = request.POST.get("next", "")
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(next_url, allowed_hosts=None):
        next_url = reverse("editorial_calendar")
    at = parse_local(request.POST.get("at", "")[:40])
    if at is None:
        messages.error(request, gettext("Please enter the new time as date and time, e.g. 01.07.2036 10:00."))
        return redirect(next_url)
    try:
        calendar.reschedule(page, kind, at, request.user)
    except calendar.RescheduleError as error:
        messages.error(request, f"„{page.get_admin_display_title()}“: {error}")
        return redirect(next_url)
    message = (
        gettext("“%(title)s” now goes live on %(when)s.")
        if kind == calendar.GO_LIVE
        else gettext("“%(title)s” now expires on %(when)s.")
    )
    messages.success(request, message % {"title": page.get_admin_display_title(), "when": format_datetime(at)})
    return redirect(next_url)


@require_POST
def renew_feed_token(request):
    """A new address for the user's iCal feed: the old one stops working at once."""
    CalendarFeedToken.for_user(request.user).renew()
    messages.success(request, gettext("Your calendar subscription has a new address. The old one no longer works."))
    return redirect("editorial_calendar")


FEED_PAST = timedelta(days=30)
FEED_FUTURE = timedelta(days=400)


def calendar_feed(request, token):
    """The plan as iCalendar for the team's own calendar apps, behind the user's secret token; no login."""
    from events.ics import new_calendar, uid_domain

    feed = None
    if TOKEN_PATTERN.fullmatch(token):
        feed = CalendarFeedToken.objects.select_related("user").filter(token=token).first()
    if feed is None:
        raise Http404
    user = feed.user
    if not (user.is_active and user.has_perm("wagtailadmin.access_admin")):
        raise PermissionDenied
    now = timezone.now()
    items, _undated = calendar.plan(now - FEED_PAST, now + FEED_FUTURE, user, now=now)
    ical = new_calendar(gettext("IKPE editorial calendar"), [local(item.at).year for item in items], request)
    for item in items:
        uid = item.uid or (
            f"{item.kind}-{item.page_id}"
            if item.page_id
            else f"{item.kind}-{hashlib.sha256(item.edit_url.encode()).hexdigest()[:16]}"
        )
        vevent = icalendar.Event.new(
            uid=f"editorial-{slugify(uid)}@{uid_domain()}",
            summary=f"{item.kind_label}: {item.title}",
            start=item.at.astimezone(UTC),
            stamp=now,
            url=request.build_absolute_uri(item.edit_url),
            description=" · ".join(str(part) for part in (item.kind_label, item.page_type, item.when) if part),
        )
        ical.add_component(vevent)
    response = HttpResponse(ical.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="redaktionskalender.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


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
