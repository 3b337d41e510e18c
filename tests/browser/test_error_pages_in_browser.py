"""nginx's own error pages (`manage.py write_error_pages`) in a real browser: axe-core finds
nothing, on a phone and a desktop, served with the headers deploy/nginx/sendias.conf gives
them (its Content-Security-Policy among them: no inline style or script), and they have the
site's look."""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from home.management.commands.write_error_pages import STATUSES

from .test_home_page_in_browser import WCAG_22_AA

pytestmark = pytest.mark.browser

NGINX_SITE = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "sendias.conf"


def nginx_headers() -> dict[str, str]:
    """The headers the shipped nginx file adds to its error pages."""
    location = re.search(r"location \^~ /\.errors/ \{(.*?)\n    \}", NGINX_SITE.read_text(), re.S)
    added = re.findall(r'add_header ([\w-]+) ("[^"]*"|\S+) always;', location.group(1))
    return {name: value.strip('"') for name, value in added}


@pytest.fixture
def error_pages(demo_server, tmp_path):
    call_command("write_error_pages", "--output", str(tmp_path), stdout=None)
    return tmp_path


@pytest.mark.parametrize("status", STATUSES)
def test_error_page_has_no_axe_violations_and_the_sites_look(
    viewport_page, demo_server, error_pages, status
):
    html = (error_pages / f"{status}.html").read_text()
    headers = {**nginx_headers(), "Content-Type": "text/html; charset=utf-8"}
    address = f"{demo_server}/.errors/{status}.html"  # as nginx serves it, from the site
    viewport_page.route(
        address, lambda route: route.fulfill(status=status, headers=headers, body=html)
    )

    viewport_page.goto(address)
    results = Axe().run(viewport_page, options=WCAG_22_AA)

    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert results.violations_count == 0, results.generate_report()
    assert viewport_page.problems.messages == [], "the browser reported problems (CSP, errors)"
    header_colour = viewport_page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert header_colour == "rgb(11, 85, 99)"  # site.css's --brand: the stylesheet is there
    overflow = viewport_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
