"""`manage.py write_error_pages`: the pages nginx shows for its own errors (deploy/nginx/
sendias.conf), static files with the site's look, the helpline and the opening hours.
tests/deployment/test_nginx_error_pages.py checks them served by nginx."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Site

from home.management.commands.write_error_pages import STATUSES
from home.models import ServiceSettings

from .nu_html_checker import html_errors

HEADINGS = {
    400: "Sorry, we could not understand that request",
    404: "Page not found",
    413: "What you sent is too large",
    429: "Too many requests",
    500: "Sorry, something went wrong",
    502: "Sorry, the website is not working at the moment",
    503: "Sorry, the website is closed for a short time",
    504: "Sorry, the website is taking too long to answer",
}


def written(folder) -> dict[int, str]:
    call_command("write_error_pages", "--output", str(folder), stdout=None)
    return {status: (folder / f"{status}.html").read_text() for status in STATUSES}


def test_each_page_has_the_helpline_the_opening_hours_and_the_sites_look(demo_site, tmp_path):
    pages = written(tmp_path)

    assert sorted(pages) == sorted(HEADINGS)
    for status, html in pages.items():
        assert f"<h1>{HEADINGS[status]}</h1>" in html, status
        assert f"<title>{HEADINGS[status]} | Sendias Bathnes</title>" in html, status
        assert '<a href="tel:01632960123">01632 960 123</a>' in html, status
        assert 'href="mailto:' in html
        assert '<dl class="opening-hours">' in html and "Monday" in html, status
        assert 'class="site-header"' in html and 'class="get-help"' in html
        assert 'href="/static/css/site.css"' in html
        assert timezone.localdate().strftime("%-d %B %Y") in html
        assert "{%" not in html and "{{" not in html
        assert (tmp_path / f"{status}.html").stat().st_mode & 0o777 == 0o644


def test_the_pages_follow_the_settings_when_written_again(demo_site, tmp_path):
    settings = ServiceSettings.for_site(Site.objects.get(is_default_site=True))
    settings.phone = "0117 496 0999"
    settings.opening_hours = [
        (
            "period",
            {"days": "Tuesdays only", "opens": datetime.time(10), "closes": datetime.time(12)},
        )
    ]
    settings.save()

    pages = written(tmp_path)

    assert all('<a href="tel:01174960999">0117 496 0999</a>' in html for html in pages.values())
    assert all("Tuesdays only" in html and "01632 960 123" not in html for html in pages.values())
    assert sorted(path.name for path in tmp_path.iterdir()) == [f"{s}.html" for s in STATUSES]


@pytest.mark.django_db
def test_they_go_into_static_root_by_default(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"

    call_command("write_error_pages", stdout=None)

    assert (tmp_path / "static" / "errors" / "502.html").exists()


def test_the_pages_are_valid_html(demo_site, tmp_path):
    written(tmp_path)

    assert html_errors(sorted(tmp_path.glob("*.html"))) == []
