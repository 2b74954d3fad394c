"""German admin and useful listings: Wagtail borrows Django's humanize strings ("a minute ago"); news newest first."""

import datetime
from datetime import timedelta

from django.utils import timezone, translation
from wagtail.admin.templatetags.wagtailadmin_tags import naturaltime


def test_relative_times_in_the_admin_are_german():
    with translation.override("de"):
        assert naturaltime(timezone.now() - timedelta(seconds=70)) == "vor einer Minute"


def test_the_admin_lists_the_newest_news_first(client, home):
    from django.contrib.auth import get_user_model

    from news.models import NewsIndexPage, NewsPage

    news = home.add_child(instance=NewsIndexPage(title="Aktuelles", slug="aktuelles"))
    for title in ("Ältere Meldung", "Neueste Meldung"):
        post = news.add_child(instance=NewsPage(title=title, date=datetime.date(2026, 1, 1)))
        post.save_revision().publish()
    client.force_login(get_user_model().objects.create_superuser("listen-admin", "l@example.org", "geheim-1"))
    html = client.get(f"/admin/pages/{news.pk}/").content.decode()
    assert html.index("Neueste Meldung") < html.index("Ältere Meldung")
