"""The figures' core: reporting years and their periods, what is derived from the figures
(never typed), the lock once a year's report is approved, and counts that two requests at
once both make."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail_minimum_standards.figures import periods
from wagtail_minimum_standards.figures.book import Book, to_date
from wagtail_minimum_standards.figures.models import Figure, ReportingYear, YearLocked
from wagtail_minimum_standards.figures.models.figures import add_one

from .figure_factories import BreakdownListFactory, MeasureFactory, figure, on, year


def test_a_reporting_year_runs_from_september_and_its_periods_are_named(settings):
    assert periods.year_start_of(on("31/08/2022")) == datetime.date(2021, 9, 1)
    assert periods.year_start_of(on("01/09/2022")) == datetime.date(2022, 9, 1)
    assert periods.year_label(datetime.date(2021, 9, 1)) == "2021-22"
    assert periods.period_of("term", on("15/11/2021")) == 2
    assert periods.period_of("month", on("15/08/2022")) == 12
    assert periods.label("month", datetime.date(2021, 9, 1), 5) == "January 2022"
    assert periods.label("term", datetime.date(2021, 9, 1), 6) == "Term 6"
    settings.MINIMUM_STANDARDS_YEAR_START_MONTH = 4
    assert periods.year_start_of(on("31/03/2023")) == datetime.date(2022, 4, 1)
    assert periods.year_label(datetime.date(2022, 4, 1)) == "2022-23"


@pytest.mark.django_db
def test_table_1_referrals_a_term_this_year_against_last():
    referrals = MeasureFactory(key="new-referrals", period="term")
    last, this = year(2020), year(2021)
    for term, value in enumerate([98, 79, 47, 72, 80, 71], start=1):
        figure(referrals, last, value, period=term)
    for term, value in enumerate([131, 106, 135, 118, 86, 103], start=1):
        figure(referrals, this, value, period=term)
    book = Book([referrals], [last, this])
    assert book.year_value(referrals, this) == 679
    assert book.year_value(referrals, last) == 447
    change = book.change(referrals, this)
    assert change.difference == 232 and change.percent == Decimal("51.9")
    # the year to date: the first three terms against last year's first three
    upto = to_date(referrals, this, on("10/01/2022"))
    assert upto == 3
    assert book.change(referrals, this, upto=upto).difference == 372 - 224
    assert book.average_a_month(referrals, this) == Decimal(679) / 12


@pytest.mark.django_db
def test_table_3_breakdowns_total_and_the_target_is_met_or_not():
    gender = BreakdownListFactory(key="gender", labels=["Boys", "Girls", "Unknown"])
    supported = MeasureFactory(key="cyp-by-gender", breakdown=gender, target=500)
    this = year(2021)
    for label, value in [("Boys", 238), ("Girls", 137), ("Unknown", 118)]:
        figure(supported, this, value, label=label)
    book = Book.for_years([this])
    assert book.year_value(supported, this) == 493
    assert book.met_target(supported, this) is False
    supported.target = 493
    assert book.met_target(supported, this) is True


@pytest.mark.django_db
def test_the_book_reads_every_figure_in_one_query():
    gender = BreakdownListFactory(key="gender", labels=["Boys", "Girls"])
    measures = [MeasureFactory(breakdown=gender, period="month") for _ in range(5)]
    years = [year(2012 + n) for n in range(10)]
    for measure in measures:
        for in_year in years:
            for month in range(1, 13):
                figure(measure, in_year, month, period=month, label="Girls")
    with CaptureQueriesContext(connection) as queries:
        book = Book.for_years(years)
        totals = [book.year_value(m, y) for m in book.measures for y in years]
    assert totals == [Decimal(78)] * 50
    assert len(queries) == 3  # the measures, their lists' values, the figures


@pytest.mark.django_db
def test_an_approved_year_refuses_changes_until_unlocked_with_a_reason():
    measure = MeasureFactory()
    this = year(2021)
    entered = figure(measure, this, 493)
    this.approve(on("12/10/2022"))
    entered.value = 494
    with pytest.raises(YearLocked):
        entered.save()
    with pytest.raises(YearLocked):
        entered.delete()
    with pytest.raises(ValidationError):
        this.unlock("  ")
    this.unlock("Caseload recounted")
    entered.save()
    assert Figure.objects.get().value == 494
    reasons = [h.history_change_reason for h in this.history.all()]
    assert "Unlocked: Caseload recounted" in reasons and "Annual report approved" in reasons


@pytest.mark.django_db
def test_a_count_adds_one_even_in_a_locked_year_and_keeps_its_history():
    web = MeasureFactory(key="enquiries")
    this = ReportingYear.objects.for_day(on("03/03/2022"))
    add_one(web, this, 0, reason="Counted from an enquiry")
    this.approve(on("12/10/2022"))
    add_one(web, this, 0, reason="Counted from an enquiry")
    assert Figure.objects.get().value == 2
    assert Figure.objects.get().history.count() == 2


@pytest.mark.django_db
def test_the_tables_and_charts_say_this_year_against_last_in_the_reports_words():
    from wagtail_minimum_standards.figures.charts import against_last_year, trend
    from wagtail_minimum_standards.figures.tables import period_table, year_tables

    routes = BreakdownListFactory(key="contact-route", labels=["Web form", "Email"])
    contacts = MeasureFactory(
        name="How people contacted us", unit="contacts", breakdown=routes, group="Contacts"
    )
    caseload = MeasureFactory(name="Caseload (families)", group="Table 2", target=500)
    last, this = year(2020), year(2021)
    figure(caseload, last, 430)
    figure(caseload, this, 493)
    figure(contacts, last, 40, label="Web form")
    figure(contacts, this, 60, label="Web form")
    figure(contacts, this, 172, label="Email")
    book = Book.for_years([last, this])
    tables = year_tables(book, this)
    assert [t.heading for t in tables] == ["Contacts", "Table 2"]
    assert [(r.label, r.with_last_year()) for r in tables[0].rows] == [
        ("How people contacted us", "232 (40)"),
        ("Web form", "60 (40)"),
        ("Email", "172"),
    ]
    caseload_row = tables[1].rows[0]
    assert caseload_row.with_last_year() == "493 (430)"
    assert caseload_row.change_text() == "+63 (+14.7 %)"
    assert caseload_row.met_target is False
    chart = against_last_year(book, contacts, this)
    assert chart.categories == ["Web form", "Email"]
    assert chart.description == (
        "How people contacted us, in contacts. 2020-21: Web form (40), Email (–); "
        "2021-22: Web form (60), Email (172)."
    )
    assert trend(book, caseload).categories == ["2020-21", "2021-22"]
    assert against_last_year(book, caseload, this) is None  # one number: a table's
    assert period_table(book, caseload, [last, this]).texts()[1][1] == ["493"]
