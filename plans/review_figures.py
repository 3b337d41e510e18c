"""The review's Figures part: the reporting year the meeting falls in, to date (each measure
to the last of its periods begun by the meeting, or by today if the meeting is still to come)
against last year's same periods. Only measures with figures in either year. A fixed number of
queries, however many years, measures and breakdown values there are."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from wagtail_minimum_standards.figures import periods
from wagtail_minimum_standards.figures.book import Book
from wagtail_minimum_standards.figures.models import ReportingYear
from wagtail_minimum_standards.figures.tables import year_tables


@dataclass
class FiguresToDate:
    year: ReportingYear | None = None
    last_year: ReportingYear | None = None
    upto_day: datetime.date | None = None
    tables: list = field(default_factory=list)


def figures_to_date(meeting_date: datetime.date) -> FiguresToDate:
    upto_day = min(meeting_date, timezone.localdate())
    starts_on = periods.year_start_of(upto_day)
    years = list(
        ReportingYear.objects.filter(
            starts_on__in=[starts_on, periods.add_months(starts_on, -12)]
        ).order_by("starts_on")
    )
    year = next((y for y in years if y.starts_on == starts_on), None)
    if year is None:
        return FiguresToDate(upto_day=upto_day)
    book = Book.for_years(years)
    shown = [m for m in book.measures if any(book.has_figures(m, y) for y in years)]
    return FiguresToDate(
        year=year,
        last_year=book.previous(year),
        upto_day=upto_day,
        tables=year_tables(book, year, upto_day=upto_day, measures=shown),
    )
