"""Bulk "Veröffentlichung planen" / "Planung aufheben" in the page listings: Kommunikation only, through
Wagtail's own scheduling."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import call_command
from wagtail.models import Revision

from ikpe_site.core.roles import COMMUNICATIONS, EDITORS
from news.models import NewsIndexPage, NewsPage

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime.datetime(2031, 6, 10, 12, 0, tzinfo=BERLIN)
SCHEDULE_URL = "/admin/bulk/wagtailcore/page/schedule/"
UNSCHEDULE_URL = "/admin/bulk/wagtailcore/page/unschedule/"


def _user(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, password="x-secret-123")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def drafts(demo_site, freeze_clock):
    freeze_clock(NOW)
    index = NewsIndexPage.objects.get()
    pages = []
    for number in (1, 2):
        page = index.add_child(
            instance=NewsPage(title=f"Sammelmeldung {number}", slug=f"sammelmeldung-{number}", live=False)
        )
        page.teaser = f"Fassung zwei {number}"
        page.save_revision()
        pages.append(page)
    return pages


def _ids(pages):
    return "&".join(f"id={page.pk}" for page in pages)


def _approved(page):
    return list(
        Revision.page_revisions.filter(object_id=str(page.pk))
        .exclude(approved_go_live_at=None)
        .values_list("approved_go_live_at", flat=True)
    )


def test_communications_schedules_selected_drafts_in_berlin_time(client, drafts, django_user_model, freeze_clock):
    client.force_login(_user(django_user_model, "kommunikation-sammel", COMMUNICATIONS))
    listing = client.get("/admin/news_listing/").content.decode()
    assert "Veröffentlichung planen" in listing and "Planung aufheben" in listing

    confirm = client.get(f"{SCHEDULE_URL}?{_ids(drafts)}")
    assert confirm.status_code == 200
    body = confirm.content.decode()
    assert "Sammelmeldung 1" in body and "Sammelmeldung 2" in body
    # The shared confirmation page carries this action's German wording and its date field.
    assert "Veröffentlichung planen" in body and "zum gewählten Zeitpunkt veröffentlicht" in body
    assert 'name="go_live_at"' in body
    # A time in the past is refused with a German message, nothing is scheduled.
    past = client.post(f"{SCHEDULE_URL}?{_ids(drafts)}", {"go_live_at": "01.01.2030 09:00"})
    assert past.status_code == 200 and "Zukunft" in past.content.decode()
    assert not any(_approved(page) for page in drafts)

    response = client.post(
        f"{SCHEDULE_URL}?{_ids(drafts)}&next=/admin/news_listing/", {"go_live_at": "15.06.2031 09:00"}
    )
    assert response.status_code == 302
    message = str(next(iter(get_messages(response.wsgi_request))))
    assert "2 Seiten werden am 15.06.2031 um 09:00 Uhr veröffentlicht" in message
    go_live = datetime.datetime(2031, 6, 15, 9, 0, tzinfo=BERLIN)
    for page in drafts:
        page.refresh_from_db()
        assert _approved(page) == [go_live] and not page.live
        # The scheduled revision is the latest version, with the draft's content.
        assert page.latest_revision.approved_go_live_at == go_live
        assert page.latest_revision.content["teaser"].startswith("Fassung zwei")
    assert client.get("/aktuelles/sammelmeldung-1/").status_code == 404

    freeze_clock(go_live + datetime.timedelta(minutes=1))
    call_command("publish_scheduled")
    client.logout()
    for page in drafts:
        page.refresh_from_db()
        assert page.live and page.teaser.startswith("Fassung zwei")
    assert client.get("/aktuelles/sammelmeldung-1/").status_code == 200


def test_communications_cancels_scheduling(client, drafts, django_user_model, freeze_clock):
    client.force_login(_user(django_user_model, "kommunikation-plan", COMMUNICATIONS))
    client.post(f"{SCHEDULE_URL}?{_ids(drafts)}", {"go_live_at": "15.06.2031 09:00"})
    assert all(_approved(page) for page in drafts)

    confirm = client.get(f"{UNSCHEDULE_URL}?id={drafts[0].pk}")
    assert confirm.status_code == 200
    body = confirm.content.decode()
    assert "Planung aufheben" in body and "Nein, Planung beibehalten" in body and 'name="go_live_at"' not in body
    response = client.post(f"{UNSCHEDULE_URL}?id={drafts[0].pk}")
    assert response.status_code == 302
    assert _approved(drafts[0]) == [] and _approved(drafts[1])

    freeze_clock(datetime.datetime(2031, 6, 15, 9, 5, tzinfo=BERLIN))
    call_command("publish_scheduled")
    assert not NewsPage.objects.get(pk=drafts[0].pk).live
    assert NewsPage.objects.get(pk=drafts[1].pk).live


def _refused(response):
    return response.status_code == 302 and response.url == "/admin/"


def test_editors_neither_see_nor_use_the_actions(client, drafts, django_user_model):
    client.force_login(_user(django_user_model, "redaktion-sammel", EDITORS))
    listing = client.get("/admin/news_listing/").content.decode()
    assert "Veröffentlichung planen" not in listing and "Planung aufheben" not in listing
    # Wagtail answers a refused admin request with a redirect to the dashboard and "Keine Berechtigung".
    assert _refused(client.get(f"{SCHEDULE_URL}?{_ids(drafts)}"))
    assert _refused(client.post(f"{SCHEDULE_URL}?{_ids(drafts)}", {"go_live_at": "15.06.2031 09:00"}))
    assert not any(_approved(page) for page in drafts)

    communications = _user(django_user_model, "kommunikation-zwei", COMMUNICATIONS)
    client.force_login(communications)
    client.post(f"{SCHEDULE_URL}?{_ids(drafts)}", {"go_live_at": "15.06.2031 09:00"})
    client.force_login(django_user_model.objects.get(username="redaktion-sammel"))
    assert _refused(client.post(f"{UNSCHEDULE_URL}?{_ids(drafts)}"))
    assert all(_approved(page) for page in drafts)
