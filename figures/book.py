"""What is derived from the figures, never typed: a year's figure (the total or the average of
its periods), breakdown totals, the average a month, the change against last year in numbers
and in %, the year to date against last year's same periods, and whether the target was met.

A `Book` reads every figure of the measures and years it is given in one query, whatever their
number, and answers from memory.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from . import periods
from .models import Figure, Measure, ReportingYear

ALL = "all"  # a breakdown total: every value of the measure's list together


@dataclass(frozen=True)
class Change:
    """This year's figure against last year's."""

    difference: Decimal
    percent: Decimal | None  # None when last year's was 0

    @property
    def direction(self) -> str:
        return "up" if self.difference > 0 else "down" if self.difference < 0 else "same"


def rounded(value: Decimal | None, places: int = 0) -> Decimal | None:
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


class Book:
    """The figures of `measures` in `years`, read in one query."""

    def __init__(self, measures, years):
        self.measures = list(measures)
        self.years = sorted(years, key=lambda year: year.starts_on)
        self._values: dict = {}  # (measure, year, period, value id or None) -> Decimal
        rows = Figure.objects.filter(
            measure__in=[m.pk for m in self.measures], year__in=[y.pk for y in self.years]
        ).order_by()  # no join for the models' ordering: the book reads, it does not list
        rows = rows.values_list("measure_id", "year_id", "period", "breakdown_value_id", "value")
        self._entered = defaultdict(set)  # (measure, year) -> periods with any figure
        for measure_id, year_id, period, value_id, value in rows:
            self._values[measure_id, year_id, period, value_id] = value
            self._entered[measure_id, year_id].add(period)

    @classmethod
    def for_years(cls, years, measures=None):
        if measures is None:
            measures = Measure.objects.select_related("breakdown").prefetch_related(
                "breakdown__values"
            )
        return cls(measures, years)

    # One period

    def value(self, measure, year, period, breakdown_value=None) -> Decimal | None:
        """The figure entered (or counted), or None if there is none. `breakdown_value` ALL
        gives the total of the measure's breakdown (None if no value has a figure)."""
        if breakdown_value == ALL:
            found = [
                self._values.get((measure.pk, year.pk, period, value.pk))
                for value in breakdown_values(measure)
            ]
            found = [v for v in found if v is not None]
            return sum(found, Decimal(0)) if found else None
        value_id = breakdown_value.pk if breakdown_value is not None else None
        return self._values.get((measure.pk, year.pk, period, value_id))

    def has_figures(self, measure, year) -> bool:
        return bool(self._entered.get((measure.pk, year.pk)))

    # The year

    def year_value(self, measure, year, breakdown_value=None, upto=None) -> Decimal | None:
        """The year's figure: the total (or the average) of its periods that have one, up to
        and including period `upto` if given (the year to date); None if none has."""
        if breakdown_value is None and measure.breakdown_id:
            breakdown_value = ALL
        found = [
            self.value(measure, year, period, breakdown_value)
            for period in measure.period_numbers()
            if upto is None or period <= upto
        ]
        found = [v for v in found if v is not None]
        if not found:
            return None
        total = sum(found, Decimal(0))
        if measure.yearly == Measure.Yearly.AVERAGE:
            return total / len(found)
        return total

    def average_a_month(self, measure, year, breakdown_value=None) -> Decimal | None:
        """The year's figure over its months: over the months of the periods entered."""
        found = [
            period
            for period in measure.period_numbers()
            if self.value(
                measure,
                year,
                period,
                breakdown_value if breakdown_value or not measure.breakdown_id else ALL,
            )
            is not None
        ]
        total = self.year_value(measure, year, breakdown_value)
        if total is None or measure.yearly == Measure.Yearly.AVERAGE:
            return None
        return total / (len(found) * periods.MONTHS_A_PERIOD[measure.period])

    def previous(self, year) -> ReportingYear | None:
        """The year before `year` among this book's years."""
        before = periods.add_months(year.starts_on, -12)
        return next((y for y in self.years if y.starts_on == before), None)

    def change(self, measure, year, breakdown_value=None, upto=None) -> Change | None:
        """This year's figure against last year's (to the same period if `upto`)."""
        last_year = self.previous(year)
        if last_year is None:
            return None
        now = self.year_value(measure, year, breakdown_value, upto)
        before = self.year_value(measure, last_year, breakdown_value, upto)
        if now is None or before is None:
            return None
        percent = (now - before) * 100 / before if before else None
        return Change(now - before, rounded(percent, 1))

    def met_target(self, measure, year) -> bool | None:
        """Whether the year's figure reached the target; None without a target or a figure."""
        value = self.year_value(measure, year)
        if measure.target is None or value is None:
            return None
        return value >= measure.target

    def trend(self, measure, breakdown_value=None) -> list[tuple[ReportingYear, Decimal | None]]:
        """Each of this book's years and the measure's figure for it, oldest first."""
        return [(year, self.year_value(measure, year, breakdown_value)) for year in self.years]


def breakdown_values(measure) -> list:
    """The values of the measure's breakdown list, in order (prefetched where the caller
    prefetched "breakdown__values")."""
    if not measure.breakdown_id:
        return []
    return list(measure.breakdown.values.all())


def to_date(measure, year, day: datetime.date) -> int | None:
    """The last period of `year` begun by `day` (for the year to date), or None if the year
    has not begun."""
    begun = periods.periods_to(measure.period, year.starts_on, day)
    return begun[-1] if begun else None


def years_up_to(year: ReportingYear, count: int = 10) -> list[ReportingYear]:
    """`year` and up to count - 1 years before it that exist, oldest first."""
    earliest = periods.add_months(year.starts_on, -12 * (count - 1))
    return list(
        ReportingYear.objects.filter(
            starts_on__gte=earliest, starts_on__lte=year.starts_on
        ).order_by("starts_on")
    )
