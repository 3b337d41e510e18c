"""The enquiry form: consent, storage before email, spam and abuse, who may read enquiries."""

import csv
import io
import re
from datetime import timedelta
from smtplib import SMTPException
from unittest import mock

import openpyxl
import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from home.forms import CONSENT_TO_CONTACT_REFUSED, CONSENT_TO_STORE_REFUSED
from home.models import Enquiry

from .factories import PolicyPageFactory

CONSENT_REFUSED = {
    "consent_to_store": CONSENT_TO_STORE_REFUSED,
    "consent_to_contact": CONSENT_TO_CONTACT_REFUSED,
}


def answers(**changes):
    data = {
        "role": "parent",
        "age_group": "5-10",
        "topic": "ehc-assessment",
        "message": "How do I ask for an EHC needs assessment?",
        "name": "Jo Parent",
        "email": "jo@example.org",
        "phone": "",
        "contact_method": "email",
        "contact_times": "Mornings",
        "consent_to_store": "on",
        "consent_to_contact": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_parent_sends_an_enquiry_and_is_given_its_reference(client, enquiry_page):
    response = client.post(enquiry_page.url, answers(), follow=True)

    enquiry = Enquiry.objects.get()
    assert response.redirect_chain[-1][0].startswith(enquiry_page.url + "thank-you/?reference=")
    html = response.content.decode()
    assert "Thank you: we have your enquiry" in html
    assert f'Your reference is <strong class="reference">{enquiry.reference}</strong>' in html
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}", enquiry.reference)
    assert enquiry.message == "How do I ask for an EHC needs assessment?"
    assert enquiry.consent_to_store and enquiry.consent_to_contact
    assert enquiry.client_key and "127.0.0.1" not in enquiry.client_key


@pytest.mark.parametrize(
    "query", ["", "?reference=ABCD-EFGH", "?reference=ABCD-EFGH:1xW5AN:forged-signature"]
)
def test_the_confirmation_is_only_for_the_browser_that_sent_the_enquiry(
    client, enquiry_page, query
):
    html = client.get(enquiry_page.url + "thank-you/" + query).content.decode()

    assert "we have your enquiry" not in html
    assert "<h1>Send us an enquiry</h1>" in html
    assert f'href="{enquiry_page.url}"' in html


def test_staff_are_told_without_the_personal_details(client, enquiry_page):
    client.post(enquiry_page.url, answers())

    (message,) = mail.outbox
    enquiry = Enquiry.objects.get()
    assert message.to == ["staff@sendias.example"]
    assert f"/admin/home_enquiry/inspect/{enquiry.pk}/" in message.body
    assert "Jo Parent" not in message.body + message.subject
    assert "jo@example.org" not in message.body
    assert enquiry.staff_notified


class FailingEmailBackend:
    """An SMTP server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise SMTPException("connection refused")


@override_settings(EMAIL_BACKEND="tests.test_enquiries.FailingEmailBackend")
def test_a_mail_failure_never_loses_an_enquiry(client, enquiry_page):
    response = client.post(enquiry_page.url, answers())

    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert not enquiry.staff_notified  # shown in the admin list, so staff can follow it up


@pytest.mark.parametrize("missing", ["consent_to_store", "consent_to_contact"])
def test_without_consent_nothing_is_stored_and_the_form_says_why(client, enquiry_page, missing):
    response = client.post(enquiry_page.url, answers(**{missing: None}))

    assert response.status_code == 400
    html = response.content.decode()
    assert CONSENT_REFUSED[missing] in html
    assert "There is a problem" in html
    assert f'href="#id_{missing}"' in html  # the error summary links to the box
    assert Enquiry.objects.count() == 0


def test_the_chosen_contact_method_needs_its_details(client, enquiry_page):
    response = client.post(enquiry_page.url, answers(contact_method="phone", phone=""))

    html = response.content.decode()
    assert "Give a phone number so that we can call or text you." in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_phone-hint id_phone-error"' in html
    assert Enquiry.objects.count() == 0


def test_a_sent_enquiry_is_stored_once(client, enquiry_page):
    client.post(enquiry_page.url, answers())
    client.get(enquiry_page.url + "thank-you/")
    client.post(enquiry_page.url + "thank-you/", answers())  # a resubmitted confirmation

    assert Enquiry.objects.count() == 1


def test_a_robot_filling_the_hidden_field_is_thanked_but_nothing_is_stored(client, enquiry_page):
    response = client.post(enquiry_page.url, answers(website="http://spam.example"))

    assert response.status_code == 302
    assert Enquiry.objects.count() == 0
    assert mail.outbox == []


def test_one_client_may_send_five_enquiries_an_hour(client, enquiry_page):
    for _ in range(5):
        assert client.post(enquiry_page.url, answers()).status_code == 302

    refused = client.post(enquiry_page.url, answers())

    assert refused.status_code == 429
    assert "You have sent several enquiries in a short time" in refused.content.decode()
    assert Enquiry.objects.count() == 5
    # Another client is not held up.
    assert client.post(enquiry_page.url, answers(), REMOTE_ADDR="192.0.2.7").status_code == 302


def test_an_hour_later_the_client_may_send_again(client, enquiry_page):
    for _ in range(5):
        client.post(enquiry_page.url, answers())
    an_hour_later = timezone.now() + timedelta(hours=1)

    with mock.patch("home.limits.timezone.now", return_value=an_hour_later):
        assert client.post(enquiry_page.url, answers()).status_code == 302


def test_oversized_and_malformed_input_is_refused_clearly(client, enquiry_page):
    too_long = client.post(enquiry_page.url, answers(message="x" * 3001))
    bad_choice = client.post(enquiry_page.url, answers(topic="<script>"))
    huge = client.post(enquiry_page.url, answers(contact_times="y" * 30_000))

    assert "Ensure this value has at most 3000 characters" in too_long.content.decode()
    assert "Select a valid choice." in bad_choice.content.decode()
    assert huge.status_code == 413
    assert "Your enquiry is too long to send." in huge.content.decode()
    assert Enquiry.objects.count() == 0


def test_the_form_page_renders_every_question(client, enquiry_page):
    html = client.get(enquiry_page.url).content.decode()

    assert "<legend>I am</legend>" in html
    assert 'name="consent_to_store"' in html and 'name="consent_to_contact"' in html
    assert '<div class="field trap">' in html  # the hidden robot trap
    assert "We delete enquiries after 365 days." in html


# Who may read enquiries ------------------------------------------------------------

LIST = "/admin/home_enquiry/"


def enquiry_urls(enquiry):
    return [
        LIST,
        f"{LIST}?export=csv",
        f"{LIST}?export=xlsx",
        f"{LIST}inspect/{enquiry.pk}/",
        f"{LIST}delete/{enquiry.pk}/",
    ]


@pytest.fixture
def stored_enquiry(client, enquiry_page):
    client.post(enquiry_page.url, answers(message='=HYPERLINK("http://evil.example")'))
    client.logout()
    return Enquiry.objects.get()


@pytest.mark.parametrize("role_fixture", ["editor", "advisory_member"])
def test_editors_and_advisory_group_cannot_read_enquiries(
    client, stored_enquiry, request, role_fixture
):
    client.force_login(request.getfixturevalue(role_fixture))

    for url in enquiry_urls(stored_enquiry):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Jo Parent" not in response.content.decode()
    assert client.post(f"{LIST}delete/{stored_enquiry.pk}/").status_code in (302, 403)
    assert Enquiry.objects.exists()


def test_the_public_cannot_read_enquiries(client, stored_enquiry):
    for url in enquiry_urls(stored_enquiry):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_service_manager_reads_and_exports_enquiries_safely(
    client, stored_enquiry, service_manager
):
    client.force_login(service_manager)

    listing = client.get(LIST)
    detail = client.get(f"{LIST}inspect/{stored_enquiry.pk}/")
    exported = client.get(f"{LIST}?export=csv")

    assert listing.status_code == 200 and "Enquiry" in listing.content.decode()
    assert "Jo Parent" in detail.content.decode()
    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode())))
    message_column = rows[0].index("Your question")
    assert rows[1][message_column] == '\'=HYPERLINK("http://evil.example")'
    assert rows[1][rows[0].index("I am")] == "A parent or carer"

    xlsx = b"".join(client.get(f"{LIST}?export=xlsx").streaming_content)
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx))
    cell = workbook.active.cell(row=2, column=message_column + 1)
    assert cell.data_type == "s"  # text, not a formula


def test_nobody_edits_an_enquiry_not_even_the_manager(client, stored_enquiry, service_manager):
    client.force_login(service_manager)

    assert client.get(f"{LIST}edit/{stored_enquiry.pk}/").status_code in (302, 403)
    assert client.get(f"{LIST}new/").status_code in (302, 403)


def test_old_enquiries_are_deleted_after_the_retention_period(client, enquiry_page):
    for _ in range(2):
        client.post(enquiry_page.url, answers())
    old, recent = Enquiry.objects.order_by("pk")
    Enquiry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=366))
    out = io.StringIO()

    call_command("delete_old_enquiries", "--dry-run", stdout=out)
    assert Enquiry.objects.count() == 2
    assert "Would delete 1 enquiry older than 365 days" in out.getvalue()

    call_command("delete_old_enquiries", stdout=out)
    assert list(Enquiry.objects.values_list("pk", flat=True)) == [recent.pk]
    assert "Deleted 1 enquiry older than 365 days" in out.getvalue()


def test_the_error_summary_names_each_question_and_links_to_it(client, enquiry_page):
    response = client.post(enquiry_page.url, {"website": ""})

    summary = response.content.decode().split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    for field, message in [
        ("role_0", "Choose who you are: a parent or carer, a young person or a professional"),
        ("age_group_0", "Choose the age of the child or young person"),
        ("topic", "Choose what your question is about"),
        ("message", "Write your question"),
        ("name", "Give your name, so that we know who we are replying to"),
        ("contact_method_0", "Choose how we should contact you"),
        ("consent_to_store", CONSENT_TO_STORE_REFUSED),
        ("consent_to_contact", CONSENT_TO_CONTACT_REFUSED),
    ]:
        assert f'<a href="#id_{field}">{message}</a>' in summary, field
    assert "This field is required." not in summary
    assert CONSENT_TO_STORE_REFUSED != CONSENT_TO_CONTACT_REFUSED


def test_the_form_says_when_phone_and_email_are_needed_and_links_the_privacy_notice(
    client, enquiry_page
):
    privacy = PolicyPageFactory(title="Privacy notice", policy_type="privacy")

    html = client.get(enquiry_page.url).content.decode()

    assert '<label for="id_phone">Phone number</label>' in html
    assert "Needed if you choose a phone call or a text message." in html
    assert '<label for="id_email">Email address</label>' in html
    assert "Needed if you choose email." in html
    assert "When is a good time to contact you? (optional)" in html
    assert f'<a href="{privacy.url}">Read our privacy notice</a>' in html


def test_no_age_is_in_two_bands():
    ages = [
        set(range(int(low), int(high) + 1))
        for low, high in (value.split("-") for value in Enquiry.AgeGroup.values)
    ]

    assert sorted(age for band in ages for age in band) == list(range(26))


def test_staff_find_an_enquiry_by_its_reference_and_read_yes_or_no(
    client, stored_enquiry, service_manager
):
    other = Enquiry.objects.create(
        role="parent", age_group="0-4", topic="other", message="m", name="n",
        contact_method="email", email="n@example.org", client_key="k",
    )  # fmt: skip
    client.force_login(service_manager)

    found = client.get(f"{LIST}?q={stored_enquiry.reference}").content.decode()
    detail = client.get(f"{LIST}inspect/{stored_enquiry.pk}/").content.decode()

    assert stored_enquiry.reference in found and other.reference not in found
    assert "Staff notified" in detail and ">Yes<" in detail.replace("\n", "").replace(" ", "")
