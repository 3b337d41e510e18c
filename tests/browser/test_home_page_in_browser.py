"""The home page in a real browser: axe-core, keyboard, phone, no JavaScript, CSP."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import VIEWPORTS

pytestmark = pytest.mark.browser

WCAG_22_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    }
}


@pytest.mark.parametrize("path", ["/", "/no-such-page/"])
def test_page_has_no_axe_violations(viewport_page, demo_server, path):
    viewport_page.goto(demo_server + path)

    results = Axe().run(viewport_page, options=WCAG_22_AA)

    assert results.violations_count == 0, results.generate_report()
    assert viewport_page.problems.messages == [], "the browser reported problems (CSP, errors)"


def test_page_fits_the_screen_without_sideways_scrolling(viewport_page, demo_server):
    viewport_page.goto(demo_server + "/")

    overflow = viewport_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )

    assert overflow <= 0


def test_keyboard_user_skips_to_the_content_with_focus_visible(browser, demo_server):
    context = browser.new_context(**VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(demo_server + "/")

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to main content"
    assert skip.is_visible()
    assert skip.bounding_box()["y"] >= 0  # moved on screen when focused

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"

    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    context.close()


def test_everything_works_without_javascript(browser, demo_server):
    context = browser.new_context(java_script_enabled=False, **VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(demo_server + "/")

    assert page.locator("h1").count() == 1
    assert page.get_by_role("link", name="01632 960 123").first.is_visible()
    assert page.get_by_text("Monday to Friday").first.is_visible()
    assert page.get_by_role("heading", name="Response times").is_visible()
    context.close()
