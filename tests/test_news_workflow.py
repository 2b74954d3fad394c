"""The editorial flow for news with real users: Redaktion drafts and submits, Kommunikation approves or schedules."""

import datetime
import re
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from ikpe_site.core.roles import COMMUNICATIONS, EDITORS
from news.models import NewsIndexPage, NewsPage


def _user(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, password="x-secret-123")
    user.groups.add(Group.objects.get(name=group))
    return user


def _form(title, slug, action, **extra):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "",
            "date_precision": "day",
            "teaser": f"Teaser {title}",
            "image_caption": "",
            "body": streamfield([("paragraph", rich_text("<p>Text der Meldung</p>"))]),
            "tags": "",
            "funding_note": "",
            "comments": inline_formset([]),
            **extra,
        }
    )
    data[action] = "1"
    return data


def test_editor_submits_and_communications_approves(client, news_section, django_user_model, freeze_clock):
    # Half past midnight in Berlin is the day before in UTC: the post's date is the Berlin day it went live.
    freeze_clock(datetime.datetime(2031, 6, 15, 0, 30, tzinfo=ZoneInfo("Europe/Berlin")))
    editor = _user(django_user_model, "redakteurin-news", EDITORS)
    communications = _user(django_user_model, "kommunikation-news", COMMUNICATIONS)
    index = NewsIndexPage.objects.get()

    client.force_login(editor)
    assert client.get(f"/admin/pages/add/news/newspage/{index.pk}/").status_code == 200
    # An editor's "publish" is refused: the post stays a draft.
    response = client.post(f"/admin/pages/add/news/newspage/{index.pk}/", _form("Versuch", "versuch", "action-publish"))
    assert response.status_code in (200, 302, 403)
    assert not NewsPage.objects.filter(slug="versuch", live=True).exists()

    response = client.post(
        f"/admin/pages/add/news/newspage/{index.pk}/", _form("Neue Pressemitteilung", "neue-pm", "action-submit")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    post = NewsPage.objects.get(slug="neue-pm")
    state = post.current_workflow_state
    assert not post.live and state is not None and state.status == "in_progress"
    # The editor sees the live preview before anything is public.
    preview = client.post(
        f"/admin/pages/{post.pk}/edit/preview/", _form("Neue Pressemitteilung", "neue-pm", "action-preview")
    )
    assert preview.status_code == 200
    assert "Neue Pressemitteilung" in client.get(f"/admin/pages/{post.pk}/edit/preview/").content.decode()
    client.logout()
    assert "Neue Pressemitteilung" not in client.get("/aktuelles/").content.decode()
    assert client.get("/aktuelles/neue-pm/").status_code == 404

    client.force_login(communications)
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{post.pk}/approve/{task_state.pk}/", {"comment": "Freigegeben"}
    )
    assert response.status_code in (200, 302), response.content.decode()[:2000]
    post.refresh_from_db()
    assert post.live and post.date == datetime.date(2031, 6, 15)
    client.logout()
    assert "Neue Pressemitteilung" in client.get("/aktuelles/").content.decode()
    assert "Neue Pressemitteilung" in client.get("/aktuelles/feed/rss/").content.decode()
    # Revisions let anyone compare and roll back.
    client.force_login(editor)
    assert client.get(f"/admin/pages/{post.pk}/history/").status_code == 200


def test_communications_schedules_a_post(client, news_section, django_user_model):
    communications = _user(django_user_model, "kommunikation-plan", COMMUNICATIONS)
    index = NewsIndexPage.objects.get()
    client.force_login(communications)
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    response = client.post(
        f"/admin/pages/add/news/newspage/{index.pk}/",
        _form("Geplante Meldung", "geplante-meldung", "action-publish", go_live_at=go_live.strftime("%Y-%m-%d %H:%M")),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    post = NewsPage.objects.get(slug="geplante-meldung")
    assert not post.live and post.get_latest_revision().approved_go_live_at is not None
    client.logout()
    assert "Geplante Meldung" not in client.get("/aktuelles/").content.decode()


def test_a_category_change_by_redaktion_waits_for_communications(client, news_section, django_user_model):
    """News categories show on every post and in the filter: a rename or a new one is a draft until approved."""
    from django.urls import reverse

    from news.models import NewsCategory

    editor = _user(django_user_model, "redakteurin-kategorie", EDITORS)
    communications = _user(django_user_model, "kommunikation-kategorie", COMMUNICATIONS)
    category = NewsCategory.objects.get(slug="ikpe-unterwegs")
    edit_url = reverse("wagtailsnippets_news_newscategory:edit", args=[category.pk])

    def labels(html):
        return re.findall(r'<span class="news-category">([^<]+)</span>', html)

    before = client.get("/aktuelles/").content.decode()  # cached for every later anonymous visit
    assert "IKPE unterwegs" in labels(before) and "Unterwegs mit dem IKPE" not in before

    client.force_login(editor)
    assert client.get(edit_url).status_code == 200
    client.post(edit_url, {"name": "Unterwegs mit dem IKPE", "slug": "ikpe-unterwegs", "action-publish": "1"})
    response = client.post(edit_url, {"name": "Unterwegs mit dem IKPE", "slug": "ikpe-unterwegs", "action-submit": "1"})
    assert response.status_code == 302
    response = client.post(
        reverse("wagtailsnippets_news_newscategory:add"),
        {"name": "Stellenangebot", "slug": "stellenangebot", "action-submit": "1"},
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.name == "IKPE unterwegs" and category.has_unpublished_changes  # the publish was refused
    assert not editor.has_perm("news.publish_newscategory")
    assert communications.has_perm("news.publish_newscategory")
    state = category.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert not NewsCategory.objects.get(slug="stellenangebot").live

    client.logout()
    waiting = client.get("/aktuelles/").content.decode()
    assert labels(waiting) == labels(before) and "Unterwegs mit dem IKPE" not in waiting
    assert ">Stellenangebot</option>" not in waiting
    assert client.get("/aktuelles/?kategorie=stellenangebot").status_code == 404
    assert client.get("/aktuelles/?kategorie=publikation").status_code == 200

    client.force_login(communications)
    approve = reverse(
        "wagtailsnippets_news_newscategory:workflow_action", args=[category.pk, "approve", state.current_task_state.pk]
    )
    assert client.post(approve, {"comment": ""}).status_code == 302
    category.refresh_from_db()
    assert category.name == "Unterwegs mit dem IKPE" and category.live and not category.has_unpublished_changes

    client.logout()
    after = client.get("/aktuelles/").content.decode()
    assert "Unterwegs mit dem IKPE" in labels(after) and "IKPE unterwegs" not in labels(after)
    assert len(labels(after)) == len(labels(before))


def test_a_typo_fix_on_a_scheduled_post_keeps_its_schedule(client, news_section, django_user_model, freeze_clock):
    """Redaktion corrects a scheduled press release without anyone unscheduling it; after approval the corrected
    version is the one scheduled, for the same time, and the scheduler publishes it then."""
    from django.core.management import call_command

    berlin = ZoneInfo("Europe/Berlin")
    freeze_clock(datetime.datetime(2031, 3, 2, 9, 0, tzinfo=berlin))
    editor = _user(django_user_model, "redakteurin-tippfehler", EDITORS)
    communications = _user(django_user_model, "kommunikation-tippfehler", COMMUNICATIONS)
    index = NewsIndexPage.objects.get()
    client.force_login(communications)
    response = client.post(
        f"/admin/pages/add/news/newspage/{index.pk}/",
        _form("Pressemitteilung mit Tipfehler", "pm-geplant", "action-publish", go_live_at="2031-03-04 10:00"),
    )
    assert response.status_code == 302
    post = NewsPage.objects.get(slug="pm-geplant")
    go_live = datetime.datetime(2031, 3, 4, 10, 0, tzinfo=berlin)
    assert not post.live and post.scheduled_revision.approved_go_live_at == go_live

    client.force_login(editor)
    edit = client.get(f"/admin/pages/{post.pk}/edit/").content.decode()
    assert 'value="04.03.2031 10:00"' in edit  # the planned time stays in the form
    response = client.post(
        f"/admin/pages/{post.pk}/edit/",
        _form("Pressemitteilung ohne Tippfehler", "pm-geplant", "action-submit", go_live_at="04.03.2031 10:00"),
    )
    assert response.status_code == 302
    post = NewsPage.objects.get(pk=post.pk)
    assert post.latest_revision.object_str == "Pressemitteilung ohne Tippfehler"
    assert post.scheduled_revision.approved_go_live_at == go_live  # still planned until approval

    client.force_login(communications)
    task_state = post.current_workflow_state.current_task_state
    response = client.post(f"/admin/pages/workflow/action/{post.pk}/approve/{task_state.pk}/", {"comment": ""})
    assert response.status_code == 302
    post = NewsPage.objects.get(pk=post.pk)  # scheduled_revision is cached on the instance
    assert not post.live
    assert post.scheduled_revision.as_object().title == "Pressemitteilung ohne Tippfehler"
    assert post.scheduled_revision.approved_go_live_at == go_live
    assert post.revisions.exclude(approved_go_live_at=None).count() == 1  # the old version is no longer planned

    freeze_clock(datetime.datetime(2031, 3, 4, 10, 1, tzinfo=berlin))
    call_command("publish_scheduled")
    post.refresh_from_db()
    assert post.live and post.title == "Pressemitteilung ohne Tippfehler"
    client.logout()
    assert "Pressemitteilung ohne Tippfehler" in client.get("/aktuelles/").content.decode()
