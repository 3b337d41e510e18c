"""Figures read from a workbook in long form (figures_export.py writes one), previewed, then
saved all together or not at all.

`prepare(file)` reads every row and checks it; nothing is saved. Each problem names its cell:
an unknown measure, a year that is no reporting year's or whose report is approved (locked),
a period that is not one of the measure's in that year, a breakdown value not in the measure's
list, a value that is negative, not a number, or has more decimal places than the measure. The
preview says which figures change, from what to what. `save(preview)` then writes them in one
transaction, or none if anything is wrong. A blank value means "no figure": it leaves none, so
it removes a figure the year has (the preview says so), and never stands for 0.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance.spreadsheets.cells import in_each_language
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors
from wagtail_minimum_standards.compliance.spreadsheets.framework_rows import rows
from wagtail_minimum_standards.compliance.spreadsheets.workbooks import first_sheet, open_workbook

from .. import periods
from ..models import Figure, Measure, ReportingYear, YearLocked
from .template import FIGURE_COLUMNS, FIGURES, is_negative, number, places

YEAR_LABEL = re.compile(r"([0-9]{4})(?:-([0-9]{2}))?")
MOST = Decimal(10) ** 12


@dataclass
class Change:
    """A figure the upload changes: `old` or `new` None where there is no figure."""

    row: int
    measure: Measure
    starts_on: object
    period: int
    value: object  # the BreakdownValue, or None
    old: Decimal | None
    new: Decimal | None

    @property
    def year_label(self) -> str:
        return periods.year_label(self.starts_on)

    @property
    def period_label(self) -> str:
        return periods.label(self.measure.period, self.starts_on, self.period)


@dataclass
class FiguresPreview:
    sheet: str = FIGURES
    rows: int = 0
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    errors: SheetErrors = field(default_factory=SheetErrors)


def prepare(file) -> FiguresPreview:
    """The upload read and checked, nothing saved; a file that cannot be read is SheetErrors."""
    book = open_workbook(file)
    sheet = book[FIGURES] if FIGURES in book.sheetnames else first_sheet(book)
    preview = FiguresPreview(sheet=sheet.title)
    reader = _Reader(preview)
    for row, cells, col in rows(sheet, FIGURE_COLUMNS, preview.errors):
        preview.rows += 1
        reader.read(row, cells, col)
    if not preview.rows and not preview.errors.errors:
        preview.errors.add(sheet.title, 2, None, _("there are no figures under the headings"))
    reader.compare()
    return preview


class _Reader:
    def __init__(self, preview: FiguresPreview):
        self.preview = preview
        self.measures = {
            m.key: m
            for m in Measure.objects.select_related("breakdown").prefetch_related(
                "breakdown__values"
            )
        }
        self.years = {y.starts_on: y for y in ReportingYear.objects.all()}
        self.found = {}  # (measure pk, starts_on, period, value pk) -> (row, measure, value, new)
        self.period_words = {}

    def read(self, row, cells, col):
        title, errors = self.preview.sheet, self.preview.errors

        def refuse(column, message):
            errors.add(title, row, col[column], message)

        key = cells["measure key"].strip()
        measure = self.measures.get(key)
        if measure is None:
            refuse(
                "measure key",
                _("no measure “%(key)s”") % {"key": key} if key else _("give the measure's key"),
            )
        starts_on = self._year(cells["year"].strip(), refuse)
        period = self._period(measure, starts_on, cells["period"].strip(), refuse)
        value = self._value(measure, cells["breakdown value"].strip(), refuse)
        new = self._number(measure, cells["value"].strip(), refuse)
        if None in (measure, starts_on, period) or value is False or new is False:
            return
        where = (measure.pk, starts_on, period, value.pk if value else None)
        if where in self.found:
            refuse(
                "value",
                _("row %(row)s gives this figure already") % {"row": self.found[where][0]},
            )
            return
        self.found[where] = (row, measure, value, new)

    def _year(self, text, refuse):
        found = YEAR_LABEL.fullmatch(text)
        starts_on = periods.year_starting(int(found.group(1))) if found else None
        if starts_on is None or periods.year_label(starts_on) != text:
            example = periods.year_label(periods.year_starting(2021))
            refuse(
                "year",
                _("“%(year)s” is not a reporting year: write it as %(example)s")
                % {"year": text, "example": example},
            )
            return None
        stored = self.years.get(starts_on)
        if stored is not None and stored.is_locked:
            refuse("year", YearLocked(stored).messages[0])
            return None
        return starts_on

    def _period(self, measure, starts_on, text, refuse):
        if measure is None or starts_on is None:
            return None
        wanted = text.casefold()
        for each in periods.numbers(measure.period):
            labels = in_each_language(lambda n=each: periods.label(measure.period, starts_on, n))
            if wanted in {label.casefold() for label in labels}:
                return each
        first, last = measure.period_numbers()[0], measure.period_numbers()[-1]
        refuse(
            "period",
            _(
                "“%(period)s” is not a period of %(year)s for “%(key)s”, counted by "
                "%(counted)s: from %(first)s to %(last)s"
            )
            % {
                "period": text,
                "year": periods.year_label(starts_on),
                "key": measure.key,
                "counted": measure.period,
                "first": periods.label(measure.period, starts_on, first),
                "last": periods.label(measure.period, starts_on, last),
            },
        )
        return None

    def _value(self, measure, text, refuse):
        """The BreakdownValue, None for a measure not broken down, False if refused."""
        if measure is None:
            return False
        if measure.breakdown is None:
            if text:
                refuse(
                    "breakdown value",
                    _("“%(key)s” is not broken down: leave the breakdown value blank")
                    % {"key": measure.key},
                )
                return False
            return None
        values = list(measure.breakdown.values.all())
        for value in values:
            if value.label.strip().casefold() == text.casefold():
                return value
        refuse(
            "breakdown value",
            _("“%(label)s” is not in the list “%(list)s”: %(labels)s")
            % {
                "label": text,
                "list": measure.breakdown.name,
                "labels": ", ".join(v.label for v in values),
            },
        )
        return False

    def _number(self, measure, text, refuse):
        """The value, None for a blank (no figure), False if refused."""
        if not text:
            return None
        if is_negative(text):
            refuse("value", _("a figure cannot be negative (“%(value)s”)") % {"value": text})
            return False
        found = number(text)
        if found is None or found >= MOST:
            refuse("value", _("“%(value)s” is not a number") % {"value": text})
            return False
        allowed = measure.decimal_places if measure else 2
        if places(found) > allowed:
            refuse(
                "value",
                _("“%(value)s” has more decimal places than “%(key)s” keeps (%(places)s)")
                % {"value": text, "key": measure.key if measure else "", "places": allowed},
            )
            return False
        return found

    def compare(self):
        """The figures the rows change, against those stored (one query)."""
        if not self.found:
            return
        years = {starts_on for (_m, starts_on, _p, _v) in self.found}
        stored = {
            (f.measure_id, f.year.starts_on, f.period, f.breakdown_value_id): f.value
            for f in Figure.objects.filter(
                measure_id__in={m for (m, _s, _p, _v) in self.found}, year__starts_on__in=years
            ).select_related("year")
        }
        for where, (row, measure, value, new) in sorted(self.found.items(), key=lambda i: i[1][0]):
            old = stored.get(where)
            if old is None and new is None:  # no figure, and none given: nothing to say
                continue
            if old is not None and new is not None and old.compare(new) == 0:
                self.preview.unchanged += 1
                continue
            self.preview.changes.append(Change(row, measure, where[1], where[2], value, old, new))


@transaction.atomic
def save(preview: FiguresPreview, user=None) -> int:
    """The preview's changes written in one transaction; how many. SheetErrors (nothing
    saved) if the preview has problems; YearLocked if a year was locked meanwhile."""
    preview.errors.raise_if_any()
    for change in preview.changes:
        year = ReportingYear.objects.filter(starts_on=change.starts_on).first()
        if year is None:
            year = ReportingYear(starts_on=change.starts_on)
            year._history_user = user
            year.save()
        where = {
            "measure": change.measure,
            "year": year,
            "period": change.period,
            "breakdown_value": change.value,
        }
        figure = Figure.objects.filter(**where).first()
        if change.new is None:
            if figure is not None:
                figure._history_user = user
                figure.delete()
            continue
        figure = figure or Figure(**where)
        figure.value = change.new
        figure._history_user = user
        figure.save()
    return len(preview.changes)


def import_figures(file, user=None) -> FiguresPreview:
    """Read and save in one step: SheetErrors, and nothing saved, if anything is wrong."""
    preview = prepare(file)
    save(preview, user=user)
    return preview
