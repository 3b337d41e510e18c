"""Run by bench/annual_report.py with the site's settings: 10 years × 50 measures × 10
breakdown values, then the annual report's Word document built and timed (annual_report.py)."""

import gc
import statistics
import sys
import time
from decimal import Decimal

import django

django.setup()

from django.db import connection  # noqa: E402  (after setup)
from django.test.utils import CaptureQueriesContext  # noqa: E402

from wagtail_minimum_standards.compliance.models import SelfAssessment  # noqa: E402
from wagtail_minimum_standards.figures import charts, periods  # noqa: E402
from wagtail_minimum_standards.figures.book import Book, years_up_to  # noqa: E402
from wagtail_minimum_standards.figures.models import (  # noqa: E402
    BreakdownList,
    BreakdownValue,
    Figure,
    Measure,
    ReportingYear,
)  # fmt: skip
from wagtail_minimum_standards.plans.annual_report import annual_report_docx  # noqa: E402
from wagtail_minimum_standards.plans.models import AnnualReport, DeliveryPlan  # noqa: E402
from wagtail_minimum_standards.plans.report_charts import chart_png  # noqa: E402

YEARS, MEASURES, VALUES, CHARTS = 10, 50, 10, 10
WORDS = "The service supported more families than ever, in every part of the county. "


def kind(n: int) -> str:
    return periods.TERM if n % 10 == 1 else periods.MONTH if n % 10 == 2 else periods.YEAR


def build() -> ReportingYear:
    years = [
        ReportingYear.objects.get_or_create(starts_on=periods.year_starting(2012 + n))[0]
        for n in range(YEARS)
    ]
    lists = BreakdownList.objects.bulk_create(
        BreakdownList(key=f"bench-list-{n}", name=f"Bench list {n}") for n in range(MEASURES)
    )
    values = BreakdownValue.objects.bulk_create(
        BreakdownValue(breakdown=each, label=f"Value {k} of list {n}", sort_order=k)
        for n, each in enumerate(lists)
        for k in range(VALUES)
    )
    measures = Measure.objects.bulk_create(
        Measure(
            key=f"bench-{n}", name=f"Measure {n}", definition=WORDS, unit="families",
            period=kind(n), breakdown=lists[n], group=f"Table {n // 5 + 1}", position=1000 + n,
            target=Decimal(500) if n % 10 == 3 else None,
        )
        for n in range(MEASURES)
    )  # fmt: skip
    Figure.objects.bulk_create(
        Figure(
            measure=measure, year=year, period=period, value=Decimal(10 + (n + k + p) % 90),
            breakdown_value=values[n * VALUES + k],
        )
        for n, measure in enumerate(measures)
        for year in years
        for p, period in enumerate(periods.numbers(measure.period))
        for k in range(VALUES)
    )  # fmt: skip
    report = AnnualReport.objects.get(year=years[-1])
    for section in report.sections.all():
        section.text = "\n\n".join([WORDS * 6] * 4)
        section.save()
    report.charts = measures[:CHARTS]  # a chart for each of ten (the seed report has three)
    report.save()
    return years[-1]


def median_seconds(action, repeat=3) -> float:
    """As bench/measure_plan_export.py: garbage collected before each run, not during it."""
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return statistics.median(times)


def charts_of(report) -> list:
    """The charts the document draws, as figures.charts makes them."""
    book = Book.for_years(years_up_to(report.year, 10))
    found = []
    for measure in book.measures:
        if measure.pk in report.charted_ids():
            found.append(charts.against_last_year(book, measure, report.year))
            if measure.target is not None:
                found.append(charts.trend(book, measure))
    return [chart for chart in found if chart is not None]


def queries_of(report) -> int:
    with CaptureQueriesContext(connection) as queries:
        annual_report_docx(report)
    return len(queries)


def main() -> None:
    one = Measure.objects.create(key="bench-one", name="One measure", unit="families")
    year = ReportingYear.objects.get_or_create(starts_on=periods.year_starting(2012 + YEARS - 1))[0]
    Figure.objects.create(measure=one, year=year, value=Decimal(5))
    report = AnnualReport.start(year)
    report.assessment = SelfAssessment.objects.filter(status="ratified").first()
    report.plan = DeliveryPlan.objects.first()
    report.save()
    annual_report_docx(report)  # the first build fills caches (content types, settings) once
    few = queries_of(report)
    build()
    many = queries_of(report)
    size = len(annual_report_docx(report))
    seconds = median_seconds(lambda: annual_report_docx(report))
    drawn = charts_of(report)
    drawing = median_seconds(lambda: [chart_png(chart) for chart in drawn])
    print(f"{Figure.objects.count():,} figures, {Measure.objects.count()} measures, "
          f"{ReportingYear.objects.count()} years; the document {size / 1024:,.0f} KB")  # fmt: skip
    print(f"annual_report_docx: {seconds * 1000:,.0f} ms (median of 3; goal: at most 3,000 ms)")
    print(f"of which drawing its {len(drawn)} charts: {drawing * 1000:,.0f} ms "
          f"({drawing * 1000 / max(1, len(drawn)):,.0f} ms a chart)")  # fmt: skip
    print(f"queries: {many} with every measure, {few} with one; appendices: "
          f"{report.assessment or 'none'}, {report.plan or 'none'}")  # fmt: skip
    sys.exit(0 if seconds <= 3 and many == few else 1)


if __name__ == "__main__":
    main()
