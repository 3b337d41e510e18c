"""Counts from the website's enquiries (figures/counting.py): every enquiry adds one to each
measure counted from enquiries, by its day and the breakdown values its answers name; a label
no list holds is not counted and is logged; a locked year still counts; two at once both
count; nothing about the person is kept."""

import logging
import threading

import pytest
from django.conf import settings
from django.db import connection, transaction

from wagtail_minimum_standards.figures import periods
from wagtail_minimum_standards.figures.book import Book
from wagtail_minimum_standards.figures.counting import count_enquiry
from wagtail_minimum_standards.figures.models import Figure, ReportingYear

from .figure_factories import BreakdownListFactory, MeasureFactory, on

WEB_FORM = {"contact-route": "Web form", "age-group": "5 to 10 (primary school age)"}


@pytest.fixture
def measures(db):
    routes = BreakdownListFactory(key="contact-route", labels=["Telephone", "Web form", "Email"])
    ages = BreakdownListFactory(
        key="age-group", labels=["Under 5 (early years)", "5 to 10 (primary school age)"]
    )
    return {
        "routes": MeasureFactory(
            key="contact-routes", breakdown=routes, counted_from_enquiries=True
        ),
        "ages": MeasureFactory(
            key="enquiries-by-age-group",
            period=periods.MONTH,
            breakdown=ages,
            counted_from_enquiries=True,
        ),
        "all": MeasureFactory(
            key="web-enquiries", period=periods.TERM, counted_from_enquiries=True
        ),
        "typed": MeasureFactory(key="caseload"),  # entered by hand: never counted
    }


def value(measure, first_year, period=periods.WHOLE_YEAR, label=None):
    """The figure as the tracker's screens read it (None: no figure)."""
    year = ReportingYear.objects.get(starts_on=periods.year_starting(first_year))
    named = measure.breakdown.values.get(label=label) if label else None
    return Book([measure], [year]).value(measure, year, period, named)


def test_an_enquiry_adds_one_to_each_counted_measure_by_its_day_and_answers(measures):
    count_enquiry(on("15/11/2021"), WEB_FORM)
    count_enquiry(on("20/11/2021"), {**WEB_FORM, "age-group": "Under 5 (early years)"})
    count_enquiry(on("02/02/2022"), WEB_FORM)
    count_enquiry(on("01/09/2022"), WEB_FORM)  # the next reporting year

    routes, ages, every = measures["routes"], measures["ages"], measures["all"]
    assert value(routes, 2021, label="Web form") == 3
    assert value(routes, 2021, label="Telephone") is None  # entered by hand, not counted
    assert value(ages, 2021, period=3, label="5 to 10 (primary school age)") == 1  # November
    assert value(ages, 2021, period=3, label="Under 5 (early years)") == 1
    assert value(ages, 2021, period=6, label="5 to 10 (primary school age)") == 1  # February
    assert value(every, 2021, period=2) == 2  # Term 2: November and December
    assert value(every, 2021, period=3) == 1
    assert value(routes, 2022, label="Web form") == 1
    assert not Figure.objects.filter(measure=measures["typed"]).exists()


def test_a_label_no_list_holds_is_not_counted_and_is_logged(measures, caplog):
    with caplog.at_level(logging.WARNING, logger="wagtail_minimum_standards.figures.counting"):
        count_enquiry(on("15/11/2021"), {"contact-route": "Web form", "age-group": "26 and over"})
        count_enquiry(on("15/11/2021"), {"contact-route": "Web form"})

    assert value(measures["routes"], 2021, label="Web form") == 2
    assert not Figure.objects.filter(measure=measures["ages"]).exists()  # not under another
    assert value(measures["all"], 2021, period=2) == 2
    warnings = [record.getMessage() for record in caplog.records]
    assert warnings == [
        "Enquiry not counted in the measure 'enquiries-by-age-group': its list 'age-group' has "
        "no value '26 and over'. Add it to the list to count the enquiries that name it from "
        "now on.",
        "Enquiry not counted in the measure 'enquiries-by-age-group': it is broken down by the "
        "list 'age-group', which the website's enquiries do not answer.",
    ]


def test_a_locked_year_still_counts_and_what_was_entered_stays(measures):
    count_enquiry(on("15/11/2021"), WEB_FORM)
    year = ReportingYear.objects.get()
    year.approve(on("12/10/2022"))

    count_enquiry(on("16/11/2021"), WEB_FORM)

    year.refresh_from_db()
    assert year.is_locked
    assert value(measures["routes"], 2021, label="Web form") == 2


def test_a_count_keeps_no_one_in_its_history(measures):
    count_enquiry(on("15/11/2021"), WEB_FORM)
    count_enquiry(on("16/11/2021"), WEB_FORM)

    figure = Figure.objects.get(measure=measures["routes"])
    history = list(figure.history.all())
    assert [h.value for h in history] == [2, 1]
    assert {h.history_user_id for h in history} == {None}
    assert {h.history_change_reason for h in history} == {"Counted from an enquiry to the website"}


def test_with_no_measure_counted_from_enquiries_nothing_is_made(db):
    MeasureFactory(key="caseload")

    assert count_enquiry(on("15/11/2021"), WEB_FORM) == []
    assert not ReportingYear.objects.exists() and not Figure.objects.exists()


# In a bare Wagtail project the serialized rollback this test needs finds no default Locale
# when it restores the database (to be looked into); the site's suite runs it on PostgreSQL.
@pytest.mark.skipif(
    not settings.SETTINGS_MODULE.startswith("config."),
    reason="two at once: run in the site's own suite",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_enquiries_at_once_both_count(measures):
    """The first enquiry's transaction holds the year's new figures while the second is
    counted: the second waits for it, then counts on top of it."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL (SQLite locks the whole database)")
    counted, release = threading.Event(), threading.Event()
    failures = []

    def first():
        with transaction.atomic():
            count_enquiry(on("15/11/2021"), WEB_FORM)
            counted.set()  # counted, not yet committed
            assert release.wait(10)

    def second():
        with transaction.atomic():
            count_enquiry(on("16/11/2021"), WEB_FORM)

    def in_thread(work):
        def run():
            try:
                work()
            except Exception as error:  # noqa: BLE001 (reported by the test)
                failures.append(error)
            finally:
                connection.close()

        thread = threading.Thread(target=run)
        thread.start()
        return thread

    holding = in_thread(first)
    assert counted.wait(10)
    waiting = in_thread(second)
    waiting.join(0.5)
    waited = waiting.is_alive()  # the second waits for the first's rows
    release.set()
    holding.join(10)
    waiting.join(10)

    assert not failures and waited
    assert ReportingYear.objects.count() == 1
    assert value(measures["routes"], 2021, label="Web form") == 2
    assert value(measures["ages"], 2021, period=3, label="5 to 10 (primary school age)") == 2
    assert value(measures["all"], 2021, period=2) == 2
