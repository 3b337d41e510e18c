"""Page moderation in a real browser: an Editor submits a change to the Service manager, who
finds it awaiting review on the admin home, approves it, and the public page shows it.

Wagtail's page editor and its dashboard panels are Wagtail's to test (as in
test_tracker_in_browser, axe runs on our own parts): here axe checks the public page both
people looked at and the tracker's panel on the manager's admin home.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from home.models import TopicIndexPage

from .test_home_page_in_browser import WCAG_22_AA

pytestmark = pytest.mark.browser

CHANGE = "Checked by the Service manager before it went live."


def axe_violations(page, context=None) -> str:
    results = Axe().run(page, context=context, options=WCAG_22_AA)
    return results.generate_report() if results.violations_count else ""


def test_an_editor_submits_a_page_and_the_service_manager_approves_it(person, demo_server):
    topics = TopicIndexPage.objects.get()
    public = demo_server + topics.url

    editor = person("editor")
    editor.goto(f"{demo_server}/admin/pages/{topics.pk}/edit/")
    editor.get_by_role("textbox", name="Introduction").fill(CHANGE)
    editor.get_by_role("button", name="More actions").click()  # the action menu's toggle
    submit = editor.get_by_role("button", name="Submit to Service manager approval")
    submit.focus()
    with editor.expect_navigation():
        editor.keyboard.press("Enter")
    assert editor.get_by_text(
        f"Page '{topics.title}' has been submitted for moderation."
    ).is_visible()
    editor.goto(public)
    assert CHANGE not in editor.content()  # not live until the Service manager approves
    assert axe_violations(editor) == ""
    assert editor.problems.messages == []

    manager = person("manager")
    awaiting = manager.locator("#awaiting-review-section")
    row = awaiting.get_by_role("row").filter(has_text=topics.title)
    assert "Eden Editor" in row.inner_text()  # who submitted it, by name
    row.get_by_role("button", name="Actions").click()
    with manager.expect_navigation():
        row.get_by_role("button", name="Approve", exact=True).click()
    assert manager.locator("#awaiting-review-section").count() == 0  # nothing left to review
    assert axe_violations(manager, "section[aria-labelledby=plans-panel-heading]") == ""
    manager.goto(public)
    assert manager.get_by_text(CHANGE).is_visible()  # live, with the change
    assert axe_violations(manager) == ""
    assert manager.problems.messages == []
