"""A 2016-style framework in a real browser: the Service manager rates a standard's evidence
lines in the rating form (a fieldset per line), the report shows them, and axe finds nothing
wrong with either screen."""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.tracker.test_evidence_lines import quality_2016
from wagtail_minimum_standards.compliance.models import LineRating, SelfAssessment
from wagtail_minimum_standards.compliance.spreadsheets.frameworks import import_framework

from .test_home_page_in_browser import WCAG_22_AA

pytestmark = pytest.mark.browser


def test_the_manager_rates_evidence_lines_and_reads_them_in_the_report(person, demo_server):
    framework = import_framework(quality_2016())
    draft = SelfAssessment.objects.create(
        framework=framework, title="Quality 2016", assessed_on=datetime.date(2016, 7, 31)
    )
    draft.add_missing_ratings()
    rating = draft.ratings.get(standard__code="1.1")
    page = person("manager")

    page.goto(f"{demo_server}/admin/minimum_standards/rating/edit/{rating.pk}/")
    lines = page.locator("fieldset.evidence-line")
    assert lines.count() == 3
    form_problems = Axe().run(page, context=".nice-padding", options=WCAG_22_AA)
    first = lines.nth(0)
    assert first.locator("legend").inner_text().startswith("Line 1: 1.1a The service")
    first.get_by_label("Evidence").select_option(label="3 (Strong evidence)")
    first.get_by_label("Outcome").select_option(label="B (Partly achieved)")
    first.get_by_label("Comment").fill("The offer is on the website (2 pages).")
    page.get_by_role("button", name="Save", exact=True).first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    row = page.locator(f'[id="standard-{rating.standard.code}"]')
    report = re.sub(r"\s+", " ", row.inner_text())
    report_problems = Axe().run(page, context=".nice-padding", options=WCAG_22_AA)
    assert "Evidence: 3 (Strong evidence)" in report
    assert "Outcome: B (Partly achieved)" in report
    assert "The offer is on the website (2 pages)." in report
    assert LineRating.objects.get(rating=rating).comment == "The offer is on the website (2 pages)."
    assert form_problems.violations_count == 0, form_problems.generate_report()
    assert report_problems.violations_count == 0, report_problems.generate_report()
