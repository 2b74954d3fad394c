"""Times for editors: always Europe/Berlin, whatever the server or browser says, with "Uhr"."""

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext

BERLIN = ZoneInfo("Europe/Berlin")


def local(value):
    return timezone.localtime(value, BERLIN)


def format_time(value):
    return gettext("%(time)s o'clock") % {"time": local(value).strftime("%H:%M")}


def format_datetime(value):
    value = local(value)
    return gettext("%(date)s at %(time)s") % {"date": value.strftime("%d.%m.%Y"), "time": value.strftime("%H:%M")}
