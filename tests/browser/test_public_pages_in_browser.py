"""Every public page type of the demo site in a real browser, and the enquiry form by keyboard."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from home.models import Enquiry

from .conftest import VIEWPORTS
from .test_home_page_in_browser import WCAG_22_AA

pytestmark = pytest.mark.browser

# One page of each type in the demo site, plus the pages that are not Wagtail pages.
PAGES = [
    "/send-topics/",  # SEND topics index
    "/send-topics/ehc-needs-assessments/",  # topic page: headings, callout, accordion, links
    "/policies/",  # key policies index
    "/policies/complaints/",  # policy page
    "/about-us/",  # information page with its sub-pages listed
    "/about-us/advisory-group/",
    "/about-us/you-said-we-did/",
    "/about-us/how-we-are-doing/",  # the latest ratified self-assessment
    "/other-help/",  # signposting
    "/news/",  # news index
    "/news/annual-report-2021-22/",  # news article with an attachment
    "/contact-us/",  # enquiry form
    "/contact-us/thank-you/",
    "/jargon-buster/",  # the glossary, A to Z
    "/search/?q=tribunal",
]


def test_every_page_type_has_no_axe_violations_and_fits_the_screen(viewport_page, demo_server):
    problems = {}
    for path in PAGES:
        viewport_page.goto(demo_server + path)
        results = Axe().run(viewport_page, options=WCAG_22_AA)
        overflow = viewport_page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if results.violations_count:
            problems[path] = results.generate_report()
        if overflow > 0:
            problems[path] = f"scrolls sideways by {overflow}px"
    assert problems == {}
    assert viewport_page.problems.messages == []


def test_enquiry_form_with_errors_has_no_axe_violations(viewport_page, demo_server):
    viewport_page.goto(demo_server + "/contact-us/")
    viewport_page.get_by_role("button", name="Send my enquiry").click()

    assert viewport_page.get_by_role("heading", name="There is a problem").is_visible()
    results = Axe().run(viewport_page, options=WCAG_22_AA)
    assert results.violations_count == 0, results.generate_report()


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching `selector` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_a_parent_sends_an_enquiry_with_the_keyboard_alone(browser, demo_server):
    context = browser.new_context(**VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(demo_server + "/contact-us/")

    tab_to(page, "input[name=role]")
    page.keyboard.press("Space")  # "A parent or carer"
    tab_to(page, "input[name=age_group]")
    page.keyboard.press("ArrowDown")  # "5 to 10 (primary school age)"
    tab_to(page, "select[name=topic]")
    page.keyboard.press("ArrowDown")
    tab_to(page, "textarea[name=message]")
    page.keyboard.type("My son's school says he does not need an EHC plan. What can I do?")
    tab_to(page, "input[name=name]")
    page.keyboard.type("Jo Parent")
    tab_to(page, "input[name=contact_method]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # "Email"
    tab_to(page, "input[name=email]")
    page.keyboard.type("jo@example.org")
    tab_to(page, "input[name=consent_to_store]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=consent_to_contact]")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/contact-us/thank-you/?reference=*")

    assert page.get_by_role("heading", name="Thank you: we have your enquiry").is_visible()
    enquiry = Enquiry.objects.get()
    assert page.get_by_text(f"Your reference is {enquiry.reference}").is_visible()
    assert (enquiry.role, enquiry.age_group, enquiry.contact_method) == ("parent", "5-10", "email")
    assert enquiry.topic == "sen-support" and enquiry.email == "jo@example.org"
    context.close()


def test_a_refused_enquiry_puts_the_focus_on_the_error_summary(browser, demo_server):
    """autofocus, not a script: it works with JavaScript off too."""
    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript, **VIEWPORTS["phone"])
        page = context.new_page()
        page.goto(demo_server + "/contact-us/")
        page.get_by_role("button", name="Send my enquiry").click()

        focused = page.locator(":focus")
        assert focused.get_attribute("class") == "error-summary", javascript
        assert focused.get_by_role("heading", name="There is a problem").is_visible()
        page.keyboard.press("Tab")  # on to the first error's link
        assert page.evaluate("document.activeElement.closest('.error-summary') !== null")
        context.close()
