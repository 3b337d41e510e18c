"""When something is refused, the visitor still sees the site, and how to reach the service."""

import re

from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import Site

from .test_enquiries import answers


def looks_like_the_site(html: str) -> bool:
    return 'class="site-header"' in html and 'class="site-footer"' in html


def test_a_form_sent_without_its_cookie_gets_the_sites_page_with_the_helpline(enquiry_page):
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(enquiry_page.url, answers())

    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Your form was not sent</h1>" in html
    assert looks_like_the_site(html)
    assert 'call <a href="tel:01632960001">01632 960 001</a>' in html


def test_a_refused_page_is_the_sites_own(client, home_page, settings):
    settings.ROOT_URLCONF = "tests.urls_with_a_forbidden_page"

    response = client.get("/forbidden/")

    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>You cannot open this page</h1>" in html
    assert looks_like_the_site(html)
    assert 'href="tel:01632960001"' in html


def test_the_sitemap_uses_the_sites_public_address(client, demo_site):
    call_command("set_site", "--hostname", "www.sendias.example", "--port", "443", stdout=None)

    xml = client.get("/sitemap.xml").content.decode()
    robots = client.get("/robots.txt")

    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert len(locations) >= 30
    assert all(loc.startswith("https://www.sendias.example/") for loc in locations)
    assert "Sitemap: https://www.sendias.example/sitemap.xml" in robots.content.decode()
    assert Site.objects.get(is_default_site=True).root_url == "https://www.sendias.example"


def test_set_site_refuses_an_address_for_a_host_name(db):
    try:
        call_command("set_site", "--hostname", "https://www.example.org/")
    except CommandError as error:
        assert "Give the host name alone" in str(error)
    else:
        raise AssertionError("set_site took a URL for a host name")


def test_the_sites_own_failure_shows_the_helpline_written_at_the_last_deploy(
    home_page, settings, tmp_path
):
    """The 500 page is read from the disk (write_error_pages, at every deploy): what failed
    may be the database, so nothing is asked of it."""
    settings.ROOT_URLCONF = "tests.urls_with_a_forbidden_page"
    settings.STATIC_ROOT = str(tmp_path)
    call_command("write_error_pages", stdout=None)
    visitor = Client(raise_request_exception=False)

    response = visitor.get("/broken/")

    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, something went wrong" in html
    assert 'href="tel:01632960001"' in html


def test_without_the_written_page_the_failure_is_the_plain_one(settings, tmp_path, db):
    settings.ROOT_URLCONF = "tests.urls_with_a_forbidden_page"
    settings.STATIC_ROOT = str(tmp_path)  # write_error_pages never ran
    visitor = Client(raise_request_exception=False)

    response = visitor.get("/broken/")

    assert response.status_code == 500
    assert "<h1>Sorry, something went wrong</h1>" in response.content.decode()
