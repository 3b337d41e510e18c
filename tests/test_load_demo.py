"""`load_demo` builds the demo site and its users, and can be run again safely."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from wagtail.models import Page, Revision, Site

from home.demo import EXAMPLE_DATA_NOTICE
from home.models import HomePage, ServiceSettings


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
        "settings": ServiceSettings.objects.count(),
        "sites": Site.objects.count(),
    }


def test_demo_site_is_the_service_with_example_contact_details(client, db):
    load_demo()

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    html = client.get("/").content.decode()
    assert "Sendias Bathnes" in html
    assert "aged 0 to 25" in html
    assert "SEND Partnership Service" in html  # its former name, from the annual report
    assert EXAMPLE_DATA_NOTICE.replace("'", "&#x27;") in html  # invented details are marked
    assert "01632 960 123" in html  # an Ofcom drama number, not a real line
    assert "24-hour answerphone" in html
    assert "0808 808 3555" in html  # the national helpline


def test_running_it_twice_changes_nothing(db):
    load_demo()
    before = counts()

    load_demo()

    assert counts() == before


def test_it_brings_edited_demo_content_back(db):
    load_demo()
    ServiceSettings.objects.update(phone="999")

    load_demo()

    assert ServiceSettings.objects.get().phone == "01632 960 123"


def test_demo_users_one_per_role_with_passwords_in_development(db):
    output = load_demo()

    users = {u.username: u for u in get_user_model().objects.prefetch_related("groups")}
    assert [g.name for g in users["manager"].groups.all()] == ["Service manager"]
    assert [g.name for g in users["advisor"].groups.all()] == ["Advisory Group"]
    assert [g.name for g in users["editor"].groups.all()] == ["Editor"]
    assert users["manager"].check_password("demo-manager-pass")
    assert "username manager, password demo-manager-pass" in output
    assert "/admin/" in output


@override_settings(DEMO_PASSWORDS=False)
def test_outside_development_demo_users_get_no_password(db):
    output = load_demo()

    manager = get_user_model().objects.get(username="manager")
    assert not manager.has_usable_password()
    assert "demo-manager-pass" not in output


def test_demo_has_every_section_that_minimum_standard_3_3_asks_for(client, db):
    load_demo()

    for path, text in [
        ("/send-topics/", "EHC needs assessments"),
        ("/other-help/", "The Local Offer"),
        ("/other-help/", "Groups and forums for young people"),
        ("/other-help/", "National helplines and advice"),
        ("/policies/", "Complaints"),
        ("/about-us/advisory-group/", "Terms of reference"),
        ("/about-us/you-said-we-did/", "You said"),
        ("/news/annual-report-2021-22/", "Annual Report 2021-22 (full text)"),
        ("/contact-us/", "Send my enquiry"),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert text in response.content.decode(), (path, text)
    home = client.get("/").content.decode()
    for section in ("/send-topics/", "/contact-us/", "/other-help/", "/policies/"):
        assert f'href="{section}"' in home, section
    # Key policies, the complaints procedure first among them, are in every page's footer.
    assert 'href="/policies/complaints/"' in client.get("/news/").content.decode()


@override_settings(DEMO_CONTENT=False)
def test_production_settings_refuse_demo_content_without_force(db):
    with pytest.raises(CommandError, match="runs only under development or test settings"):
        load_demo()
    assert not HomePage.objects.exists()

    call_command("load_demo", "--force", stdout=StringIO())
    assert HomePage.objects.exists()
