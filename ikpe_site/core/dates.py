"""Dates with the precision the source gives: "12. November 2019", "November 2019" or "2019".

A date known only to the month or year is stored as the first day of that period (`DatePrecision`). Everything a
visitor or a machine reads goes through these functions, so the invented first day never shows.
"""

import calendar
import datetime

from django.utils.formats import date_format

from .models import DatePrecision

# Django's German formats: DATE_FORMAT "j. F Y", SHORT_DATE_FORMAT "d.m.Y", YEAR_MONTH_FORMAT "F Y".
LONG_FORMATS = {DatePrecision.DAY: "DATE_FORMAT", DatePrecision.MONTH: "YEAR_MONTH_FORMAT", DatePrecision.YEAR: "Y"}
SHORT_FORMATS = {**LONG_FORMATS, DatePrecision.DAY: "SHORT_DATE_FORMAT"}


def format_date(value, precision=DatePrecision.DAY, short=False):
    """ "12. November 2019" (short: "12.11.2019"), "November 2019" or "2019"; "" for no date."""
    if not value:
        return ""
    formats = SHORT_FORMATS if short else LONG_FORMATS
    return date_format(value, formats.get(precision or DatePrecision.DAY, "DATE_FORMAT"))


def iso_date(value, precision=DatePrecision.DAY):
    """ISO 8601 with reduced precision where the day is not known: "2019-11-12", "2019-11" or "2019"."""
    if not value:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def period_end(value, precision=DatePrecision.DAY):
    """The last day of the period `value` starts: the day itself, the month's last day or 31 December."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if precision == DatePrecision.YEAR:
        return datetime.date(value.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return datetime.date(value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    return value


def format_period(first, last, precision=DatePrecision.DAY):
    """A span of known months or years: "November 2019", "Oktober – November 2019", "2019 – 2020".

    Day precision is left to the caller, which knows about times.
    """
    if precision == DatePrecision.YEAR:
        return str(first.year) if first.year == last.year else f"{first.year} – {last.year}"
    if (first.year, first.month) == (last.year, last.month):
        return format_date(first, DatePrecision.MONTH)
    if first.year == last.year:
        return f"{date_format(first, 'F')} – {format_date(last, DatePrecision.MONTH)}"
    return f"{format_date(first, DatePrecision.MONTH)} – {format_date(last, DatePrecision.MONTH)}"
