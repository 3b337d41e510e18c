"""Reporting years and the periods in them.

A reporting year starts on the first day of the month MINIMUM_STANDARDS_YEAR_START_MONTH names
(9, September, by default: the academic year of the service's annual report) and lasts twelve
months. A measure is counted by month (12 periods), by term (6 periods of two months each,
Term 1 being the year's first two months) or for the whole year (one period). Period 0 always
means the whole year; months and terms are numbered from 1 in the year's order.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.dates import MONTHS
from django.utils.translation import gettext

SETTING = "MINIMUM_STANDARDS_YEAR_START_MONTH"
MONTH, TERM, YEAR = "month", "term", "year"
COUNTS = {MONTH: 12, TERM: 6, YEAR: 1}
MONTHS_A_PERIOD = {MONTH: 1, TERM: 2, YEAR: 12}
WHOLE_YEAR = 0


def start_month() -> int:
    month = getattr(settings, SETTING, 9)
    if not isinstance(month, int) or isinstance(month, bool) or not 1 <= month <= 12:
        raise ImproperlyConfigured(f"{SETTING} must be a month's number, 1 to 12, not {month!r}.")
    return month


def year_starting(first_year: int) -> datetime.date:
    """The first day of the reporting year that starts in calendar year `first_year`."""
    return datetime.date(first_year, start_month(), 1)


def year_start_of(day: datetime.date) -> datetime.date:
    """The first day of the reporting year `day` falls in."""
    month = start_month()
    first_year = day.year if day.month >= month else day.year - 1
    return datetime.date(first_year, month, 1)


def year_end(starts_on: datetime.date) -> datetime.date:
    """The last day of the reporting year starting on `starts_on`."""
    return add_months(starts_on, 12) - datetime.timedelta(days=1)


def year_label(starts_on: datetime.date) -> str:
    """ "2021-22" for a year from September 2021; "2022" for one from January 2022."""
    if starts_on.month == 1:
        return str(starts_on.year)
    return f"{starts_on.year}-{(starts_on.year + 1) % 100:02d}"


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month `months` after `day`'s."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def count(kind: str) -> int:
    """How many periods a year has for a measure counted by `kind`."""
    return COUNTS[kind]


def numbers(kind: str) -> list[int]:
    """The periods of a year, in order: [0] for a yearly measure, else 1 to 12 or 1 to 6."""
    return [WHOLE_YEAR] if kind == YEAR else list(range(1, COUNTS[kind] + 1))


def period_of(kind: str, day: datetime.date) -> int:
    """The period `day` falls in, within its reporting year."""
    if kind == YEAR:
        return WHOLE_YEAR
    start = year_start_of(day)
    months_in = (day.year - start.year) * 12 + day.month - start.month
    return months_in // MONTHS_A_PERIOD[kind] + 1


def first_day(kind: str, starts_on: datetime.date, period: int) -> datetime.date:
    """The first day of `period` in the year starting on `starts_on`."""
    if period == WHOLE_YEAR:
        return starts_on
    return add_months(starts_on, (period - 1) * MONTHS_A_PERIOD[kind])


def label(kind: str, starts_on: datetime.date, period: int) -> str:
    """ "September 2021", "Term 1" or "2021-22"."""
    if period == WHOLE_YEAR:
        return year_label(starts_on)
    if kind == TERM:
        return gettext("Term %(number)d") % {"number": period}
    day = first_day(kind, starts_on, period)
    return f"{MONTHS[day.month]} {day.year}"


def short_label(kind: str, starts_on: datetime.date, period: int) -> str:
    """ "Sep", "Term 1" or "2021-22": a column heading."""
    if kind == MONTH and period != WHOLE_YEAR:
        return str(MONTHS[first_day(kind, starts_on, period).month])[:3]
    return label(kind, starts_on, period)


def is_valid(kind: str, period: int) -> bool:
    return period in numbers(kind)


def periods_to(kind: str, starts_on: datetime.date, day: datetime.date) -> list[int]:
    """The periods of the year starting on `starts_on` that have begun by `day` (all of
    them once the year is over; for a yearly measure, the year once it has begun)."""
    return [p for p in numbers(kind) if first_day(kind, starts_on, p) <= day]
