"""The Advisory Group review prints on A4: the admin's menus go, the content fits the page."""

import re

import pytest

from plans.models import AdvisoryGroupMeeting

from .conftest import PageProblems, sign_in

pytestmark = pytest.mark.browser


def test_an_advisory_group_member_prints_the_review_on_a4(browser, demo_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = PageProblems(page)
    sign_in(page, demo_server, "advisor", "demo-advisor-pass")
    meeting = AdvisoryGroupMeeting.objects.get(date="2023-01-18")

    page.goto(f"{demo_server}/admin/plans/meeting/{meeting.pk}/review/")
    assert page.get_by_role("heading", name=re.compile("Overdue")).is_visible()
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 680, "height": 960})  # A4 less 15 mm margins, at 96 dpi

    assert page.locator(".sidebar").first.is_hidden()
    assert page.get_by_role("link", name="Download the meeting pack (Excel)").is_hidden()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    pdf = page.pdf(prefer_css_page_size=True)
    assert re.search(rb"/MediaBox \[0 0 59[45]\.?\d* 84[12]\.?\d*\]", pdf)  # A4: 595 x 842 pt
    assert page.problems.messages == []
    context.close()
