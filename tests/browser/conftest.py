"""Browser tests: Playwright for Python driving Debian's Chromium, never a downloaded browser.

On CI (CI=true) a missing Chromium fails the run; on a developer's machine these
tests are skipped with the command that installs it.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {
        "viewport": {"width": 320, "height": 640},  # WCAG 1.4.10 reflow is defined at 320px
        "device_scale_factor": 3,
        "is_mobile": True,
        "has_touch": True,
    },
}

# Playwright's sync API runs an event loop in this thread; the test database is
# still used synchronously, one statement at a time, so Django may allow it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"{CHROMIUM} is missing: `apt-get install chromium` (.ci/run does)")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: sudo apt-get install chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo_server(live_server):
    """The demo site, as `make run` builds it, served by a live test server.

    The live server needs committed data, so the database is flushed after
    each browser test; `load_demo` rebuilds everything it needs on a flushed
    database, as it would after `manage.py flush`.
    """
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    return live_server.url


class PageProblems:
    """What went wrong while a page loaded: CSP violations, script errors, missing assets.

    The page's own status is the test's business (a 404 page is meant to be one).
    """

    def __init__(self, page):
        self.messages = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.messages.append(f"page error: {error}"))
        page.on("response", self._response)

    def _console(self, message):
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.messages.append(message.text)

    def _response(self, response):
        if response.status >= 400 and response.request.resource_type != "document":
            self.messages.append(f"{response.status} for {response.url}")


@pytest.fixture(params=list(VIEWPORTS))
def viewport_page(request, browser):
    """A page in a fresh browser context, once on a desktop and once on a phone."""
    context = browser.new_context(**VIEWPORTS[request.param])
    page = context.new_page()
    page.problems = PageProblems(page)
    yield page
    context.close()


def sign_in(page, server: str, username: str, password: str) -> None:
    """Sign in to the admin through its login form, as a person would."""
    page.goto(server + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(server + "/admin/")


@pytest.fixture
def person(browser, demo_server):
    """person(who): a desktop browser of their own, signed in as the demo's `who` (its
    password is demo-`who`-pass); each closed after the test."""
    contexts = []

    def signed_in(who):
        contexts.append(browser.new_context(**VIEWPORTS["desktop"]))
        page = contexts[-1].new_page()
        page.problems = PageProblems(page)
        sign_in(page, demo_server, who, f"demo-{who}-pass")
        return page

    yield signed_in
    for context in contexts:
        context.close()
