"""The Figures screen: a year's figures (the latest with figures unless another is chosen)
against last year and the target, with each measure's definition and breakdown; the periods
of measures counted by term or month; the trend over up to 10 years; and the charts. For the
Service manager and the Advisory Group, in a fixed number of queries however many years,
measures and breakdown values there are."""

from dataclasses import dataclass

from django.http import Http404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from wagtail_minimum_standards.compliance import questions

from .. import charts, periods
from ..book import Book, years_up_to
from ..models import Figure, ReportingYear
from ..tables import period_table, year_tables
from .access import can_read, requires


@dataclass
class MeasureView:
    """What the screen shows below a table for one of its measures."""

    measure: object
    periods: object | None  # tables.PeriodTable, for a measure counted by term or month
    chart: object | None
    trend: object | None


def chosen_year(request) -> ReportingYear | None:
    """The year asked for (?year=2021-22's id), else the latest with figures, else the latest."""
    asked = request.GET.get("year")
    if asked:
        try:
            return ReportingYear.objects.get(pk=int(asked))
        except (ValueError, ReportingYear.DoesNotExist):
            raise Http404 from None
    with_figures = Figure.objects.order_by("-year__starts_on").values_list("year", flat=True)
    latest = with_figures.first()
    if latest is not None:
        return ReportingYear.objects.get(pk=latest)
    return ReportingYear.objects.order_by("-starts_on").first()


def measure_views(book: Book, year, shown_years) -> list[MeasureView]:
    views = []
    for measure in book.measures:
        table = None
        if measure.period != periods.YEAR:
            table = period_table(book, measure, shown_years)
        views.append(
            MeasureView(
                measure,
                table,
                charts.against_last_year(book, measure, year),
                charts.trend(book, measure),
            )
        )
    return views


@requires(can_read)
@require_safe
def figures_screen(request):
    year = chosen_year(request)
    context = {
        "year": year,
        "years": list(ReportingYear.objects.order_by("-starts_on")),
        "may_ask": questions.may_ask(request.user),
    }
    if year is not None:
        book = Book.for_years(years_up_to(year, 10))
        last_year = book.previous(year)
        shown = [y for y in (last_year, year) if y is not None]
        views = {view.measure.pk: view for view in measure_views(book, year, shown)}
        tables = year_tables(book, year)
        context.update(
            last_year=last_year,
            trend_years=book.years,
            tables=[
                (table, [views[pk] for pk in dict.fromkeys(row.measure.pk for row in table.rows)])
                for table in tables
            ],
        )
    return TemplateResponse(request, "minimum_standards_figures/admin/figures.html", context)
