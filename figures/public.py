"""The public report card: the measures flagged public, for the latest year with figures,
against their target and last year, with the same charts as the Figures screen. Shown on the
tracker's “How we are doing” page (compliance.pages, through its PUBLIC_PARTS_HOOK); nothing
of a measure not flagged public."""

from django.template.loader import render_to_string
from django.utils import timezone

from .book import Book
from .charts import against_last_year
from .models import Figure, Measure, ReportingYear
from .tables import year_tables


def report_card(page=None) -> str:
    """The report card's HTML, or "" if no public measure has a figure: a fixed number of
    queries."""
    measures = list(
        Measure.objects.filter(public=True)
        .select_related("breakdown")
        .prefetch_related("breakdown__values")
    )
    latest = (
        Figure.objects.filter(measure__in=measures)
        .order_by("-year__starts_on")
        .values_list("year", flat=True)
        .first()
        if measures
        else None
    )
    if latest is None:
        return ""
    year = ReportingYear.objects.get(pk=latest)
    years = [y for y in (year.previous(), year) if y is not None]
    book = Book(measures, years)
    shown = [m for m in measures if book.has_figures(m, year)]
    in_progress = timezone.localdate() <= year.ends_on
    tables = year_tables(book, year, measures=shown)
    if in_progress:  # a target is for the whole year: not yet missed
        for table in tables:
            for row in table.rows:
                if row.met_target is False:
                    row.met_target = None
    context = {
        "year": year,
        "in_progress": in_progress,
        "tables": tables,
        "charts": [c for c in (against_last_year(book, m, year) for m in shown) if c],
    }
    return render_to_string("minimum_standards_figures/public_report_card.html", context)
