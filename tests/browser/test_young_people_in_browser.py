"""The pages for children and young people and the easy-read pages of the demo, in a real
browser: no axe-core violation and nothing cut off at 320 px and at 200 % zoom, an easy-read
picture on the left of its words on a wide screen and above them on a phone, and a page that
prints black on white with its pictures, its words and a film's transcript."""

import pytest

from .conftest import VIEWPORTS, PageProblems
from .test_public_print_and_phone import BLACK, NO_BACKGROUND, PRINT_COLOURS_JS, pdf_text, squashed
from .test_reflow import REFLOW, reflow_problems

pytestmark = pytest.mark.browser

PAGES = [
    "/young-people/",  # the section: children and young people
    "/young-people/16-to-25/",  # a section's front page, its pages listed
    "/young-people/16-to-25/what-we-do-for-you/",  # a page with a film and its transcript
    "/young-people/children/who-we-are/",  # a page for children
    "/easy-read/",  # the easy-read index
    "/easy-read/what-is-an-ehcp/",  # an easy-read page: pictures and words
    "/send-topics/ehc-plans-and-annual-reviews/",  # a standard page with its easy-read link
]

# Each picture's box and its words' box: [picture, words] as {left, right, top, bottom}.
BOXES_JS = """() => [...document.querySelectorAll('.picture-and-words')].map((row) =>
  ['.picture-and-words__picture img', '.picture-and-words__words'].map((part) => {
    const box = row.querySelector(part).getBoundingClientRect();
    return {left: box.left, right: box.right, top: box.top, bottom: box.bottom};
  }))"""


@pytest.fixture(params=list(REFLOW))
def reflowed(request, browser):
    context = browser.new_context(**REFLOW[request.param])
    page = context.new_page()
    page.problems = PageProblems(page)
    yield page
    context.close()


def test_every_new_page_type_has_no_axe_violations_and_nothing_cut_off(reflowed, demo_server):
    assert reflow_problems(reflowed, demo_server, PAGES) == {}
    assert reflowed.problems.messages == []


def boxes(browser, server, viewport) -> list:
    context = browser.new_context(**VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(server + "/easy-read/what-is-an-ehcp/")
    rows = page.evaluate(BOXES_JS)
    context.close()
    return rows


def test_an_easy_read_picture_is_left_of_its_words_and_above_them_on_a_phone(browser, demo_server):
    wide, phone = boxes(browser, demo_server, "desktop"), boxes(browser, demo_server, "phone")

    assert len(wide) == len(phone) >= 6
    for picture, words in wide:  # beside: left of the words, level with them
        assert picture["right"] <= words["left"]
        assert picture["top"] < words["bottom"] and words["top"] < picture["bottom"]
    for picture, words in phone:  # a 320 px phone: the picture above its words
        assert picture["bottom"] <= words["top"]


def test_the_home_page_leads_a_young_person_to_their_pages_and_to_easy_read(browser, demo_server):
    context = browser.new_context(**VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(demo_server + "/")

    page.get_by_role("link", name="Are you a young person (16 to 25)? Information for you").click()
    young_people = page.get_by_role("heading", level=1).text_content()
    page.goto(demo_server + "/")
    page.get_by_role("link", name="Easy read version").click()
    easy_read = page.get_by_role("heading", level=1).text_content()
    page.get_by_role("link", name="Standard version").click()
    back = page.url
    context.close()

    assert young_people == "For young people (16–25)"
    assert easy_read == "About Sendias Bathnes"
    assert back == demo_server + "/"


# Each page, and what must be in its printed PDF (a film's transcript too).
PRINTED = {
    "/easy-read/what-is-an-ehcp/": ["EHCP means education, health and care plan."],
    "/young-people/16-to-25/what-we-do-for-you/": [
        "We do not work for your school",
        "I felt listened to.",
    ],
}


def test_a_page_prints_black_on_white_with_its_pictures_and_every_word(browser, demo_server):
    context = browser.new_context(**VIEWPORTS["desktop"])
    page = context.new_page()
    problems = {}
    for path, printed in PRINTED.items():
        page.goto(demo_server + path)
        page.emulate_media(media="print")
        colours = page.evaluate(PRINT_COLOURS_JS, ["main p", "main li", "main h1", "main h2"])
        pale = [row for row in colours if row[2] != BLACK or row[3] not in NO_BACKGROUND]
        hidden = [
            img for img in page.locator(".picture-and-words img").all() if not img.is_visible()
        ]
        text = squashed(pdf_text(page))
        missing = [words for words in printed if squashed(words) not in text]
        if pale or hidden or missing:
            problems[path] = {"pale": pale, "hidden pictures": len(hidden), "missing": missing}
    context.close()

    assert problems == {}
