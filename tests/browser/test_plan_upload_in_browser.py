"""The plan upload in a browser (issue 21): the Service manager uploads a council's RAG plan,
changes what one column holds, previews again, imports, and sees the plan with its own
headings. Both steps have no axe violations and nothing cut off at 1280 px, at 320 px and at
200 % zoom."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.tracker.test_plan_shapes import RAG_PLAN, workbook
from wagtail_minimum_standards.plans.models import DeliveryPlan, PlanUpload

from .conftest import sign_in
from .test_home_page_in_browser import WCAG_22_AA
from .test_reflow import CUT_OFF_JS, REFLOW

pytestmark = pytest.mark.browser

UPLOAD = "/admin/minimum_standards_plans/plan/upload/"


def problems_on(page) -> list:
    """What axe finds in our content, and anything cut off on the whole page."""
    found = page.evaluate(CUT_OFF_JS)
    results = Axe().run(page, context=".nice-padding", options=WCAG_22_AA)
    if results.violations_count:
        found.append(results.generate_report())
    return found


def test_the_manager_uploads_a_plan_changes_a_column_and_imports_it(person, demo_server):
    page = person("manager")
    page.goto(demo_server + "/admin/minimum_standards_plans/deliveryplan/")
    page.get_by_role("link", name="Upload a plan").click()
    page.wait_for_url(demo_server + UPLOAD)
    assert problems_on(page) == []

    page.get_by_label("File").set_input_files(
        {
            "name": "anytown-send-plan.xlsx",
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": workbook(RAG_PLAN).getvalue(),
        }
    )
    page.get_by_role("button", name="Upload and preview").click()
    page.wait_for_url(re.compile(re.escape(demo_server + UPLOAD) + r"[0-9a-f-]{36}/$"))
    preview = page.url
    assert problems_on(page) == []
    update = page.get_by_label("Column G, “Update”, holds")
    assert update.input_value() == "progress"  # suggested from the heading
    rows = page.get_by_role("region", name="What each row becomes")
    assert "Summer 2025 → 31 August 2025" in rows.inner_text()

    update.select_option(label="Completion notes")
    page.get_by_role("button", name="Preview again").click()
    page.wait_for_load_state()
    assert page.get_by_label("Column G, “Update”, holds").input_value() == "completion"
    assert not DeliveryPlan.objects.filter(title=RAG_PLAN[0][0]).exists()  # not yet

    # Both steps at 320 px, as a phone shows them, and at 200 % zoom: nothing cut off,
    # nothing for axe.
    for size, viewport in REFLOW.items():
        context = page.context.browser.new_context(**viewport)
        other = context.new_page()
        sign_in(other, demo_server, "manager", "demo-manager-pass")
        for step in (demo_server + UPLOAD, preview):
            other.goto(step)
            assert problems_on(other) == [], (size, step)
        context.close()

    page.get_by_role("button", name=re.compile("^Import the plan")).click()
    plan = DeliveryPlan.objects.get(title=RAG_PLAN[0][0])
    page.wait_for_url(f"{demo_server}/admin/minimum_standards_plans/plan/{plan.pk}/")

    assert "Imported “Anytown SEND Improvement Plan" in page.get_by_role("status").inner_text()
    headings = page.locator(".plan-table thead th").all_text_contents()
    assert headings[:-1] == RAG_PLAN[1]  # the plan's own headings, in its order
    assert plan.columns.get(heading="Update").meaning == "completion"
    assert not PlanUpload.objects.exists()
