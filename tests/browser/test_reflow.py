"""Reflow (WCAG 2.2 1.4.10): every public page type and every tracker screen, for each role
that sees it, at 320 x 640 and at 1280 x 800 zoomed to 200 %: nothing is cut off, the page
never scrolls sideways, and axe-core still finds nothing.

200 % zoom is emulated as Chromium does it: a 1280 x 800 window at 200 % lays the page out in
640 x 400 CSS pixels, each drawn with 2 device pixels, and media and container queries see
640 px. So the viewport is 640 x 400 with device_scale_factor 2. CSS `zoom: 2` on the root
would leave media and container queries at 1280 px, which is not what a reader who zooms
gets, and device_scale_factor alone sharpens the pixels without changing the layout.

Cut off means an element whose content is wider than its box while it hides, clips or
scrolls what sticks out, or the page itself scrolling sideways. Only a labelled region that a
keyboard can scroll (role="region", a label, tabindex="0") may scroll sideways; a form
field's own text scrolls with its caret, and a visually hidden label is meant to be 1 px.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from wagtail_minimum_standards.compliance.models import (
    AdvisoryGroupMeeting,
    Framework,
    SelfAssessment,
)
from wagtail_minimum_standards.plans.models import DeliveryPlan

from .conftest import VIEWPORTS, PageProblems, sign_in
from .test_home_page_in_browser import WCAG_22_AA
from .test_public_pages_in_browser import PAGES
from .test_tracker_in_browser import advisory_group_screens, managers_screens

pytestmark = pytest.mark.browser

REFLOW = {
    "320x640": VIEWPORTS["phone"],
    "1280x800-at-200%": {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2},
}

# [element, how much is cut off (px)] for everything cut off on the page.
CUT_OFF_JS = """() => {
  const cut = [];
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth) cut.push(['the page', page.scrollWidth - page.clientWidth]);
  const scrollRegion = '[role=region][tabindex="0"]:is([aria-labelledby], [aria-label])';
  for (const element of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(element);
    if (!['hidden', 'clip', 'auto', 'scroll'].includes(style.overflowX)) continue;
    if (element.matches('input, textarea, select') || element.closest(scrollRegion)) continue;
    const box = element.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1 || style.clip !== 'auto') continue;  // visually hidden
    if (element.scrollWidth > element.clientWidth + 1) {
      const name = element.tagName.toLowerCase() + (element.className ? '.' + element.className : '');
      cut.push([name, element.scrollWidth - element.clientWidth]);
    }
  }
  return cut;
}"""


def other_tracker_screens() -> dict[str, list[str]]:
    """The tracker's screens the axe tests do not list: {who: screens}."""
    draft = SelfAssessment.objects.get(status="draft")
    ratified = SelfAssessment.objects.get(status="ratified", framework__code="iass-2018")
    plan = DeliveryPlan.objects.get(title__startswith="SPS")
    item = plan.items.first()
    rating = draft.ratings.first()
    framework = Framework.objects.first()
    meeting = AdvisoryGroupMeeting.objects.get(date="2023-01-18")
    return {
        "advisor": [
            "/admin/",  # the dashboard's panels
            f"/admin/minimum_standards/assessment/{ratified.pk}/",
            f"/admin/minimum_standards/rating/{rating.pk}/history/",
            f"/admin/minimum_standards_plans/plan/{plan.pk}/history/",
            f"/admin/minimum_standards_plans/item/{item.pk}/history/",
            "/admin/minimum_standards/selfassessment/",
            "/admin/minimum_standards/framework/",
            f"/admin/minimum_standards/framework/inspect/{framework.pk}/",
            "/admin/minimum_standards_plans/deliveryplan/",
            "/admin/minimum_standards_plans/planitem/",
            "/admin/minimum_standards/advisorygroupmeeting/",
        ],
        "manager": [
            f"/admin/minimum_standards/assessment/{draft.pk}/",  # with its Edit buttons
            f"/admin/minimum_standards_plans/plan/{plan.pk}/",
            f"/admin/minimum_standards_plans/item/{item.pk}/progress/",
            f"/admin/minimum_standards_plans/assessment/{draft.pk}/ratify/",
            f"/admin/minimum_standards/assessment/{ratified.pk}/unlock/",
            "/admin/minimum_standards/assessment/import/",
            "/admin/minimum_standards/framework/import/",
            "/admin/minimum_standards_plans/plan/upload/",
            f"/admin/minimum_standards_plans/meeting/{meeting.pk}/decision/change-item/",
        ],
    }


def reflow_problems(page, server: str, paths, axe_context=None) -> dict:
    """{path: what is wrong} for every path cut off or with an axe violation."""
    problems = {}
    for path in paths:
        response = page.goto(server + path)
        assert response.status < 500, path
        found = page.evaluate(CUT_OFF_JS)
        if axe_context is None or page.locator(axe_context).count():
            results = Axe().run(page, context=axe_context, options=WCAG_22_AA)
            if results.violations_count:
                found.append(results.generate_report())
        if found:
            problems[path] = found
    return problems


@pytest.fixture(params=list(REFLOW))
def reflow_page(request, browser):
    context = browser.new_context(**REFLOW[request.param])
    page = context.new_page()
    page.problems = PageProblems(page)
    yield page
    context.close()


def test_every_public_page_type_reflows(reflow_page, demo_server):
    paths = ["/", *PAGES, "/no-such-page/"]

    assert reflow_problems(reflow_page, demo_server, paths) == {}
    assert reflow_page.problems.messages == []


@pytest.mark.parametrize("who", ["advisor", "manager"])
def test_every_tracker_screen_reflows(reflow_page, demo_server, who):
    screens = advisory_group_screens() if who == "advisor" else managers_screens()
    screens += other_tracker_screens()[who]
    sign_in(reflow_page, demo_server, who, f"demo-{who}-pass")

    # Our templates' content for axe, as the tracker's axe tests; Wagtail's own menus are
    # Wagtail's to test. Nothing on the whole page may be cut off.
    assert reflow_problems(reflow_page, demo_server, screens, ".nice-padding") == {}


def test_a_plan_stacks_on_a_phone_each_cell_named_by_its_column(browser, demo_server):
    plan = DeliveryPlan.objects.get(title__startswith="SPS")
    context = browser.new_context(**REFLOW["320x640"])
    page = context.new_page()
    sign_in(page, demo_server, "advisor", "demo-advisor-pass")
    page.goto(f"{demo_server}/admin/minimum_standards_plans/plan/{plan.pk}/")

    row = page.locator(".plan-table tbody tr").first
    cells = row.locator("td")
    headings = page.locator(".plan-table thead th").all_text_contents()
    assert cells.count() == len(headings) == 8
    for index, heading in enumerate(headings):
        cell = cells.nth(index)
        label = cell.evaluate("cell => getComputedStyle(cell, '::before').content")
        assert label == f'"{heading}"'  # the column's name, shown above the cell's content
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"] - 1  # one under the other
    assert first["x"] + first["width"] <= 320

    # The table is still a table to a screen reader, in a region named by its heading.
    region = page.get_by_role("region", name="Plan items")
    assert region.get_attribute("tabindex") == "0"
    tree = context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    roles = {node["role"]["value"] for node in tree if "role" in node}
    assert {"table", "row", "columnheader", "cell"} <= roles
    context.close()


def test_a_report_is_a_table_on_a_desktop_in_a_region_that_shows_focus(browser, demo_server):
    """At 1280 x 800 the report's table is a table (it stacks only where it would not fit),
    and its region, a stop for the Tab key, shows where the focus is."""
    draft = SelfAssessment.objects.get(status="draft")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    sign_in(page, demo_server, "advisor", "demo-advisor-pass")
    page.goto(f"{demo_server}/admin/minimum_standards/assessment/{draft.pk}/")

    region = page.get_by_role("region", name="Ratings")
    assert region.locator("thead").is_visible()  # a table at this width
    assert page.evaluate(CUT_OFF_JS) == []
    region.focus()
    outline = region.evaluate("r => getComputedStyle(r).outlineStyle")
    assert outline not in ("", "none")  # a keyboard user sees where they are
    context.close()
