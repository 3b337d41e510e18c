"""The jargon buster in a real browser: the A to Z and a page whose words it explains, at
320 px and at 1280 x 800 zoomed to 200 %, with axe-core; the A to Z's letters by keyboard, the
focus on each plain to see."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .test_home_page_in_browser import WCAG_22_AA
from .test_reflow import CUT_OFF_JS, REFLOW

pytestmark = pytest.mark.browser

PATHS = ["/jargon-buster/", "/send-topics/ehc-plans-and-annual-reviews/"]

# How the focused element is drawn: its background and its focus ring.
FOCUS_STYLE_JS = """() => {
  const style = getComputedStyle(document.activeElement);
  return [style.backgroundColor, style.outlineStyle, style.outlineWidth, style.boxShadow];
}"""


@pytest.fixture(params=list(REFLOW))
def glossary_page(request, browser):
    context = browser.new_context(**REFLOW[request.param])
    page = context.new_page()
    yield page
    context.close()


def test_the_a_to_z_and_explained_words_pass_axe_and_fit_the_screen(glossary_page, demo_server):
    problems = {}
    for path in PATHS:
        glossary_page.goto(demo_server + path)
        found = glossary_page.evaluate(CUT_OFF_JS)
        results = Axe().run(glossary_page, options=WCAG_22_AA)
        if results.violations_count:
            found.append(results.generate_report())
        if found:
            problems[path] = found
    assert problems == {}


def test_a_keyboard_user_jumps_to_a_letter_and_sees_where_the_focus_is(glossary_page, demo_server):
    glossary_page.goto(demo_server + "/jargon-buster/")
    unfocused = glossary_page.locator(".a-to-z a").first.evaluate(
        "(a) => getComputedStyle(a).backgroundColor"
    )

    for _ in range(60):
        glossary_page.keyboard.press("Tab")
        if glossary_page.evaluate("document.activeElement.matches('.a-to-z a')"):
            break
    else:
        raise AssertionError("no letter of the A to Z can be reached with the Tab key")
    background, outline, width, shadow = glossary_page.evaluate(FOCUS_STYLE_JS)
    assert background != unfocused  # the site's yellow focus background
    assert (outline != "none" and width != "0px") or shadow != "none"
    letter = glossary_page.evaluate("document.activeElement.textContent")

    glossary_page.keyboard.press("Enter")
    glossary_page.wait_for_url(f"**#letter-{letter.lower()}")
    heading = glossary_page.locator(f"#letter-{letter.lower()}")
    assert heading.inner_text() == letter
    assert heading.is_visible()


def test_a_marked_word_leads_to_its_entry_in_the_a_to_z(glossary_page, demo_server):
    glossary_page.goto(demo_server + "/send-topics/ehc-plans-and-annual-reviews/")
    word = glossary_page.locator("main a.glossary-word").first
    anchor = word.get_attribute("href").split("#")[1]

    word.click()

    glossary_page.wait_for_url(f"**/jargon-buster/#{anchor}")
    assert glossary_page.locator(f"#{anchor}").is_visible()
