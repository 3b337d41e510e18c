"""The feedback form in a real browser: axe finds nothing at 320 px and at 200 % zoom, with
and without errors; a refused form puts the focus on its error summary and feedback is sent
with JavaScript off; and the admin's feedback listing fits a 320 px phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from home.models import Feedback

from .conftest import VIEWPORTS, sign_in
from .test_home_page_in_browser import WCAG_22_AA
from .test_reflow import CUT_OFF_JS, REFLOW, reflow_problems

pytestmark = pytest.mark.browser

FORM = "/feedback/"


@pytest.mark.parametrize("size", list(REFLOW))
def test_the_form_and_its_errors_reflow_with_no_axe_violations(browser, demo_server, size):
    context = browser.new_context(**REFLOW[size])
    page = context.new_page()

    assert reflow_problems(page, demo_server, [FORM, FORM + "thank-you/"]) == {}
    page.goto(demo_server + FORM)
    page.get_by_role("button", name="Send my feedback").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    results = Axe().run(page, options=WCAG_22_AA)
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate(CUT_OFF_JS) == []
    context.close()


def test_a_refused_form_puts_the_focus_on_the_error_summary_and_keeps_what_was_typed(
    browser, demo_server
):
    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript, **VIEWPORTS["phone"])
        page = context.new_page()
        page.goto(demo_server + FORM)
        page.get_by_label("What went well? (optional)").fill("The meeting.")
        page.get_by_role("button", name="Send my feedback").click()

        focused = page.locator(":focus")
        assert focused.get_attribute("class") == "error-summary", javascript
        assert page.get_by_label("What went well? (optional)").input_value() == "The meeting."
        page.keyboard.press("Tab")  # on to the first error's link
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.name") == "rating", javascript
        context.close()


def test_feedback_is_sent_with_javascript_off(browser, demo_server):
    before = Feedback.objects.count()
    context = browser.new_context(java_script_enabled=False, **VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(demo_server + FORM)

    page.get_by_label("Good", exact=True).check()
    page.get_by_label("What could we do better? (optional)").fill("Answer the phone sooner.")
    page.get_by_label("A young person").check()
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Send my feedback").click()
    page.wait_for_url("**/feedback/thank-you/?received=*")

    heading = page.get_by_role("heading", name="Thank you: we have received your feedback")
    assert heading.is_visible()
    assert Feedback.objects.count() == before + 1
    latest = Feedback.objects.order_by("-pk").first()
    assert (latest.rating, latest.given_by) == (4, "young-person")
    context.close()


def test_the_feedback_listing_fits_a_phone(browser, demo_server):
    context = browser.new_context(**VIEWPORTS["phone"])
    page = context.new_page()
    sign_in(page, demo_server, "manager", "demo-manager-pass")

    page.goto(demo_server + "/admin/home_feedback/")
    page.screenshot(path="/tmp/fb-admin-listing.png", full_page=True)
    table = page.get_by_role("table")
    assert table.get_by_text("Getting through on the phone").first.is_visible()
    assert table.get_by_text("Very poor").first.is_visible()
    assert (
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        <= 0
    )
    context.close()
