"""Every tracker page prints whole on A4, as a meeting paper.

Wagtail's admin is an app shell: the content scrolls inside a <main> as high as the
window, so a print used to stop after the first page. Each page here is printed to PDF by
Chromium and the PDF's text is read back: the page count, the last section's content
(taken from the database), the A4 media box, and none of the sidebar's menus.
"""

import io
import math
import re
import unicodedata

import pytest
from pypdf import PdfReader

from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting, SelfAssessment
from wagtail_minimum_standards.compliance.reports import compare, ratings_of
from wagtail_minimum_standards.plans.models import DeliveryPlan
from wagtail_minimum_standards.plans.review import review_for

from .conftest import PageProblems, sign_in

pytestmark = pytest.mark.browser

PRINT_WIDTH = 680  # A4 less 15 mm margins, at 96 dpi


def squashed(text: str) -> str:
    """Text without its line breaks: NFKC (PDF ligatures such as "ﬀ" are two letters
    again) and no white space at all, so a cell's words match however they wrapped."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


@pytest.fixture
def advisor_page(browser, demo_server):
    """The Advisory Group member, signed in, on a desktop screen."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = PageProblems(page)
    sign_in(page, demo_server, "advisor", "demo-advisor-pass")
    page.server = demo_server
    yield page
    context.close()


def review_page():
    meeting = AdvisoryGroupMeeting.objects.get(date="2023-01-18")
    review = review_for(meeting)
    assert review.completed_actions and review.new_items and review.rating_changes
    last_action, last_item, last_change = (
        review.completed_actions[-1],
        review.new_items[-1],
        review.rating_changes[-1],
    )
    return {
        "url": f"/admin/minimum_standards_plans/meeting/{meeting.pk}/review/",
        "texts": [
            f"Overdue ({len(review.overdue)})",
            f"Actions completed ({len(review.completed_actions)})",
            f"{last_action.number}. {last_action.text}",
            f"New items ({len(review.new_items)})",
            last_item.objective,
        ],
        # The last section: its heading and its last line.
        "last": [
            f"Rating changes in the compliance tracker ({len(review.rating_changes)})",
            f"Standard {last_change.subject.standard.code} in {last_change.subject.assessment}: "
            f"{last_change.before} → {last_change.after}",
        ],
    }


def plan_page():
    plan = DeliveryPlan.objects.get(title__startswith="SPS")
    items = list(plan.items.all())
    assert len(items) > 10
    return {
        "url": f"/admin/minimum_standards_plans/plan/{plan.pk}/",
        "texts": [item.objective for item in items[:-1]],  # every item, not the first 3
        "last": [items[-1].objective, *(a.text for a in items[-1].actions.all())],
    }


def report_page(status):
    def page():
        assessment = SelfAssessment.objects.get(status=status, framework__code="iass-2018")
        ratings = ratings_of(assessment)
        last = ratings[-1]
        assert last.standard.code == "4.3"
        return {
            "url": f"/admin/minimum_standards/assessment/{assessment.pk}/",
            "texts": [f"{r.standard.code} {r.standard.text}" for r in ratings[:-1]],
            # 4.3, then its rating's code, then its notes.
            "last": [f"{last.standard.code} {last.standard.text}", last.level.code],
            "in_order": True,
            "notes": last.evidence_notes,
        }

    return page


def comparison_page():
    ratified = SelfAssessment.objects.get(status="ratified", framework__code="iass-2018")
    draft = SelfAssessment.objects.get(status="draft")
    changes = compare(ratified, draft).changes
    return {
        "url": f"/admin/minimum_standards/compare/?first={ratified.pk}&second={draft.pk}",
        "texts": [f"{c.standard.code} {c.standard.text.split()[0]}" for c in changes],
        # The last section: the counts per assessment and the chart, each title in full.
        "last": [
            f"Ratings in every self-assessment of {ratified.framework}",
            ratified.title,
            draft.title,
            "Share of standards at each rating",
        ],
    }


def history_page():
    draft = SelfAssessment.objects.get(status="draft")
    return {
        "url": f"/admin/minimum_standards/assessment/{draft.pk}/history/",
        "texts": [f"History of “{draft.title}”"],
        "last": [],  # the last entry is read from the page itself: see below
        "last_entry": ".history-list > li",
    }


def minutes_page():
    meeting = AdvisoryGroupMeeting.objects.get(date="2022-10-12")  # its decisions, approved
    decisions = list(meeting.decisions.order_by("recorded_at", "pk"))
    assert len(decisions) >= 3
    return {
        "url": f"/admin/minimum_standards_plans/meeting/{meeting.pk}/minutes/",
        "texts": ["Present", "Apologies", "Questions raised before the meeting", meeting.notes],
        "last": ["Decisions", *(d.text for d in decisions)],
        "one_page": True,  # a short meeting's minutes fit on one page
    }


PAGES = {
    "review": review_page,
    "plan": plan_page,
    "report-ratified": report_page("ratified"),
    "report-draft": report_page("draft"),
    "comparison": comparison_page,
    "history": history_page,
    "minutes": minutes_page,
}


def print_to_pdf(page) -> tuple[PdfReader, str]:
    pdf = page.pdf(format="A4", print_background=True)
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(p.extract_text() for p in reader.pages)


@pytest.mark.parametrize("name", list(PAGES))
def test_an_advisory_group_member_prints_the_whole_page_on_a4(advisor_page, name):
    page = advisor_page
    expected = PAGES[name]()
    page.goto(page.server + expected["url"])
    page.wait_for_load_state("networkidle")  # the sidebar is drawn by script
    menu = [
        line.strip()
        for line in page.locator("#wagtail-sidebar").inner_text().splitlines()
        if re.search("[A-Za-z]{3}", line)  # its labels and the account's name, not "2" (new)
    ]
    assert "Delivery plans" in menu  # the sidebar is there on screen...
    # A label the page's own content also has on screen (the review's "Figures" part) is the
    # page's, not the sidebar's, when it prints.
    own = {line.strip() for line in page.locator("main").inner_text().splitlines()}
    menu = [line for line in menu if line not in own]
    title = page.get_by_role("heading", level=1)
    assert title.is_visible()
    title = title.inner_text()
    last_entry = (
        squashed(page.locator(expected["last_entry"]).last.inner_text())
        if "last_entry" in expected
        else None
    )

    page.emulate_media(media="print")
    page.set_viewport_size({"width": PRINT_WIDTH, "height": 960})
    assert page.locator(".sidebar").first.is_hidden()  # ...and not in print
    # No downloads, filter forms or edit buttons on paper.
    off_paper = page.locator(".nice-padding :is(.button, .no-print, .actions-row, .filters)")
    assert off_paper.evaluate_all("all => all.filter(e => e.getClientRects().length)") == []
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0

    reader, text = print_to_pdf(page)
    printed = squashed(text)
    lines = {line.strip() for line in text.splitlines()}
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) in {(595, 842), (596, 843)}  # A4
    assert expected.get("one_page") or len(reader.pages) > 1, f"{name} printed on one page"
    wanted = [title, *expected["texts"], *expected["last"]]
    missing = [t for t in wanted if squashed(t) not in printed]
    assert missing == [], f"{name}: not printed: {missing}"
    if expected.get("in_order"):  # the last standard's rating comes after its text
        standard, level = (squashed(t) for t in expected["last"])
        after = printed[printed.index(standard) + len(standard) :]
        assert level in after and squashed(expected["notes"]) in after
    if last_entry:
        assert last_entry in printed
    assert "Delivery plans" not in text and "Reports" not in text
    assert not lines & set(menu), f"the sidebar's {lines & set(menu)} printed"
    assert page.problems.messages == []


def test_the_comparison_chart_shows_each_assessments_full_title(advisor_page):
    page = advisor_page
    ratified = SelfAssessment.objects.get(status="ratified", framework__code="iass-2018")
    draft = SelfAssessment.objects.get(status="draft")
    titles = list(
        ratified.framework.assessments.order_by("assessed_on", "pk").values_list("title", flat=True)
    )
    page.goto(
        f"{page.server}/admin/minimum_standards/compare/?first={ratified.pk}&second={draft.pk}"
    )

    for media, width in (("screen", 1280), ("print", PRINT_WIDTH)):
        page.emulate_media(media=media)
        page.set_viewport_size({"width": width, "height": 900})
        chart = page.locator("figure.chart > svg")
        box = chart.bounding_box()
        labels = chart.locator("text")
        assert labels.all_text_contents() == titles
        for label in labels.all():
            inside = label.bounding_box()
            assert inside["x"] >= box["x"] - 0.5 and inside["y"] >= box["y"] - 0.5
            assert inside["x"] + inside["width"] <= box["x"] + box["width"] + 0.5
            assert inside["y"] + inside["height"] <= box["y"] + box["height"] + 0.5
            assert inside["height"] >= 12  # readable: 13px at 1280, about 14px on A4
    assert page.problems.messages == []


def test_the_plan_prints_no_text_smaller_than_9pt(advisor_page):
    page = advisor_page
    plan = DeliveryPlan.objects.get(title__startswith="SPS")
    page.goto(f"{page.server}/admin/minimum_standards_plans/plan/{plan.pk}/")
    page.emulate_media(media="print")
    reader, _ = print_to_pdf(page)
    sizes = []

    def size_of(text, cm, tm, font, size):
        if text.strip():  # the font's size, scaled as the page draws it
            matrix = [
                tm[0] * cm[0] + tm[1] * cm[2],
                tm[0] * cm[1] + tm[1] * cm[3],
                tm[2] * cm[0] + tm[3] * cm[2],
                tm[2] * cm[1] + tm[3] * cm[3],
            ]
            sizes.append((round(size * math.hypot(matrix[2], matrix[3]), 1), text.strip()))

    for sheet in reader.pages:
        sheet.extract_text(visitor_text=size_of)
    assert sizes
    assert [(size, text) for size, text in sizes if size < 9] == []
