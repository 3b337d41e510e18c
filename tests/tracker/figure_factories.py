"""Factories for the figures (wagtail_minimum_standards.figures): measures, their breakdown
lists, reporting years and figures. Nothing of the site, so the tracker's own suite uses them
in a bare project too."""

import datetime
from decimal import Decimal

import factory

from wagtail_minimum_standards.figures import periods
from wagtail_minimum_standards.figures.models import (
    BreakdownList,
    BreakdownValue,
    Figure,
    Measure,
    ReportingYear,
)


class ReportingYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingYear
        django_get_or_create = ("starts_on",)

    starts_on = factory.Sequence(lambda n: periods.year_starting(2015 + n))


def year(first_year: int) -> ReportingYear:
    """The reporting year that starts in `first_year` (2021: 2021-22)."""
    return ReportingYearFactory(starts_on=periods.year_starting(first_year))


class BreakdownListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BreakdownList
        django_get_or_create = ("key",)
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"list-{n}")
    name = factory.Sequence(lambda n: f"List {n}")

    @factory.post_generation
    def labels(self, create, extracted, **kwargs):
        for position, label in enumerate(extracted or []):
            BreakdownValue.objects.create(breakdown=self, label=label, sort_order=position)


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"measure-{n}")
    name = factory.Sequence(lambda n: f"Measure {n}")
    definition = "What is counted."
    unit = "families"
    period = periods.YEAR
    position = factory.Sequence(int)


def figure(measure, in_year, value, period=periods.WHOLE_YEAR, label=None) -> Figure:
    """A figure for `measure` in `in_year` (a ReportingYear), for the breakdown value `label`."""
    breakdown_value = (
        BreakdownValue.objects.get(breakdown=measure.breakdown, label=label) if label else None
    )
    return Figure.objects.create(
        measure=measure,
        year=in_year,
        period=period,
        breakdown_value=breakdown_value,
        value=Decimal(value),
    )


def on(day: str) -> datetime.date:
    """ "30/06/2027" as a date."""
    return datetime.datetime.strptime(day, "%d/%m/%Y").date()
