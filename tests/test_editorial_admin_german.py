"""The admin speaks German where Wagtail borrows Django's humanize strings ("a minute ago")."""

from datetime import timedelta

from django.utils import timezone, translation
from wagtail.admin.templatetags.wagtailadmin_tags import naturaltime


def test_relative_times_in_the_admin_are_german():
    with translation.override("de"):
        assert naturaltime(timezone.now() - timedelta(seconds=70)) == "vor einer Minute"
