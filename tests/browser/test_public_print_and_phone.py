"""Printing a public page, and the first screen of a phone, in a real browser.

Parents print pages to take to meetings: everything must print black on white,
without the search form or the menu, with every accordion answer and with the
address of every external link. On a phone the page's own heading, the demo
notice and the helpline number must all be on the first screen.
"""

import re
import unicodedata
from io import BytesIO
from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import signing
from pypdf import PdfReader

from home.enquiries import REFERENCE_SALT

from .conftest import VIEWPORTS
from .test_home_page_in_browser import WCAG_22_AA

pytestmark = pytest.mark.browser

# A common phone (iPhone 12 to 15): the "first screen".
PHONE_390 = {**VIEWPORTS["phone"], "viewport": {"width": 390, "height": 844}}
FIRST_SCREEN = 844
# The heading must be well inside the first screen, not just on it; with the
# demo notice it starts at 500-545px (it started at 713-764px before).
HEADING_WITHIN = 600
# The demo notice and the header together: at most a quarter of the screen (207px; 470 before).
HEADER_WITHIN = FIRST_SCREEN / 4

BLACK = "rgb(0, 0, 0)"
NO_BACKGROUND = {"rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"}

# Everything that is white or pale on screen, and must be black when printed.
PRINTED_BLACK = [
    ".site-notice",
    ".site-notice p",
    ".site-header",
    ".site-header__name",
    ".site-header__strapline",
    ".contact-strip__label",
    ".site-header a",
    ".site-footer",
    ".site-footer h2",
    ".site-footer a",
    "main a",
]

# The colours of every element matching each selector, as printed.
PRINT_COLOURS_JS = """(selectors) => selectors.flatMap((selector) =>
  [...document.querySelectorAll(selector)].map((element) => {
    const style = getComputedStyle(element);
    return [selector, element.textContent.trim().slice(0, 40), style.color, style.backgroundColor];
  }))"""

# The first external link that prints, with text that is not its own address.
EXTERNAL_LINK_JS = """() => [...document.querySelectorAll('a[href^="http"]')]
  .find((a) => a.checkVisibility() && a.textContent.trim() !== a.getAttribute('href'))
  ?.getAttribute('href')"""


def visit(page, server: str, path: str) -> None:
    """Open a page; the thank-you page confirms only with the sender's signed reference."""
    if path == "/contact-us/thank-you/":
        proof = signing.TimestampSigner(salt=REFERENCE_SALT).sign("ENQ-PRINT-TEST")
        path += "?" + urlencode({"reference": proof})
    page.goto(server + path)


def pdf_text(page) -> str:
    """The text of the page printed to an A4 PDF, as a reader of the PDF would get it."""
    reader = PdfReader(BytesIO(page.pdf(format="A4")))
    return "\n".join(sheet.extract_text() for sheet in reader.pages)


def squashed(text: str) -> str:
    """Text without its whitespace: PDF lines break where the browser wrapped them."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture
def print_page(browser):
    context = browser.new_context(**VIEWPORTS["desktop"])
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(**PHONE_390)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize(
    ("path", "also_black"),
    [
        ("/send-topics/ehc-needs-assessments/", [".accordion summary"]),
        ("/contact-us/thank-you/", [".confirmation", ".confirmation h1"]),
        ("/", [".get-help", ".card__link"]),
    ],
)
def test_a_printed_page_is_black_on_white_without_search_or_menu(
    print_page, demo_server, path, also_black
):
    page = print_page
    visit(page, demo_server, path)
    page.emulate_media(media="print")

    selectors = PRINTED_BLACK + also_black
    colours = page.evaluate(PRINT_COLOURS_JS, selectors)
    assert {row[0] for row in colours} == set(selectors), "an element to check is missing"
    pale = [row for row in colours if row[2] != BLACK or row[3] not in NO_BACKGROUND]
    assert pale == [], "printed in colour or on a background: [selector, text, colour, background]"

    for hidden in ["form.search-form", ".search-form input", ".main-menu", ".skip-link"]:
        for element in page.locator(hidden).all():
            assert not element.is_visible(), f"{hidden} prints"
    # A phone number or email address is already its own address.
    after_tel = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header a[href^=\"tel:\"]'), '::after').content"
    )
    assert after_tel in ("none", "normal")


@pytest.mark.parametrize(
    "path", ["/send-topics/ehc-needs-assessments/", "/contact-us/thank-you/", "/"]
)
def test_the_printed_pdf_has_external_addresses_and_closed_answers(print_page, demo_server, path):
    page = print_page
    visit(page, demo_server, path)
    answers = page.locator(".accordion details")
    answer = None
    if path == "/send-topics/ehc-needs-assessments/":
        assert answers.count() > 0, "the topic page should have an accordion"
        assert not answers.first.evaluate("details => details.open"), (
            "the answer should start closed"
        )
        answer = page.locator(".accordion__body").first.text_content()
        assert answer.strip()
    page.emulate_media(media="print")
    href = page.evaluate(EXTERNAL_LINK_JS)
    assert href, "no external link prints on this page"

    text = squashed(pdf_text(page))

    assert squashed(href) in text, f"{href} is not printed"
    assert squashed(page.locator("h1").first.text_content()) in text
    if answer is not None:
        assert squashed(answer) in text, "the closed accordion's answer is not printed"
    # The header and in-page search forms do not print.
    assert squashed("Search this site") not in text


def test_the_heading_and_helpline_are_on_a_phones_first_screen(phone_page, demo_server):
    page = phone_page
    problems = {}
    for path in [
        "/",
        "/send-topics/",
        "/send-topics/ehc-needs-assessments/",
        "/about-us/",
        "/other-help/",
        "/news/",
        "/contact-us/",
    ]:
        page.goto(demo_server + path)
        notice = page.locator(".site-notice")
        heading = page.locator("h1").first.bounding_box()
        phone = page.locator(".site-header a[href^='tel:']").first
        phone_box = phone.bounding_box()
        search = page.get_by_role("searchbox", name="Search this site").first.bounding_box()
        button = page.locator(".site-header").get_by_role("button", name="Search").bounding_box()
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        header = page.locator(".site-header").bounding_box()
        found = []
        if header["y"] + header["height"] > HEADER_WITHIN:
            found.append(f"the header ends at {header['y'] + header['height']:.0f}px")
        if not notice.is_visible() or "example data" not in notice.inner_text():
            found.append("the demo notice is not shown")
        if heading["y"] >= HEADING_WITHIN:
            found.append(f"the heading starts at {heading['y']:.0f}px")
        if not phone.is_visible() or phone_box["y"] + phone_box["height"] > FIRST_SCREEN:
            found.append("the helpline number is not on the first screen")
        if min(search["height"], button["height"]) < 44:
            found.append("the header search is smaller than a 44px target")
        if overflow > 0:
            found.append(f"scrolls sideways by {overflow}px")
        results = Axe().run(page, options=WCAG_22_AA)
        if results.violations_count:
            found.append(results.generate_report())
        if found:
            problems[path] = found
    assert problems == {}


def test_a_keyboard_user_opens_the_menu_on_a_phone_without_javascript(browser, demo_server):
    context = browser.new_context(java_script_enabled=False, **PHONE_390)
    page = context.new_page()
    page.goto(demo_server + "/")
    menu = page.get_by_role("navigation", name="Main")
    assert not menu.get_by_role("link", name="About us").is_visible()  # folded away

    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    button = page.locator(":focus")
    assert button.inner_text().strip().startswith("Menu")
    page.keyboard.press("Enter")

    assert menu.get_by_role("link", name="About us").is_visible()
    assert page.locator(".phone-menu").get_by_text("help@sendias-bathnes.example").is_visible()
    page.keyboard.press("Tab")  # the strapline, then the email address, then the menu
    page.keyboard.press("Tab")
    assert (
        page.evaluate("document.activeElement.closest('nav')?.getAttribute('aria-label')") == "Main"
    )
    context.close()


def test_a_printed_internal_link_has_its_full_address_inside_the_margins(print_page, demo_server):
    from wagtail.models import Site

    page = print_page
    page.goto(demo_server + "/about-us/")
    page.emulate_media(media="print")
    path = page.locator("main a[href^='/']").evaluate_all(
        "all => all.find((a) => !a.closest('.breadcrumbs')).getAttribute('href')"
    )
    reader = PdfReader(BytesIO(page.pdf(format="A4")))
    text = squashed("\n".join(sheet.extract_text() for sheet in reader.pages))

    assert squashed(f"({Site.objects.get(is_default_site=True).root_url}{path})") in text
    lefts, tops = [], []

    def where(text, cm, tm, font, size):
        if text.strip():
            lefts.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])
            tops.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

    reader.pages[0].extract_text(visitor_text=where)
    margin = 15 / 25.4 * 72  # @page's 15 mm, in points
    assert min(lefts) >= margin
    assert float(reader.pages[0].mediabox.height) - max(tops) >= margin
