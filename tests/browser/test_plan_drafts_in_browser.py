"""Plan items drafted from the demo draft's gaps, on a phone (320 px): nothing cut off, no axe
violation, and, with JavaScript off, a draft edited and added to the plan."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from wagtail_minimum_standards.compliance.models import SelfAssessment
from wagtail_minimum_standards.plans.models import PlanItem

from .conftest import VIEWPORTS, PageProblems, sign_in
from .test_home_page_in_browser import WCAG_22_AA
from .test_reflow import CUT_OFF_JS

pytestmark = pytest.mark.browser


def test_the_drafts_reflow_on_a_phone_with_no_axe_violations(browser, demo_server):
    context = browser.new_context(**VIEWPORTS["phone"])
    page = context.new_page()
    problems = PageProblems(page)
    sign_in(page, demo_server, "manager", "demo-manager-pass")
    draft = SelfAssessment.objects.get(status="draft")
    page.goto(f"{demo_server}/admin/minimum_standards/assessment/{draft.pk}/")

    page.get_by_role("link", name="Draft plan items from gaps…").click()

    page.wait_for_url("**/drafts/")
    assert page.locator("li.draft").count() > 1
    assert page.evaluate(CUT_OFF_JS) == []
    results = Axe().run(page, context=".nice-padding", options=WCAG_22_AA)
    assert results.violations_count == 0, results.generate_report()
    assert problems.messages == []
    context.close()


def test_a_draft_is_edited_and_added_without_javascript(browser, demo_server):
    context = browser.new_context(**VIEWPORTS["phone"], java_script_enabled=False)
    page = context.new_page()
    sign_in(page, demo_server, "manager", "demo-manager-pass")
    draft = SelfAssessment.objects.get(status="draft")
    page.goto(f"{demo_server}/admin/minimum_standards_plans/assessment/{draft.pk}/drafts/")
    first = page.locator("li.draft:has(textarea)").first
    code = first.locator(".standard-code").inner_text()

    first.get_by_label("Who?").fill("Service Manager")
    # Without JavaScript Wagtail's own sidebar lies over a phone's page: the button is
    # pressed from the keyboard, as a reader who cannot point would.
    first.get_by_role("button", name="Add this item to the plan").press("Enter")

    page.wait_for_url("**/drafts/?plan=*", timeout=20_000)
    assert page.get_by_text("Added 1 item to").filter(has_text=code).is_visible()
    item = PlanItem.objects.get(standards__code=code, owners="Service Manager")
    assert item.objective.startswith(f"Meet standard {code}: ")
    in_plan = page.locator(f"#draft-{item.standards.get().pk}")
    assert in_plan.get_by_text(f"Already in the plan: item {item.position}").is_visible()
    context.close()
