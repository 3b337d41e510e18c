"""`load_demo` builds the demo site and its users, and can be run again safely."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
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
