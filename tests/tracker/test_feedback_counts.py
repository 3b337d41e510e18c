"""Counts from the website's feedback (figures/counting.py `count_feedback`): counted when it
arrives by the labels the site gives, a label given later added and taken off (never below
nought), measures not flagged never counted; and the measures workbook's optional column."""

import io

from openpyxl import Workbook

from wagtail_minimum_standards.figures import periods
from wagtail_minimum_standards.figures.counting import count_feedback
from wagtail_minimum_standards.figures.models import Figure, Measure
from wagtail_minimum_standards.figures.spreadsheets.measures import import_measures
from wagtail_minimum_standards.figures.spreadsheets.measures_export import export_measures
from wagtail_minimum_standards.figures.spreadsheets.template import LIST_COLUMNS, MEASURE_COLUMNS

from .figure_factories import BreakdownListFactory, MeasureFactory, on


def total(measure, label=None, month=None):
    figures = Figure.objects.filter(measure=measure)
    if label:
        figures = figures.filter(breakdown_value__label=label)
    if month:
        figures = figures.filter(period=month)
    return sum(f.value for f in figures)


def test_feedback_counts_when_it_arrives_and_themes_come_and_go(db):
    ratings = BreakdownListFactory(key="feedback-rating", labels=["Good", "Poor"])
    themes = BreakdownListFactory(key="feedback-theme", labels=["Phones", "Waiting"])
    by_rating = MeasureFactory(breakdown=ratings, period=periods.MONTH, counted_from_feedback=True)
    by_theme = MeasureFactory(breakdown=themes, period=periods.MONTH, counted_from_feedback=True)
    every = MeasureFactory(counted_from_feedback=True)
    enquiries = MeasureFactory(counted_from_enquiries=True)

    count_feedback(on("15/11/2026"), {"feedback-rating": "Poor"})
    count_feedback(on("20/11/2026"), {"feedback-rating": "Good"})
    count_feedback(on("15/11/2026"), {"feedback-theme": "Phones"}, arrived=False)
    count_feedback(on("15/11/2026"), {"feedback-theme": "Waiting"}, arrived=False)
    count_feedback(on("15/11/2026"), {"feedback-theme": "Waiting"}, change=-1, arrived=False)
    count_feedback(on("15/11/2026"), {"feedback-theme": "Waiting"}, change=-1, arrived=False)

    assert total(by_rating, "Poor") == 1 and total(by_rating, "Good") == 1
    assert total(every) == 2  # counted on arrival only, not again for each theme
    assert total(by_theme, "Phones") == 1
    assert total(by_theme, "Waiting") == 0  # never below nought
    assert total(enquiries) == 0
    november = periods.period_of(periods.MONTH, on("15/11/2026"))
    assert total(by_theme, "Phones", month=november) == 1
    figure = Figure.objects.get(measure=by_theme, breakdown_value__label="Phones")
    last = figure.history.order_by("-history_id").first()
    assert last.history_user is None
    assert last.history_change_reason == "Counted from feedback to the website"


def test_the_measures_workbook_carries_the_feedback_flag_and_may_leave_it_out(db):
    MeasureFactory(key="feedback-received", counted_from_feedback=True)

    exported = export_measures()
    heading = [cell.value for cell in exported["Measures"][1]]
    row = [cell.value for cell in exported["Measures"][2]]
    assert heading[-1] == "counted from feedback" and row[-1] == "yes"

    older = Workbook()
    sheet = older.active
    sheet.title = "Measures"
    columns = [c for c in MEASURE_COLUMNS if c != "counted from feedback"]
    sheet.append(columns)
    sheet.append(["visits", "Visits", "", "visits", "term", "total", "", "", 0, "", "", "no", "no"])
    older.create_sheet("Breakdown lists").append(LIST_COLUMNS)
    saved = io.BytesIO()
    older.save(saved)
    saved.seek(0)
    import_measures(saved)

    assert Measure.objects.get(key="visits").counted_from_feedback is False
