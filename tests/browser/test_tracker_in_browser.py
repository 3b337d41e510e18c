"""The tracker's own admin screens (our templates inside Wagtail's admin) with axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from wagtail_minimum_standards.compliance.models import (
    AdvisoryGroupMeeting,
    Question,
    SelfAssessment,
)
from wagtail_minimum_standards.plans.models import DeliveryPlan

from .conftest import VIEWPORTS, sign_in
from .test_home_page_in_browser import WCAG_22_AA

pytestmark = pytest.mark.browser


def axe_problems(browser, server, who, screens) -> dict:
    """{screen: axe's report} for every screen with a violation, signed in as `who`."""
    context = browser.new_context(**VIEWPORTS["desktop"])
    page = context.new_page()
    sign_in(page, server, who, f"demo-{who}-pass")
    problems = {}
    for screen in screens:
        response = page.goto(server + screen)
        assert response.status == 200, screen
        # Our templates' content; Wagtail's own menus and header are Wagtail's to test.
        results = Axe().run(page, context=".nice-padding", options=WCAG_22_AA)
        if results.violations_count:
            problems[screen] = results.generate_report()
    context.close()
    return problems


def advisory_group_screens() -> list[str]:
    """The tracker's own screens the Advisory Group reads, in the demo data."""
    draft = SelfAssessment.objects.get(status="draft")
    ratified = SelfAssessment.objects.get(status="ratified", framework__code="iass-2018")
    plan = DeliveryPlan.objects.get(title__startswith="SPS")
    meeting = AdvisoryGroupMeeting.objects.get(date="2023-01-18")
    question = Question.objects.filter(answered_at__isnull=False).first()
    return [
        f"/admin/minimum_standards/assessment/{draft.pk}/",
        f"/admin/minimum_standards/compare/?first={ratified.pk}&second={draft.pk}",
        f"/admin/minimum_standards/assessment/{draft.pk}/history/",
        f"/admin/minimum_standards_plans/plan/{plan.pk}/",
        f"/admin/minimum_standards_plans/meeting/{meeting.pk}/review/",
        f"/admin/minimum_standards_plans/meeting/{meeting.pk}/record/",
        f"/admin/minimum_standards_plans/meeting/{meeting.pk}/minutes/",
        f"/admin/minimum_standards_plans/meeting/{meeting.pk}/history/",
        f"/admin/minimum_standards/question/{question.pk}/",
        f"/admin/minimum_standards/question/ask/meeting/{meeting.pk}/",
    ]


def managers_screens() -> list[str]:
    """The tracker's forms only the Service manager sees, in the demo data."""
    meeting = AdvisoryGroupMeeting.objects.get(date="2023-01-18")
    question = Question.objects.filter(answered_at__isnull=True).first()
    rating = SelfAssessment.objects.get(status="draft").ratings.first()
    return [
        f"/admin/minimum_standards_plans/meeting/{meeting.pk}/record/",  # attendance, notes and decisions: forms
        f"/admin/minimum_standards_plans/meeting/{meeting.pk}/decision/new-action/",
        f"/admin/minimum_standards_plans/meeting/{meeting.pk}/decision/approve-minutes/",
        f"/admin/minimum_standards/question/{question.pk}/",  # with the answer form
        f"/admin/minimum_standards/rating/edit/{rating.pk}/",
    ]


def test_the_advisory_groups_screens_have_no_axe_violations(browser, demo_server):
    assert axe_problems(browser, demo_server, "advisor", advisory_group_screens()) == {}


def test_the_managers_meeting_screens_have_no_axe_violations(browser, demo_server):
    assert axe_problems(browser, demo_server, "manager", managers_screens()) == {}
