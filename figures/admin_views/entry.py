"""Entering figures: choose a reporting year and a period (a month, a term or the whole year,
as the measures are counted) and get one grid of every measure counted that way (entry_grid).
Saved all or nothing, each change in its figure's history with who made it; a locked year
is shown read-only and refuses a save. The Advisory Group sees the same grid, read-only."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.menu import MenuItem

from wagtail_minimum_standards.compliance import dates

from .. import periods
from ..models import Figure, Measure, ReportingYear
from .access import can_read, can_run, requires
from .entry_grid import Grid, changed_by, read_cell, read_drawn, shown

ENTER = "minimum_standards_figures_enter"
KINDS = [periods.YEAR, periods.TERM, periods.MONTH]  # the order the choices are offered in
KIND_HEADINGS = {
    periods.YEAR: gettext_lazy("Counted for the whole year"),
    periods.TERM: gettext_lazy("Counted by term"),
    periods.MONTH: gettext_lazy("Counted by month"),
}


def choice(kind: str, period: int) -> str:
    """The period as the form names it: "year", "term-3", "month-11"."""
    return kind if kind == periods.YEAR else f"{kind}-{period}"


def read_choice(text: str, kinds) -> tuple[str, int] | None:
    kind, _sep, number = str(text or "").partition("-")
    if kind not in kinds:
        return None
    if kind == periods.YEAR:
        return (kind, periods.WHOLE_YEAR) if not number else None
    if number.isdigit() and periods.is_valid(kind, int(number)):
        return kind, int(number)
    return None


def period_choices(kinds, starts_on) -> list:
    """[(heading, [(value, label), ...]), ...]: the periods of the kinds measures use."""
    groups = []
    for kind in KINDS:
        if kind not in kinds:
            continue
        options = []
        for number in periods.numbers(kind):
            label = periods.label(kind, starts_on, number)
            if kind == periods.TERM:
                first = periods.label(periods.MONTH, starts_on, 2 * number - 1)
                last = periods.label(periods.MONTH, starts_on, 2 * number)
                label = _("%(term)s (%(first)s to %(last)s)") % {
                    "term": label,
                    "first": first.split()[0],
                    "last": last,
                }
            elif kind == periods.YEAR:
                label = _("The whole year (%(year)s)") % {"year": label}
            options.append((choice(kind, number), label))
        groups.append((str(KIND_HEADINGS[kind]), options))
    return groups


class Choice:
    """The year and period asked for (or today's), out of those there are."""

    def __init__(self, params, today):
        current = periods.year_start_of(today)
        self.years = list(ReportingYear.objects.all())
        starts = sorted({y.starts_on for y in self.years} | {current}, reverse=True)
        asked = str(params.get("year", ""))
        wanted = periods.year_starting(int(asked)) if asked.isdigit() and len(asked) == 4 else None
        self.starts_on = wanted if wanted in starts else current
        self.refused = []  # what was asked for that the form does not offer: (field, value)
        if asked and wanted not in starts:
            self.refused.append((_("Reporting year"), asked))
        self.year_options = [(s.year, periods.year_label(s)) for s in starts]
        self.year = next((y for y in self.years if y.starts_on == self.starts_on), None)
        self.kinds = set(Measure.objects.values_list("period", flat=True).distinct())
        self.period_options = period_choices(self.kinds, self.starts_on)
        chosen = read_choice(params.get("period"), self.kinds)
        if params.get("period") and chosen is None:
            self.refused.append((_("Period"), str(params.get("period"))))
        if chosen is None and self.kinds:
            kind = next(k for k in KINDS if k in self.kinds)
            number = periods.numbers(kind)[0]
            if self.starts_on == current:
                number = periods.period_of(kind, today)
            chosen = (kind, number)
        self.kind, self.period = chosen or (None, None)

    @property
    def label(self) -> str:
        label = periods.label(self.kind, self.starts_on, self.period)
        if self.period == periods.WHOLE_YEAR:
            return label
        return f"{label}, {periods.year_label(self.starts_on)}"

    def url(self) -> str:
        query = {"year": self.starts_on.year, "period": choice(self.kind, self.period)}
        return f"{reverse(ENTER)}?{urlencode(query)}"


def _same(a, b) -> bool:
    return a == b  # None, or Decimals compared as numbers (12 == 12.00)


def _save(request, chosen):
    """The POSTed grid checked and saved in one transaction: (grid, saved count), the grid
    holding every refusal; nothing is saved if any cell is refused."""
    with transaction.atomic():
        year = chosen.year or ReportingYear.objects.get_or_create(starts_on=chosen.starts_on)[0]
        year = ReportingYear.objects.select_for_update().get(pk=year.pk)
        chosen.year = year
        grid = Grid(year, chosen.kind, chosen.period, for_update=True)
        if year.is_locked:
            return grid, None
        drawn = read_drawn(request.POST.get("drawn"))
        changes = []
        for cell in grid.cells:
            if cell.name not in request.POST:
                continue  # not sent: left as it is
            text = str(request.POST[cell.name])
            value, error = read_cell(text, cell.measure.decimal_places)
            before = cell.stored if drawn is None else drawn.get(cell.name)
            if error:
                cell.typed, cell.error = text, error
            elif _same(value, before):
                continue  # untouched: what is stored now stays (someone else's change too)
            elif not _same(cell.stored, before):
                cell.typed = text
                now = shown(cell.stored, cell.measure.decimal_places) or _("blank")
                cell.error = _(
                    "%(person)s changed this after you opened the form: it is now %(now)s. "
                    "Check it, then save again to replace it with yours."
                ) % {"person": changed_by(cell, year, chosen.period), "now": now}
            else:
                cell.typed = text
                changes.append((cell, value))
        if grid.errors:
            transaction.set_rollback(True)  # all or nothing (a year made for it too)
            return grid, 0
        reason = _("Entered for %(period)s") % {"period": chosen.label}
        for cell, value in changes:
            _write(cell, value, year, chosen.period, request.user, reason)
        return grid, len(changes)


def _write(cell, value, year, period, user, reason):
    figure = cell.figure
    if figure is None:
        figure = Figure(
            measure=cell.measure,
            year=year,
            period=period,
            breakdown_value=cell.breakdown_value,
            value=value,
        )
    figure._history_user = user
    figure._change_reason = reason
    if value is None:
        figure.delete()
    elif figure.pk:
        figure.value = value
        figure.save(update_fields=["value"])
    else:
        figure.save()


@requires(can_read)
def enter_figures(request):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if request.method == "POST" and not can_run(request.user):
        raise PermissionDenied
    params = request.POST if request.method == "POST" else request.GET
    chosen = Choice(params, timezone.localdate())
    grid, status = None, 200
    if request.method == "POST" and chosen.refused:
        for name, value in chosen.refused:  # never saved in another year or period
            messages.error(
                request,
                _("Nothing was saved: %(field)s “%(value)s” is not one this form offers.")
                % {"field": name, "value": value[:20]},
            )
        return redirect(chosen.url() if chosen.kind else reverse(ENTER))
    if request.method == "POST" and chosen.kind is not None:
        grid, saved = _save(request, chosen)
        if saved is None:
            messages.error(request, _("Nothing was saved.") + " " + _locked_message(chosen.year))
            return redirect(chosen.url())
        if not grid.errors:
            if saved:
                messages.success(
                    request,
                    ngettext(
                        "Saved %(count)d figure for %(period)s.",
                        "Saved %(count)d figures for %(period)s.",
                        saved,
                    )
                    % {"count": saved, "period": chosen.label},
                )
            else:
                messages.info(request, _("Nothing had changed: no figure was saved."))
            return redirect(chosen.url())
        status = 200  # the grid again, every refusal named and everything typed kept
    elif chosen.kind is not None:
        grid = Grid(chosen.year, chosen.kind, chosen.period)
    locked = chosen.year is not None and chosen.year.is_locked
    context = {
        "title": _("Enter figures") if can_run(request.user) else _("Figures by period"),
        "chosen": chosen,
        "chosen_value": choice(chosen.kind, chosen.period) if chosen.kind else "",
        "grid": grid,
        "locked_message": _locked_message(chosen.year) if locked else "",
        "editable": can_run(request.user) and not locked,
        "measures_url": reverse("minimum_standards_figures_measure_modeladmin_index"),
    }
    return TemplateResponse(
        request, "minimum_standards_figures/admin/enter.html", context, status=status
    )


def _locked_message(year) -> str:
    if year.approved_on:
        return _(
            "The figures for %(year)s are locked: its annual report was approved on %(day)s. "
            "The manager may unlock the year (Figures → Reporting years), saying why."
        ) % {"year": year, "day": dates.in_words(year.approved_on)}
    return _(
        "The figures for %(year)s are locked: its annual report was approved. The manager "
        "may unlock the year (Figures → Reporting years), saying why."
    ) % {"year": year}


class EnterFiguresMenuItem(MenuItem):
    """The entry form, for the manager ("Enter figures") and the Advisory Group, who read it."""

    def __init__(self):
        super().__init__(
            gettext_lazy("Enter figures"),
            reverse_lazy("minimum_standards_figures_enter"),
            name="enter-figures",
            icon_name="edit",
            order=5,
        )

    def is_shown(self, request):
        return can_run(request.user)


class FiguresScreenMenuItem(MenuItem):
    """The Figures screen (screen.py): the year against last year and the target, for both."""

    def __init__(self):
        super().__init__(
            gettext_lazy("The year's figures"),
            reverse_lazy("minimum_standards_figures_screen"),
            name="figures-screen",
            icon_name="table",
            order=4,
        )

    def is_shown(self, request):
        return can_read(request.user)


class FiguresSpreadsheetsMenuItem(MenuItem):
    """The figures' spreadsheets (spreadsheets.py): downloads for both, the upload for the
    manager."""

    def __init__(self):
        super().__init__(
            gettext_lazy("Spreadsheets"),
            reverse_lazy("minimum_standards_figures_spreadsheets"),
            name="figures-spreadsheets",
            icon_name="doc-full",
            order=6,
        )

    def is_shown(self, request):
        return can_read(request.user)


class FiguresByPeriodMenuItem(MenuItem):
    def __init__(self):
        super().__init__(
            gettext_lazy("Figures by period"),
            reverse_lazy("minimum_standards_figures_enter"),
            name="figures-by-period",
            icon_name="view",
            order=5,
        )

    def is_shown(self, request):
        return can_read(request.user) and not can_run(request.user)
