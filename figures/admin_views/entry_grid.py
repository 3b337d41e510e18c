"""The entry form's grid for one reporting year and one period: a row for each measure
counted by that period (grouped under its table's heading), a cell for each value of its
breakdown list, or one for its total where it has none. Drawn in a fixed number of queries
however many measures and values there are.

What a person typed is read cell by cell (`read_cell`): blank is no figure; a negative
number, text that is not a number, or more decimal places than the measure allows is refused
with the cell named, and everything else typed is kept.

Two people at once: the form carries each figure's value as it was drawn. A cell the person
changed whose figure someone else changed since is refused, naming who; a cell the person left
alone keeps what the other person saved.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail_minimum_standards.compliance.people import name_of

from ..models import BreakdownValue, Figure, Measure

NUMBER = re.compile(r"(\d+(\.\d*)?|\.\d+)")
THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d*)?")
LARGEST = Decimal("999999999999.99")  # the figure's 14 digits, 2 of them after the point


@dataclass
class Cell:
    name: str  # the input's name: "f12" (a total), "f12-40" (breakdown value 40)
    label: str  # "Girls", or "Total"
    measure: Measure
    breakdown_value: BreakdownValue | None
    figure: Figure | None = None  # as stored
    typed: str = ""  # what the input shows
    error: str = ""

    @property
    def stored(self) -> Decimal | None:
        return self.figure.value if self.figure is not None else None

    @property
    def full_name(self) -> str:
        """The cell as an error names it: "Caseload, Girls" or "Caseload"."""
        if self.breakdown_value is None:
            return self.measure.name
        return f"{self.measure.name}, {self.label}"


@dataclass
class Row:
    measure: Measure
    cells: list


@dataclass
class Group:
    heading: str
    rows: list = field(default_factory=list)


def shown(value: Decimal | None, places: int) -> str:
    """A stored figure as the input shows it: 493, 12.5 (never 493.00)."""
    if value is None:
        return ""
    return f"{value:.{places}f}"


class Grid:
    def __init__(self, year, kind: str, period: int, for_update=False):
        """`year`: a ReportingYear, or None for one not started yet (no figures)."""
        self.year, self.kind, self.period = year, kind, period
        measures = list(Measure.objects.filter(period=kind).select_related("breakdown"))
        lists = {m.breakdown_id for m in measures} - {None}
        values: dict = {}
        for value in BreakdownValue.objects.filter(breakdown_id__in=lists):
            values.setdefault(value.breakdown_id, []).append(value)
        stored = {}
        if year is not None and year.pk:
            found = Figure.objects.filter(year=year, period=period, measure__in=measures).order_by()
            if for_update:  # saving: the figures as stored, held until it is done
                found = found.select_for_update()
            stored = {(f.measure_id, f.breakdown_value_id): f for f in found}
        self.groups: list[Group] = []
        by_heading: dict = {}
        self.cells: list[Cell] = []
        for measure in measures:
            if measure.breakdown_id:
                cells = [
                    Cell(f"f{measure.pk}-{value.pk}", value.label, measure, value)
                    for value in values.get(measure.breakdown_id, [])
                ]
            else:
                cells = [Cell(f"f{measure.pk}", _("Total"), measure, None)]
            for cell in cells:
                value_id = cell.breakdown_value.pk if cell.breakdown_value else None
                cell.figure = stored.get((measure.pk, value_id))
                cell.typed = shown(cell.stored, measure.decimal_places)
            self.cells.extend(cells)
            if measure.group not in by_heading:
                by_heading[measure.group] = Group(measure.group)
                self.groups.append(by_heading[measure.group])
            by_heading[measure.group].rows.append(Row(measure, cells))

    @property
    def errors(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.error]

    def drawn(self) -> str:
        """The figures as this grid shows them, for the form to carry: "f12=493 f12-40=3"."""
        return " ".join(f"{c.name}={c.stored}" for c in self.cells if c.figure is not None)


def read_drawn(text: str | None) -> dict | None:
    """{cell name: value as drawn} from the form's `drawn`; None if the form did not carry it
    (sent by a script without drawing it: the figures are taken as they are)."""
    if text is None:
        return None
    drawn = {}
    for pair in text.split():
        name, _sep, value = pair.partition("=")
        try:
            drawn[name] = Decimal(value)
        except InvalidOperation:
            continue
    return drawn


def read_cell(text: str, places: int) -> tuple[Decimal | None, str]:
    """(the figure typed, "") or (None, why it is refused); blank is (None, "")."""
    text = "".join(text.split())
    if not text:
        return None, ""
    negative = text.startswith("-")
    digits = text.removeprefix("-")
    if THOUSANDS.fullmatch(digits):
        digits = digits.replace(",", "")
    if not NUMBER.fullmatch(digits):
        return None, _("Enter a number, such as 12, or leave it blank for no figure.")
    value = Decimal(digits)
    if negative and value != 0:
        return None, _("A figure cannot be negative: enter 0 or more.")
    if value > LARGEST:
        return None, _("That is too large for a figure.")
    decimals = len(digits.partition(".")[2].rstrip("0"))
    if decimals > places:
        if places == 0:
            return None, _("Enter a whole number: this measure has no decimal places.")
        return None, ngettext(
            "Enter at most %(places)d decimal place.",
            "Enter at most %(places)d decimal places.",
            places,
        ) % {"places": places}
    return value, ""


def changed_by(cell: Cell, year, period: int) -> str:
    """Who last changed the cell's figure, or deleted it, since the form was drawn."""
    if cell.figure is not None:
        rows = cell.figure.history.all()
    else:
        value = cell.breakdown_value
        rows = Figure.history.filter(
            measure_id=cell.measure.pk,
            year_id=year.pk,
            period=period,
            breakdown_value_id=value.pk if value else None,
        )
    last = rows.select_related("history_user").order_by("-history_date", "-history_id").first()
    if last is not None and last.history_user is not None:
        return name_of(last.history_user)
    if cell.measure.counted_from_enquiries:
        return _("the website's enquiries")
    if cell.measure.counted_from_feedback:
        return _("the website's feedback")
    return _("someone else")
