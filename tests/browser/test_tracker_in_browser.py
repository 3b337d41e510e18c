"""The tracker's own admin screens (our templates inside Wagtail's admin) with axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from compliance.models import AdvisoryGroupMeeting, SelfAssessment
from plans.models import DeliveryPlan

from .conftest import VIEWPORTS, sign_in
from .test_home_page_in_browser import WCAG_22_AA

pytestmark = pytest.mark.browser


def test_the_advisory_groups_screens_have_no_axe_violations(browser, demo_server):
    context = browser.new_context(**VIEWPORTS["desktop"])
    page = context.new_page()
    sign_in(page, demo_server, "advisor", "demo-advisor-pass")
    draft = SelfAssessment.objects.get(status="draft")
    ratified = SelfAssessment.objects.get(status="ratified")
    plan = DeliveryPlan.objects.get(title__startswith="SPS")
    meeting = AdvisoryGroupMeeting.objects.get(date="2023-01-18")
    screens = [
        f"/admin/compliance/assessment/{draft.pk}/",
        f"/admin/compliance/compare/?first={ratified.pk}&second={draft.pk}",
        f"/admin/compliance/assessment/{draft.pk}/history/",
        f"/admin/plans/plan/{plan.pk}/",
        f"/admin/plans/meeting/{meeting.pk}/review/",
    ]
    problems = {}
    for screen in screens:
        page.goto(demo_server + screen)
        # Our templates' content; Wagtail's own menus and header are Wagtail's to test.
        results = Axe().run(page, context=".nice-padding", options=WCAG_22_AA)
        if results.violations_count:
            problems[screen] = results.generate_report()
    context.close()
    assert problems == {}
