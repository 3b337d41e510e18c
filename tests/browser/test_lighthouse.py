"""Google Lighthouse on one page of every public page type of the demo site: 100 for
accessibility, best practices and SEO on each.

Lighthouse is pinned in tests/browser/package.json (installed by `make install`, `npm ci`) and
drives Debian's Chromium (CHROME_PATH), headless, once per page, two pages at a time. On a
developer's machine without Node.js and npm the test is skipped, saying what to install; on
CI (CI=true) a missing Lighthouse fails it.

Performance is not asserted. On this project's 2-core machines, mobile emulation with
Lighthouse's simulated throttling gave 100 on most pages but 99 on some (the news article,
the search results) from one run to the next, total blocking time alone moving between 70
and 150 ms while another test run shared the machine: a score that says more about the
machine than about the page.
"""

import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.utils import timezone

from home.models import EventPage

from .conftest import CHROMIUM, CHROMIUM_ARGS

LIGHTHOUSE = Path(__file__).parent / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["accessibility", "best-practices", "seo"]
PARALLEL = 2  # Chromes at once: the machine has 2 cores
TIMEOUT = 180  # seconds for one page

# One page of each public page type of the demo site: (name, path), or (name, a function of
# no arguments that returns the path, called once the demo is loaded, such as
# `lambda: EventPage.objects.live().first().url`). One line each.
PAGES: list[tuple[str, str | Callable[[], str]]] = [
    ("home", "/"),
    ("topic index", "/send-topics/"),
    ("topic", "/send-topics/ehc-needs-assessments/"),
    ("information", "/about-us/"),
    ("policy index", "/policies/"),
    ("policy", "/policies/complaints/"),
    ("signposting", "/other-help/"),
    ("news index", "/news/"),
    ("news article", "/news/annual-report-2021-22/"),
    ("you said, we did", "/about-us/you-said-we-did/"),
    ("enquiry", "/contact-us/"),
    ("how we are doing", "/about-us/how-we-are-doing/"),
    ("glossary", "/jargon-buster/"),
    ("feedback", "/feedback/"),
    ("events", "/events/"),
    ("young people's section", "/young-people/"),
    ("page for young people", "/young-people/16-to-25/your-rights-16-to-25/"),
    ("easy-read index", "/easy-read/"),
    ("easy-read page", "/easy-read/what-is-an-ehcp/"),
    ("event", lambda: next_event().url),
    ("search results", "/search/?q=tribunal"),
    ("page not found", "/no-such-page/"),
]


def next_event() -> EventPage:
    return EventPage.objects.live().filter(end__gt=timezone.now()).order_by("start").first()


# Audits that do not apply to a page, and why: {page name: {audit id: reason}}.
NOT_APPLICABLE = {
    "search results": {
        "is-crawlable": "robots.txt keeps search results out of search engines on purpose",
    },
    "page not found": {
        "http-status-code": "the page says 404 on purpose, so that search engines drop the address",
    },
}


def missing() -> str:
    """What is missing for Lighthouse to run, if anything."""
    if not shutil.which("node"):
        return "Node.js is missing: apt-get install nodejs npm, then make install"
    if not LIGHTHOUSE.exists():
        return f"{LIGHTHOUSE} is missing: make install (it runs npm ci in tests/browser)"
    return ""


# Skipped before the demo site is built, but only on a developer's machine.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(bool(missing()) and not os.environ.get("CI"), reason=missing()),
]


@pytest.fixture
def lighthouse() -> list[str]:
    """The command that runs Lighthouse; on CI a missing Lighthouse fails the test."""
    if missing():
        pytest.fail(f"{missing()} (.ci/run installs Node.js and npm)")
    return [str(LIGHTHOUSE)]


def run_lighthouse(command: list[str], url: str, skip_audits: list[str]) -> dict:
    """Lighthouse's report (its JSON output) for one address."""
    chrome_flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    arguments = [
        *command,
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--chrome-flags={chrome_flags}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--no-enable-error-reporting",
        "--disable-full-page-screenshot",
    ]
    if skip_audits:
        arguments.append(f"--skip-audits={','.join(skip_audits)}")
    if "http-status-code" in skip_audits:
        arguments.append("--ignore-status-code")  # else Lighthouse refuses to audit a 404 page
    finished = subprocess.run(
        arguments,
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if finished.returncode != 0 or not finished.stdout.strip():
        return {"runtimeError": {"message": finished.stderr[-2000:] or "no report"}}
    return json.loads(finished.stdout)


def shortfalls(report: dict, url: str, not_applicable: dict[str, str]) -> list[str]:
    """What keeps each category from 100: the failing audits' ids and titles.

    A category scores 100 when each of its weighted audits passes. A page that is meant to
    answer 404 has that answer in the browser's console; any other console error still counts.
    """
    if report.get("runtimeError"):
        return [f"Lighthouse could not audit the page: {report['runtimeError']['message']}"]
    found = []
    for category_id in CATEGORIES:
        category = report["categories"][category_id]
        failing = []
        for reference in category["auditRefs"]:
            audit = report["audits"][reference["id"]]
            if not reference["weight"] or audit["score"] is None or audit["score"] == 1:
                continue
            if audit["id"] == "errors-in-console" and "http-status-code" in not_applicable:
                items = audit["details"]["items"]
                if all(item["sourceLocation"]["url"] == url for item in items):
                    continue  # the page's own 404, which is what it is for
            failing.append(f"  {audit['id']}: {audit['title']} {audit.get('displayValue', '')}")
        if failing:
            found += [f"{category_id}: {round((category['score'] or 0) * 100)}", *failing]
    if found:  # Lighthouse's own warnings (a slow machine, a 404) only help explain a shortfall
        found += [f"  Lighthouse warned: {warning}" for warning in report.get("runWarnings", [])]
    return found


def test_every_public_page_type_scores_100_in_lighthouse(lighthouse, demo_server):
    paths = {name: path() if callable(path) else path for name, path in PAGES}
    started = time.monotonic()

    def audit(name: str) -> tuple[str, list[str], float]:
        began = time.monotonic()
        url, not_applicable = demo_server + paths[name], NOT_APPLICABLE.get(name, {})
        report = run_lighthouse(lighthouse, url, list(not_applicable))
        if report.get("runtimeError"):  # Lighthouse's own failure (Chromium slow to start): again
            report = run_lighthouse(lighthouse, url, list(not_applicable))
        return name, shortfalls(report, url, not_applicable), time.monotonic() - began

    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        results = list(pool.map(audit, paths))

    for name, _found, seconds in results:
        print(f"{name} ({paths[name]}): {seconds:.0f} s")
    print(f"Lighthouse on {len(results)} pages: {time.monotonic() - started:.0f} s in all")
    problems = {f"{name} ({paths[name]})": found for name, found, _seconds in results if found}
    assert problems == {}, "\n".join(
        line for page, found in problems.items() for line in [page, *found]
    )
