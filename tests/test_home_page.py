"""The home page and the contact details every public page shows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import HomePage, ServiceSettings

from .factories import (
    HomePageFactory,
    InformationPageFactory,
    PolicyPageFactory,
    ServiceSettingsFactory,
)


def test_home_page_shows_contact_details_and_opening_hours_from_settings(client, home_page):
    html = client.get("/").content.decode()

    assert "Sendias Test" in html
    assert 'href="tel:01632960001"' in html
    assert 'href="sms:07700900001"' in html
    assert 'href="mailto:help@sendias.example"' in html
    assert "Monday to Friday" in html
    assert "9:00am" in html and "5:00pm" in html
    assert "We reply within 3 working days." in html
    assert "Leave a message at any time" in html
    assert 'href="https://local-offer.example/"' in html
    assert 'href="tel:08080000000"' in html


def test_contact_details_come_from_settings_not_the_template(client, home_page):
    settings = ServiceSettings.objects.get()
    settings.phone = "0117 496 0999"
    settings.opening_hours = [
        {"type": "period", "value": {"days": "Tuesdays", "opens": "10:00", "closes": "12:30"}}
    ]
    settings.save()

    html = client.get("/").content.decode()

    assert "0117 496 0999" in html and "01632 960 001" not in html
    assert "Tuesdays" in html and "12:30pm" in html


def test_every_public_page_shows_contact_details_even_not_found(client, home_page):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "01632 960 001" in html and "Monday to Friday" in html


def test_base_template_is_accessible_by_structure(client, home_page):
    html = client.get("/").content.decode()

    assert '<html lang="en-GB">' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert '<a class="skip-link" href="#main-content">' in html
    assert 'id="main-content"' in html
    for landmark in ('<header class="site-header">', "<main ", '<footer class="site-footer">'):
        assert html.count(landmark) == 1
    assert "<script" not in html  # the public site needs no JavaScript


def test_menu_lists_pages_chosen_for_it(client, home_page):
    in_menu = home_page.add_child(
        instance=HomePage(title="About us", slug="about", introduction="x")
    )
    in_menu.show_in_menus = True
    in_menu.save_revision().publish()

    html = client.get("/").content.decode()

    assert '<nav class="main-menu" aria-label="Main">' in html
    assert 'href="/about/"' in html


def test_site_notice_shows_on_every_page_while_set(client, home_page):
    service = ServiceSettings.for_site(home_page.get_site())
    service.site_notice = "Closed 24 December to 2 January."
    service.save()
    assert "Closed 24 December to 2 January." in client.get("/").content.decode()

    service.site_notice = ""
    service.save()
    assert 'class="site-notice"' not in client.get("/").content.decode()


def queries_for(client, url):
    client.get(url)  # the first request fills per-process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_menu_pages(count):
    for n in range(count):
        page = InformationPageFactory(title=f"Section {n}")
        page.show_in_menus = True
        page.save_revision().publish()


def test_home_page_queries_do_not_grow_with_the_site(client, home_page):
    add_menu_pages(1)
    policies = PolicyPageFactory().get_parent()
    few = queries_for(client, "/")

    add_menu_pages(8)
    PolicyPageFactory.create_batch(5, parent=policies)

    assert queries_for(client, "/") == few
    assert few <= 10  # the budget recorded in docs/benchmarks.md


def home_page_form(slug):
    """The home page's admin form, as a manager would fill it in."""
    return nested_form_data(
        {
            "title": "Home",
            "slug": slug,
            "introduction": "Who we help.",
            "body": rich_text("<p>How we can help.</p>"),
            "quick_links": streamfield(
                [("link", {"title": "Local Offer", "url": "https://example.org/", "page": ""})]
            ),
        }
    )


@pytest.mark.django_db
class TestHomePageInAdmin(WagtailPageTestCase):
    """A manager can create and edit the home page in Wagtail's admin."""

    def setUp(self):
        self.root = Page.get_first_root_node()
        self.home = HomePageFactory()
        Site.objects.filter(is_default_site=True).update(root_page=self.home)
        ServiceSettingsFactory()
        self.login()

    def test_renders_and_previews(self):
        self.assertPageIsRenderable(self.home)
        self.assertPageIsPreviewable(self.home, post_data=home_page_form(slug=self.home.slug))

    def test_is_editable(self):
        self.assertPageIsEditable(self.home, post_data=home_page_form(slug=self.home.slug))

    def test_only_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_can_be_created_in_the_admin(self):
        self.home.delete()
        self.assertCanCreate(
            self.root,
            HomePage,
            home_page_form(slug="new-home"),
        )


def test_server_error_page_stands_alone(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()
