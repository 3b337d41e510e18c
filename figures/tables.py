"""The figures as tables: the year's tables (one for each table heading the measures name,
as the annual report's Table 2 and Table 3), each row this year against last year and the
target, and a measure's periods by year (Table 1). The Figures screen, the Advisory Group's
review and pack, the public page and the annual report all show these, so they show the same.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format

from . import periods
from .book import ALL, Book, Change, breakdown_values


def number(value: Decimal | None, places: int = 0) -> str:
    """ "1,234" (or "12.5" with 1 place); an en dash for no figure."""
    if value is None:
        return "–"
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


@dataclass
class Row:
    label: str
    measure: object
    breakdown_value: object  # None for the measure's own row
    this_year: Decimal | None
    last_year: Decimal | None
    change: Change | None
    met_target: bool | None = None

    @property
    def is_breakdown(self) -> bool:
        return self.breakdown_value is not None

    @property
    def places(self) -> int:
        return self.measure.decimal_places

    def this_year_text(self) -> str:
        return number(self.this_year, self.places)

    def last_year_text(self) -> str:
        return number(self.last_year, self.places)

    def with_last_year(self) -> str:
        """ "493 (430)": this year with last year in brackets, as the annual report has it."""
        if self.last_year is None:
            return self.this_year_text()
        return f"{self.this_year_text()} ({self.last_year_text()})"

    def change_text(self) -> str:
        if self.change is None:
            return ""
        sign = "+" if self.change.difference > 0 else ""
        text = f"{sign}{number(self.change.difference, self.places)}"
        if self.change.percent is not None:
            text += f" ({sign}{number(self.change.percent, 1)} %)"
        return text


@dataclass
class Table:
    heading: str
    year: object
    last_year: object
    rows: list[Row] = field(default_factory=list)


def measure_rows(book: Book, measure, year, upto=None) -> list[Row]:
    """The measure's row (its year's figure, or the total of its breakdown) and one for each
    breakdown value; `upto` the last period counted (the year to date)."""
    last_year = book.previous(year)

    def row(label, value):
        return Row(
            label=label,
            measure=measure,
            breakdown_value=None if value in (None, ALL) else value,
            this_year=book.year_value(measure, year, value, upto),
            last_year=book.year_value(measure, last_year, value, upto) if last_year else None,
            change=book.change(measure, year, value, upto),
        )

    own = row(measure.name, None)
    if upto is None:
        own.met_target = book.met_target(measure, year)
    return [own, *(row(value.label, value) for value in breakdown_values(measure))]


def year_tables(book: Book, year, upto_day=None, measures=None) -> list[Table]:
    """The year's tables, in the measures' order, each measure's rows under its table heading
    (a measure with none its own table). With `upto_day`, the year to date: each measure to
    the last of its periods begun by then, against last year's same periods."""
    tables: dict[str, Table] = {}
    for measure in measures if measures is not None else book.measures:
        heading = measure.group or measure.name
        if heading not in tables:
            tables[heading] = Table(heading, year, book.previous(year))
        upto = None
        if upto_day is not None:
            begun = periods.periods_to(measure.period, year.starts_on, upto_day)
            upto = begun[-1] if begun else periods.WHOLE_YEAR
        tables[heading].rows.extend(measure_rows(book, measure, year, upto))
    return list(tables.values())


@dataclass
class PeriodTable:
    """A measure's periods across the columns and a row for each year (Table 1)."""

    measure: object
    headings: list[str]
    rows: list[tuple[object, list[Decimal | None]]]

    def texts(self):
        places = self.measure.decimal_places
        return [(year, [number(v, places) for v in values]) for year, values in self.rows]


def period_table(book: Book, measure, years) -> PeriodTable:
    numbers = measure.period_numbers()
    first = years[-1] if years else None
    headings = (
        [periods.short_label(measure.period, first.starts_on, period) for period in numbers]
        if first
        else []
    )
    value = ALL if measure.breakdown_id else None
    rows = [(year, [book.value(measure, year, p, value) for p in numbers]) for year in years]
    return PeriodTable(measure, headings, rows)
