"""The service manager edits the contact details in the admin; nobody else can."""

import pytest
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import ServiceSettings


def settings_url():
    site = Site.objects.get(is_default_site=True)
    return f"/admin/settings/home/servicesettings/{site.pk}/"


def settings_form(**changes):
    data = {
        "service_name": "Sendias Bathnes",
        "strapline": "",
        "phone": "0117 496 0000",
        "text_number": "07700 900 999",
        "email": "new@sendias.example",
        "postal_address": "2 New Street\nBath",
        "opening_hours": streamfield(
            [("period", {"days": "Monday to Wednesday", "opens": "10:00", "closes": "15:00"})]
        ),
        "opening_hours_note": "",
        "answerphone": "Answerphone all day, every day.",
        "response_times": "Within 1 working day.",
        "local_offer_url": "https://local-offer.example/",
        "local_offer_label": "Local Offer",
        "national_helpline_name": "",
        "national_helpline_phone": "",
        "national_helpline_url": "",
        "social_links": streamfield([]),
        "site_notice": "",
    }
    data.update(changes)
    return nested_form_data(data)


def test_service_manager_changes_contact_details_and_the_site_shows_them(
    client, home_page, service_manager
):
    client.force_login(service_manager)

    assert client.get(settings_url()).status_code == 200
    response = client.post(settings_url(), settings_form())

    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert "0117 496 0000" in html
    assert "Monday to Wednesday" in html and "3:00pm" in html
    assert "Within 1 working day." in html


def test_invalid_email_is_refused_with_the_field_named(client, home_page, service_manager):
    client.force_login(service_manager)

    response = client.post(settings_url(), settings_form(email="not-an-email"))

    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert ServiceSettings.objects.get().email == "help@sendias.example"


@pytest.mark.parametrize("role_fixture", ["editor", "advisory_member"])
def test_other_roles_cannot_see_or_change_service_settings(
    client, home_page, role_fixture, request
):
    client.force_login(request.getfixturevalue(role_fixture))

    assert client.get(settings_url()).status_code in (302, 403)
    client.post(settings_url(), settings_form())

    assert ServiceSettings.objects.get().phone == "01632 960 001"


def test_anonymous_visitor_is_sent_to_login(client, home_page):
    response = client.get(settings_url())

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    client.post(settings_url(), settings_form())
    assert ServiceSettings.objects.get().phone == "01632 960 001"
