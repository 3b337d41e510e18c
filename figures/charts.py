"""What a chart shows, drawn by whoever shows it: as SVG on a web page, as an image in the
annual report. Each has a text description (as the seed reports describe their charts: "Web
form (60), Voice mail (128), ...") and its data as a table."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext

from . import periods
from .book import Book, breakdown_values
from .tables import number


@dataclass
class Series:
    name: str  # the year: "2021-22"
    values: list[Decimal | None]


@dataclass
class Chart:
    title: str
    unit: str
    categories: list[str]
    series: list[Series]
    places: int = 0

    @property
    def largest(self) -> Decimal:
        found = [v for s in self.series for v in s.values if v is not None]
        return max(found, default=Decimal(0))

    @property
    def description(self) -> str:
        """ "New referrals, in referrals. 2020-21: Term 1 (98), Term 2 (79), ...; 2021-22: ..." """
        parts = []
        for series in self.series:
            values = ", ".join(
                f"{category} ({number(value, self.places)})"
                for category, value in zip(self.categories, series.values, strict=True)
            )
            parts.append(f"{series.name}: {values}")
        return gettext("%(title)s, in %(unit)s. %(values)s.") % {
            "title": self.title,
            "unit": self.unit,
            "values": "; ".join(parts),
        }

    def rows(self):
        """The data as a table: each category with a value from each series."""
        return [
            (category, [number(s.values[i], self.places) for s in self.series])
            for i, category in enumerate(self.categories)
        ]


def against_last_year(book: Book, measure, year, upto=None) -> Chart | None:
    """The measure's breakdown (or its periods) this year, beside last year's: None if it has
    neither (one number is a table's, not a chart's) or no figures this year."""
    shown = (book.previous(year), year)
    years = [y for y in shown if y is not None and book.has_figures(measure, y)]
    if year not in years:
        return None
    values = breakdown_values(measure)
    if values:
        categories = [value.label for value in values]
        series = [
            Series(y.label, [book.year_value(measure, y, value, upto) for value in values])
            for y in years
        ]
    elif len(measure.period_numbers()) > 1:
        numbers = [p for p in measure.period_numbers() if upto is None or p <= upto]
        categories = [periods.short_label(measure.period, year.starts_on, p) for p in numbers]
        series = [Series(y.label, [book.value(measure, y, p) for p in numbers]) for y in years]
    else:
        return None
    return Chart(measure.name, measure.unit, categories, series, measure.decimal_places)


def trend(book: Book, measure) -> Chart | None:
    """The measure's year figure for each of the book's years that has one (up to 10)."""
    points = [(year, value) for year, value in book.trend(measure) if value is not None]
    if len(points) < 2:
        return None
    return Chart(
        gettext("%(measure)s, year by year") % {"measure": measure.name},
        measure.unit,
        [year.label for year, _ in points],
        [Series(measure.name, [value for _, value in points])],
        measure.decimal_places,
    )
