"""The events pages in a real browser: axe-core finds nothing and nothing is cut off at 320 px
and at 200 % zoom, and they print black on white with every detail
(an address for each link, "This event has passed" first on a past one). Two tests, each over
all the pages: the demo is built once for each."""

import pytest

from .conftest import PageProblems
from .test_public_print_and_phone import (
    BLACK,
    NO_BACKGROUND,
    PRINT_COLOURS_JS,
    PRINTED_BLACK,
    pdf_text,
    squashed,
)
from .test_reflow import REFLOW, reflow_problems

pytestmark = pytest.mark.browser

UPCOMING = "/events/coffee-and-chat-bath/"
MIXED = "/events/annual-reviews-information-session/"  # in person and online
PAST = "/events/coffee-and-chat-keynsham/"
PATHS = ["/events/", UPCOMING, MIXED, PAST, "/"]


def test_the_events_pages_pass_axe_and_reflow(browser, demo_server):
    problems = {}
    # With JavaScript on: axe and the cut-off check run as scripts in the page (with it off,
    # Playwright's evaluate never returns). The pages have no script of their own.
    for size in ["320x640", "1280x800-at-200%"]:
        context = browser.new_context(**REFLOW[size])
        page = context.new_page()
        page.problems = PageProblems(page)
        found = reflow_problems(page, demo_server, PATHS)
        if found or page.problems.messages:
            problems[size] = (found, page.problems.messages)
        if size == "320x640":
            page.goto(demo_server + PAST)  # the notice comes before the event's heading
            notice = page.get_by_text("This event has passed.").bounding_box()
            assert notice["y"] < page.get_by_role("heading", level=1).bounding_box()["y"]
        context.close()

    assert problems == {}


def test_the_events_pages_print_black_on_white_with_their_details(browser, demo_server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    for path in ["/events/", MIXED, PAST]:
        page.goto(demo_server + path)
        page.emulate_media(media="print")

        colours = page.evaluate(PRINT_COLOURS_JS, [*PRINTED_BLACK, ".event-facts dt", "main h1"])
        pale = [row for row in colours if row[2] != BLACK or row[3] not in NO_BACKGROUND]
        assert pale == [], path
        for hidden in ["form.search-form", ".main-menu"]:
            assert not any(element.is_visible() for element in page.locator(hidden).all())

        text = squashed(pdf_text(page))
        assert squashed(page.locator("main h1").text_content()) in text, path
        if path == PAST:
            assert squashed("This event has passed.") in text
        if path == MIXED:
            assert squashed("(https://meet.example/sendias-bathnes)") in text  # the online link
            assert squashed("When:") in text and squashed("Accessibility") in text
    context.close()
