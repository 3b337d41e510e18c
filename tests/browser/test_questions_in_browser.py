"""The Advisory Group's questions list in a real browser, as the Service manager and as an
Advisory Group member: open questions first, with who asked (by name) and when (a British
date); its filters work without JavaScript; the admin home's open count is the list's open
rows; and axe finds nothing on it at 1280 px and at 320 px wide."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from wagtail_minimum_standards.compliance.models import (
    AdvisoryGroupMeeting,
    Question,
    SelfAssessment,
    Standard,
)

from ..factories import AdvisoryGroupMemberFactory
from .conftest import VIEWPORTS, PageProblems, sign_in
from .test_home_page_in_browser import WCAG_22_AA

pytestmark = pytest.mark.browser

LIST = "/admin/minimum_standards_plans/questions/"
OLD_OPEN = "Is standard 1.5's partial rating still right after the new leaflet?"


@pytest.fixture
def an_older_open_question(demo_server):
    """Besides the demo's three (one open, asked 9 January 2023; two answered), an open one
    asked before the demo's answered ones, by another member, before the October meeting: so
    "open first" is not merely "newest first"."""
    rating = SelfAssessment.objects.get(status="draft").ratings.get(standard__code="1.5")
    Question.objects.create(
        subject=rating,
        asked_by=AdvisoryGroupMemberFactory(first_name="Priya", last_name="Shah"),
        asked_at=timezone.make_aware(datetime.datetime(2022, 10, 5, 10)),
        text=OLD_OPEN,
    )
    return demo_server


def rows(page) -> list[list[str]]:
    """The list's rows, each as its cells' text."""
    return [
        [cell.strip() for cell in row.locator("td").all_inner_texts()]
        for row in page.locator("tr.question-row").all()
    ]


def show(page, **choices) -> list[list[str]]:
    """Choose in the filter form, by the options' labels, and send it."""
    for label, option in choices.items():
        page.get_by_label(label, exact=True).select_option(label=option)
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    return rows(page)


@pytest.mark.parametrize("who", ["manager", "advisor"])
def test_the_questions_list_without_javascript(browser, an_older_open_question, who):
    server = an_older_open_question
    context = browser.new_context(java_script_enabled=False, **VIEWPORTS["desktop"])
    page = context.new_page()
    sign_in(page, server, who, f"demo-{who}-pass")

    open_count = int(page.locator("#plans-panel-questions strong").inner_text())
    page.locator("#plans-panel-questions a").click()
    assert page.get_by_label("Status", exact=True).input_value() == "open"
    assert len(rows(page)) == open_count == 2

    page.goto(server + LIST)
    listed = rows(page)
    assert (
        [row[0][:20] for row in listed]
        == [
            "Could the review sho",  # open, asked 9 January 2023
            OLD_OPEN[:20],  # open, asked 5 October 2022
            "Will the “You said, ",  # answered 5 December 2022
            "Standard 1.6 is only",  # answered 4 November 2022
        ]
    )
    assert listed[0][2:] == ["Alex Advisory", "9 January 2023", "Open"]
    assert listed[1][2:] == ["Priya Shah", "5 October 2022", "Open"]
    assert listed[2][2:] == ["Alex Advisory", "1 December 2022", "Answered 5 December 2022"]
    assert listed[3][2:] == ["Alex Advisory", "2 November 2022", "Answered 4 November 2022"]
    assert page.locator("#question-count").inner_text() == "4 questions, 2 open."

    answered = show(page, Status="Answered")
    assert [row[4] for row in answered] == ["Answered 5 December 2022", "Answered 4 November 2022"]
    october, january = (
        str(AdvisoryGroupMeeting.objects.get(date=day))
        for day in (datetime.date(2022, 10, 12), datetime.date(2023, 1, 18))
    )
    assert len(show(page, **{"Raised for the meeting": january})) == 2  # still only answered
    both = show(page, Status="Open and answered")
    assert [row[0][:20] for row in both] == [
        "Could the review sho",
        "Will the “You said, ",
        "Standard 1.6 is only",
    ]
    (before_october,) = show(page, **{"Raised for the meeting": october})
    assert before_october[0] == OLD_OPEN
    standard_1_6 = str(Standard.objects.get(code="1.6", section__framework__code="iass-2018"))
    by_standard = show(
        page, **{"Raised for the meeting": "Any meeting", "About the standard": standard_1_6}
    )
    assert [row[0][:20] for row in by_standard] == ["Standard 1.6 is only"]
    assert page.get_by_label("About the standard", exact=True).input_value() == str(
        Standard.objects.get(code="1.6", section__framework__code="iass-2018").pk
    )  # the form keeps what was chosen
    context.close()


@pytest.mark.parametrize("who", ["manager", "advisor"])
def test_the_questions_list_has_no_axe_violations_at_1280_and_320_px(browser, demo_server, who):
    reports = {}
    for viewport in ("desktop", "phone"):
        context = browser.new_context(**VIEWPORTS[viewport])
        page = context.new_page()
        page.problems = PageProblems(page)
        sign_in(page, demo_server, who, f"demo-{who}-pass")
        page.goto(demo_server + LIST)
        assert page.locator("tr.question-row").count() == 3
        # Our template's content; Wagtail's own menus and header are Wagtail's to test.
        results = Axe().run(page, context=".nice-padding", options=WCAG_22_AA)
        if results.violations_count:
            reports[viewport] = results.generate_report()
        assert page.problems.messages == [], viewport
        context.close()
    assert reports == {}
