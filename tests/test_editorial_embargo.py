"""Embargo preview links ("Sperrfrist"): the latest draft without login, marked, unindexed, revocable, expiring."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data

from editorial.models import EmbargoLink
from ikpe_site.core.models import StandardPage
from tests.factories import paragraphs

EMBARGO = datetime(2036, 7, 1, 8, 0, tzinfo=UTC)  # 10:00 in Berlin (summer time)
ADD_URL = "/admin/sperrfrist-links/new/"


def make_user(username, group):
    user = get_user_model().objects.create_user(
        username=username, password="geheim-123456", first_name=username.capitalize(), last_name="Muster"
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def comms(db):
    return make_user("kommunikation", "Kommunikation")


@pytest.fixture
def press_release(home, comms):
    """A live page whose latest draft has a new, unpublished text."""
    page = StandardPage(title="Pressemitteilung Sozialbericht", slug="pressemitteilung-sozialbericht")
    page.body = paragraphs("Veröffentlichter Text")
    home.add_child(instance=page)
    page.save_revision(user=comms).publish()
    page.body = paragraphs("Neuer Entwurfstext unter Sperrfrist")
    page.save_revision(user=comms)
    return page


def make_link(page, user, **fields):
    fields = {"recipient": "Ministerium", "embargo_until": EMBARGO, **fields}
    return EmbargoLink.objects.create(page=page, created_by=user, **fields)


def test_link_shows_latest_draft_without_login(client, press_release, comms):
    link = make_link(press_release, comms)
    assert len(link.token) >= 43 and link.expires_at - timezone.now() > timedelta(days=13, hours=23)

    response = client.get(f"/vorschau/{link.token}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Neuer Entwurfstext unter Sperrfrist" in html
    assert "Veröffentlichter Text" not in html
    assert "Vertraulich – Sperrfrist bis 01.07.2036, 10:00 Uhr" in html
    assert "(Zeitzone Europe/Berlin)" in html
    # The banner sits at the top of <main>, and the page around it is the normal template.
    main = html[html.index("<main") :]
    assert main[main.index(">") + 1 :].lstrip().startswith('<div class="embargo-banner"')
    assert '<html lang="de">' in html and "site-footer" in html
    # The public page still shows the published text.
    assert "Veröffentlichter Text" in client.get("/pressemitteilung-sozialbericht/").content.decode()


def test_link_is_never_indexed_cached_or_leaked(client, press_release, comms):
    response = client.get(f"/vorschau/{make_link(press_release, comms).token}/")
    html = response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    head = html[: html.index("</head>")]
    assert '<meta name="robots" content="noindex, nofollow">' in head
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert not response.cookies
    assert int(response["Content-Length"]) == len(response.content)
    # The public page's strict content security policy, not the relaxed one of admin previews.
    assert "unsafe-inline" not in response.get("Content-Security-Policy", "")


def test_link_works_for_a_page_that_was_never_published(client, home, comms):
    page = StandardPage(title="Stellenausschreibung", slug="stellenausschreibung", live=False)
    page.body = paragraphs("Wir suchen Verstärkung")
    home.add_child(instance=page)
    page.save_revision(user=comms)
    assert client.get("/stellenausschreibung/").status_code == 404
    response = client.get(f"/vorschau/{make_link(page, comms).token}/")
    assert response.status_code == 200 and "Wir suchen Verstärkung" in response.content.decode()


def test_link_expires_by_itself(client, press_release, comms):
    url = f"/vorschau/{make_link(press_release, comms).token}/"
    assert client.get(url).status_code == 200
    later = timezone.now() + timedelta(days=14, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.get(url)
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()
    expired = make_link(press_release, comms, expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(f"/vorschau/{expired.token}/").status_code == 404


@pytest.mark.parametrize("token", ["unbekannt", "a" * 43, "x" * 500, "%00", "..%2F..%2Fadmin"])
def test_unknown_tokens_are_not_found(client, press_release, comms, token):
    make_link(press_release, comms)
    response = client.get(f"/vorschau/{token}/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()
    assert not response.cookies


def test_revoke_in_the_admin(client, press_release, comms):
    link = make_link(press_release, comms)
    url = f"/vorschau/{link.token}/"
    assert client.get(url).status_code == 200

    client.force_login(comms)
    edit_url = f"/admin/sperrfrist-links/edit/{link.pk}/"
    html = client.get(edit_url).content.decode()
    assert f"http://testserver/vorschau/{link.token}/" in html  # the address to send
    data = {
        "recipient": "Ministerium",
        "embargo_until": "01.07.2036 10:00",
        "expires_at": timezone.localtime(link.expires_at).strftime("%d.%m.%Y %H:%M"),
        "note": "",
        "revoked": "on",
    }
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    link.refresh_from_db()
    assert link.revoked and link.revoked_at
    client.logout()
    assert client.get(url).status_code == 404


def test_kommunikation_creates_links(client, press_release, comms):
    client.force_login(comms)
    html = client.get(f"{ADD_URL}?page={press_release.pk}").content.decode()
    assert "Sperrfrist bis" in html and "Empfänger" in html
    data = nested_form_data(
        {
            "page": press_release.pk,
            "recipient": "Thüringer Ministerium",
            "embargo_until": "01.07.2036 10:00",
            "expires_at": "01.06.2036 12:00",
            "note": "",
        }
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    link = EmbargoLink.objects.get()
    assert link.created_by == comms and link.page_id == press_release.pk
    assert link.embargo_until == EMBARGO  # entered in Berlin time
    assert link.expires_at == datetime(2036, 6, 1, 10, 0, tzinfo=UTC)
    client.logout()
    assert "Thüringer Ministerium" in client.get(f"/vorschau/{link.token}/").content.decode()


def test_expiry_must_be_in_the_future(client, press_release, comms):
    client.force_login(comms)
    data = {
        "page": press_release.pk,
        "recipient": "Ministerium",
        "embargo_until": "01.07.2036 10:00",
        "expires_at": "01.01.2020 12:00",
        "note": "",
    }
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Bitte einen Zeitpunkt in der Zukunft wählen." in response.content.decode()
    assert not EmbargoLink.objects.exists()


def test_redaktion_cannot_create_or_see_links(client, press_release, comms):
    editor = make_user("redakteurin", "Redaktion")
    link = make_link(press_release, comms)
    client.force_login(editor)
    data = {
        "page": press_release.pk,
        "recipient": "Ministerium",
        "embargo_until": "01.07.2036 10:00",
        "expires_at": "01.06.2036 12:00",
        "note": "",
    }
    response = client.post(ADD_URL, data)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert EmbargoLink.objects.count() == 1
    assert client.get("/admin/sperrfrist-links/").status_code == 302
    response = client.post(f"/admin/sperrfrist-links/edit/{link.pk}/", {**data, "revoked": "on"})
    assert response.status_code == 302
    link.refresh_from_db()
    assert not link.revoked
    html = client.get("/admin/").content.decode()
    assert "Sperrfrist-Links" not in html
    html = client.get(f"/admin/pages/{press_release.pk}/edit/").content.decode()
    assert "Sperrfrist-Link erstellen" not in html


@pytest.mark.parametrize("group", ["Kommunikation", "Administration"])
def test_communications_and_administration_see_the_tools(client, press_release, group):
    client.force_login(make_user("berechtigt", group))
    html = client.get("/admin/").content.decode()
    assert "Sperrfrist-Links" in html
    html = client.get(f"/admin/pages/{press_release.pk}/edit/").content.decode()
    assert "Sperrfrist-Link erstellen" in html and f"{ADD_URL}?page={press_release.pk}" in html
    assert client.get("/admin/sperrfrist-links/").status_code == 200


def test_add_form_suggests_the_scheduled_go_live_as_embargo(client, press_release, comms):
    press_release.refresh_from_db()
    press_release.go_live_at = EMBARGO
    revision = press_release.save_revision(user=comms)
    with mock.patch("django.utils.timezone.now", return_value=EMBARGO - timedelta(days=1)):
        revision.publish(user=comms)
    client.force_login(comms)
    html = client.get(f"{ADD_URL}?page={press_release.pk}").content.decode()
    assert 'value="01.07.2036 10:00"' in html
    for bad in ("abc", "-1", "999999", "1e3", "²", "9" * 30, "1\x00"):
        assert client.get(f"{ADD_URL}?page={bad}").status_code == 200


def test_listing_shows_links_with_status(client, press_release, comms):
    make_link(press_release, comms, recipient="Pressestelle A")
    make_link(press_release, comms, recipient="Pressestelle B", revoked=True)
    client.force_login(comms)
    html = client.get("/admin/sperrfrist-links/").content.decode()
    assert "Pressestelle A" in html and "Pressestelle B" in html
    assert "widerrufen" in html and "aktiv" in html
    assert "01.07.2036, 10:00 Uhr" in html
    assert "Kommunikation Muster" in html  # who created them
