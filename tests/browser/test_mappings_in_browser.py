"""Framework mappings in a browser (issue 23): the Service manager uploads the built-in 2016 →
2018 mapping and sees its preview, opens the "Start the next self-assessment" form with its
framework choice, and compares the demo's 2017-18 self-assessment (2016 framework) with a
2018 one through the mapping. Each at 1280 px, at 320 px and at 200 % zoom: axe finds nothing,
nothing is cut off, and every field has a label."""

import pytest
from django.urls import reverse

from wagtail_minimum_standards.compliance.builtin_frameworks import BUILTIN_MAPPINGS
from wagtail_minimum_standards.compliance.models import SelfAssessment

from .conftest import VIEWPORTS, sign_in
from .test_plan_upload_in_browser import problems_on
from .test_reflow import REFLOW

pytestmark = pytest.mark.browser

SIZES = {"1280x800": VIEWPORTS["desktop"], **REFLOW}

# Every form field a person can reach, without a name a screen reader can read.
UNLABELLED_JS = """() => [...document.querySelectorAll(
    '.nice-padding input:not([type=hidden]), .nice-padding select, .nice-padding textarea'
  )].filter(field => !(field.labels && field.labels.length) && !field.getAttribute('aria-label')
                     && !field.getAttribute('aria-labelledby')).map(field => field.name)"""


def checked(page, size) -> None:
    assert problems_on(page) == [], size
    assert page.evaluate(UNLABELLED_JS) == [], size
    assert page.problems.messages == [], size


@pytest.fixture
def manager_at(browser, demo_server):
    """manager_at(size): a page signed in as the demo's Service manager at that size."""
    contexts = []

    def signed_in(size):
        contexts.append(browser.new_context(**SIZES[size]))
        page = contexts[-1].new_page()
        from .conftest import PageProblems

        page.problems = PageProblems(page)
        sign_in(page, demo_server, "manager", "demo-manager-pass")
        return page

    yield signed_in
    for context in contexts:
        context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_the_mapping_upload_and_its_preview(manager_at, demo_server, size):
    page = manager_at(size)
    page.goto(demo_server + reverse("minimum_standards_mapping_import"))
    checked(page, size)

    page.get_by_label("File").set_input_files(str(BUILTIN_MAPPINGS["iass-2016-to-2018"][0]))
    page.get_by_role("button", name="Import a framework mapping").click()
    page.wait_for_load_state()

    preview = page.get_by_role("region", name="Preview: nothing is saved until you import it")
    assert "This replaces the mapping “2016 Quality Standards to 2018 Minimum Standards”" in (
        preview.inner_text()
    )
    checked(page, size)


@pytest.mark.parametrize("size", list(SIZES))
def test_the_start_next_form_offers_the_mapped_framework(manager_at, demo_server, size):
    previous = SelfAssessment.objects.get(framework__code="iass-2016")
    page = manager_at(size)
    page.goto(demo_server + reverse("minimum_standards_assessment_start_next", args=[previous.pk]))

    choice = page.get_by_label("Framework")
    options = choice.locator("option").all_text_contents()
    assert any("(the same)" in option for option in options)
    assert any("Minimum Standards for SEND Information" in option for option in options)
    checked(page, size)


@pytest.mark.parametrize("size", list(SIZES))
def test_the_comparison_across_the_mapping(manager_at, demo_server, size):
    earlier = SelfAssessment.objects.get(framework__code="iass-2016")
    later = SelfAssessment.objects.filter(framework__code="iass-2018").order_by("pk").first()
    page = manager_at(size)
    page.goto(demo_server + reverse("minimum_standards_compare"))
    page.get_by_label("Earlier").select_option(str(earlier.pk))
    page.get_by_label("Later").select_option(str(later.pk))
    page.get_by_role("button", name="Compare", exact=True).click()
    page.wait_for_load_state()

    changes = page.get_by_role("region", name=f"From {earlier} to {later}")
    text = changes.inner_text()
    assert "Came from" in text and "Retired" in text and "Split" in text
    checked(page, size)
