"""Seeing the figures in a browser: the Figures screen (Advisory Group) and the public report
card on “How we are doing”, at 320 x 640 and at 1280 x 800 zoomed to 200 %: nothing cut off,
no axe-core violation, and the charts' text still readable."""

import datetime
import re
from decimal import Decimal

import pytest

from wagtail_minimum_standards.figures.models import (
    BreakdownList,
    BreakdownValue,
    Figure,
    Measure,
    ReportingYear,
)

from .conftest import PageProblems, sign_in
from .test_reflow import REFLOW, reflow_problems

pytestmark = pytest.mark.browser

# A chart's name: its title, then its description (the same figures in words).
CONTACTS = re.compile(
    r"^How people contacted us \(test\) How people contacted us \(test\), in contacts\. "
    r"2020-21: Web form \(0\),"
)

# The smallest rendered height of a chart's text (px), and how wide the drawing is.
CHART_TEXT_JS = """() => [...document.querySelectorAll('svg[role=img]')].map(svg => ({
  width: svg.getBoundingClientRect().width,
  smallest: Math.min(...[...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect().height)),
  right: Math.max(...[...svg.querySelectorAll('text, rect')].map(e => e.getBoundingClientRect().right)),
  svgRight: svg.getBoundingClientRect().right,
}))"""


def seed_figures():
    """Table 1's referrals by term, families against the SLA's 500 and the contact routes
    (public), for 2020-21 and 2021-22."""
    last = ReportingYear.objects.get_or_create(starts_on=datetime.date(2020, 9, 1))[0]
    this = ReportingYear.objects.get_or_create(starts_on=datetime.date(2021, 9, 1))[0]
    routes = BreakdownList.objects.create(key="browser-routes", name="Contact route")
    values = [BreakdownValue.objects.create(breakdown=routes, label=label, sort_order=n) for n, label in enumerate(
        ["Web form", "Voice mail", "Text", "Telephone", "Social Media", "Outreach", "Meeting",
         "Face to Face", "Email"])]  # fmt: skip
    referrals = Measure.objects.create(
        key="browser-referrals", name="New referrals (test)", unit="referrals", period="term",
        group="Table 1", definition="Families referred to us for the first time.",
    )  # fmt: skip
    families = Measure.objects.create(
        key="browser-families", name="Families supported (test)", unit="families", target=500,
        public=True, group="Table 2", definition="Families with an open case in the year.",
    )  # fmt: skip
    contacts = Measure.objects.create(
        key="browser-contacts", name="How people contacted us (test)", unit="contacts",
        breakdown=routes, public=True,
    )  # fmt: skip
    rows = [Figure(measure=families, year=last, value=Decimal(430)),
            Figure(measure=families, year=this, value=Decimal(493))]  # fmt: skip
    for term in range(1, 7):
        rows += [Figure(measure=referrals, year=y, period=term, value=Decimal(70 + 10 * term + n))
                 for n, y in enumerate((last, this))]  # fmt: skip
    for n, value in enumerate(values):
        rows += [Figure(measure=contacts, year=y, breakdown_value=value, value=Decimal(20 * n + k))
                 for k, y in enumerate((last, this))]  # fmt: skip
    Figure.objects.bulk_create(rows)
    return this


@pytest.fixture(params=list(REFLOW))
def size(request, browser):
    context = browser.new_context(**REFLOW[request.param])
    yield context
    context.close()


def assert_charts_readable(page):
    charts = page.evaluate(CHART_TEXT_JS)
    assert charts, "no chart drawn"
    for chart in charts:
        assert chart["smallest"] >= 12, chart  # text at least 12 px high
        assert chart["right"] <= chart["svgRight"] + 1, chart  # nothing past the drawing


def test_the_figures_screen_reflows_and_passes_axe(size, demo_server):
    year = seed_figures()  # the demo's feedback is counted in later years: ask for this one
    page = size.new_page()
    page.problems = PageProblems(page)
    sign_in(page, demo_server, "advisor", "demo-advisor-pass")
    screen = f"/admin/minimum_standards_figures/?year={year.pk}"

    assert reflow_problems(page, demo_server, [screen], ".nice-padding") == {}
    assert page.get_by_role("heading", name="Table 2").is_visible()
    assert page.get_by_role("img", name=CONTACTS).count() == 1
    assert_charts_readable(page)
    assert page.problems.messages == []


def test_the_public_report_card_reflows_and_passes_axe(size, demo_server):
    seed_figures()
    page = size.new_page()
    page.problems = PageProblems(page)
    path = "/about-us/how-we-are-doing/"

    assert reflow_problems(page, demo_server, [path]) == {}
    assert page.get_by_role("heading", name="Our figures for 2021-22").is_visible()
    assert page.get_by_role("img", name=CONTACTS).count() == 1
    assert page.get_by_text("New referrals").count() == 0  # not flagged public (nor the demo's)
    assert_charts_readable(page)
    assert page.problems.messages == []
