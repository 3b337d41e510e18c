"""Ratifying past the quality checks' warnings on a phone (issue 23): at 320 px the Service
manager sees the warnings before the button, the reason's field is labelled, a blank reason is
refused with its message linked to the field, and with a reason the self-assessment is
ratified. No axe violations and nothing cut off on any step."""

import datetime
import re

import pytest

from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting, SelfAssessment

from .conftest import PageProblems, sign_in
from .test_plan_upload_in_browser import problems_on
from .test_reflow import REFLOW

pytestmark = pytest.mark.browser

REASON = "Why the Advisory Group ratifies despite these warnings"


def test_a_warning_needs_a_reason_at_320_px(browser, demo_server):
    draft = SelfAssessment.objects.get(status="draft")
    draft.ratings.filter(
        level__counts_as_met=True, evidence_notes="", evidence_links__isnull=True
    ).update(evidence_notes="Case files sampled by the manager.")  # its blockers put right
    meeting = AdvisoryGroupMeeting.objects.create(date=datetime.date(2030, 1, 15), title="Winter")
    context = browser.new_context(**REFLOW["320x640"])
    page = context.new_page()
    page.problems = PageProblems(page)
    sign_in(page, demo_server, "manager", "demo-manager-pass")

    page.goto(f"{demo_server}/admin/minimum_standards_plans/assessment/{draft.pk}/ratify/")
    assert "warning" in page.get_by_role("region", name="Quality checks").inner_text()
    assert problems_on(page) == []
    page.get_by_label("The Advisory Group meeting that ratified it").select_option(
        label=str(meeting)
    )
    page.get_by_role("button", name=re.compile("^Ratify")).click()
    page.wait_for_url(re.compile(r".*/decision/ratify/\?assessment=\d+$"))

    checks = page.get_by_role("region", name="Quality checks")
    assert "cannot be ratified" not in checks.inner_text()
    assert "No public summary" in checks.inner_text()
    reason = page.get_by_label(REASON)
    assert reason.is_visible()
    assert problems_on(page) == []

    # The carried-over ratings are among the warnings: no tick box asks about them again.
    assert page.get_by_label(re.compile("^Ratify it with the ratings carried over")).count() == 0
    assert "Carried over from the last self-assessment and not re-checked since." in (
        checks.inner_text()
    )
    page.get_by_label("What was decided").fill("Ratified as presented.")
    reason.fill("   ")
    page.get_by_role("button", name=re.compile("^Ratify a self-assessment")).click()
    page.wait_for_load_state()

    reason = page.get_by_label(REASON)
    assert reason.get_attribute("aria-invalid") == "true"
    described_by = reason.get_attribute("aria-describedby").split()
    errors = " ".join(page.locator(f"[id='{ref}']").inner_text() for ref in described_by)
    assert "Say why the Advisory Group ratifies despite the quality checks' warnings" in errors
    assert problems_on(page) == []
    draft.refresh_from_db()
    assert not draft.is_locked

    reason.fill("The website is checked again in March; the summaries are being written.")
    page.get_by_role("button", name=re.compile("^Ratify a self-assessment")).click()
    page.wait_for_url(f"{demo_server}/admin/minimum_standards_plans/meeting/{meeting.pk}/record/")

    draft.refresh_from_db()
    assert draft.is_locked and draft.ratified_at == meeting
    assert page.problems.messages == []
    context.close()
