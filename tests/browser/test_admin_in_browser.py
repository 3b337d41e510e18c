"""The admin under its own Content-Security-Policy: Wagtail's editor must still work."""

import pytest
from wagtail.models import Site

from home.models import HomePage

from .conftest import VIEWPORTS, PageProblems, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def manager_page(browser, demo_server):
    context = browser.new_context(**VIEWPORTS["desktop"])
    page = context.new_page()
    page.problems = PageProblems(page)
    sign_in(page, demo_server, "manager", "demo-manager-pass")
    yield page
    context.close()


def test_manager_edits_the_service_settings_in_the_browser(manager_page, demo_server):
    site = Site.objects.get(is_default_site=True)
    manager_page.goto(f"{demo_server}/admin/settings/home/servicesettings/{site.pk}/")
    manager_page.get_by_label("Helpline phone number").fill("0117 496 0123")
    manager_page.get_by_role("button", name="Save").click()
    manager_page.wait_for_load_state()

    manager_page.goto(demo_server + "/")

    assert manager_page.get_by_role("link", name="0117 496 0123").first.is_visible()
    assert manager_page.problems.messages == []


def test_page_editor_loads_without_policy_violations(manager_page, demo_server):
    home = HomePage.objects.get()
    manager_page.goto(f"{demo_server}/admin/pages/{home.pk}/edit/")

    assert manager_page.get_by_label("Introduction").first.is_visible()
    assert manager_page.problems.messages == []
