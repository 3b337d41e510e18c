"""The public feedback form: what a person sees, what is stored, limits, size, caching."""

import pytest
from django.core import mail
from django.test import Client
from mailer.models import Message

from home.feedback_form import CONSENT_REFUSED, RATING_REQUIRED
from home.models import Feedback

from .factories import FeedbackPageFactory


@pytest.fixture
def feedback_page(home_page):
    return FeedbackPageFactory()


def answers(**changes):
    data = {
        "rating": "4",
        "could_be_better": "It took a week to hear back.\nThe caseworker was kind.",
        "went_well": "The meeting went well.",
        "age_group": "11-15",
        "given_by": "parent",
        "email": "",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_parent_gives_feedback_without_a_name_and_is_thanked(client, feedback_page):
    response = client.post(feedback_page.url, answers(), follow=True)

    feedback = Feedback.objects.get()
    assert response.redirect_chain[-1][0].startswith(feedback_page.url + "thank-you/?received=")
    html = response.content.decode()
    assert "Thank you: we have received your feedback" in html
    assert "We keep feedback for 365 days" in html
    assert feedback.rating == Feedback.Rating.GOOD
    assert feedback.could_be_better == "It took a week to hear back.\nThe caseworker was kind."
    assert feedback.given_by == "parent" and feedback.age_group == "11-15"
    assert feedback.consent and feedback.client_key and "127.0.0.1" not in feedback.client_key


def test_only_the_rating_and_the_agreement_are_needed(client, feedback_page):
    response = client.post(
        feedback_page.url,
        answers(could_be_better="", went_well="", age_group=None, given_by=None),
    )

    assert response.status_code == 302
    assert Feedback.objects.get().age_group == ""


def test_the_thank_you_is_only_for_the_browser_that_sent_it(client, feedback_page):
    html = client.get(feedback_page.url + "thank-you/?received=forged").content.decode()

    assert "we have received your feedback" not in html
    assert "<h1>Tell us how we did</h1>" in html


def test_the_form_asks_each_question_in_a_fieldset_and_says_what_is_optional(client, feedback_page):
    html = client.get(feedback_page.url).content.decode()

    assert "<legend>How did we do?</legend>" in html
    for label in ("Very good", "Good", "All right", "Poor", "Very poor"):
        assert f">{label}</label>" in html
    assert "What could we do better? (optional)" in html
    assert "What went well? (optional)" in html
    assert "Email address, if you would like a reply (optional)" in html
    assert "<legend>Age of the child or young person (optional)</legend>" in html
    assert "A young person" in html and "A professional" in html
    assert "Only our staff read feedback. We delete it after 365 days." in html
    assert 'name="consent"' in html and '<div class="field trap">' in html
    assert 'name="name"' not in html  # no name asked for


def test_a_refused_form_keeps_everything_typed_and_links_each_error(client, feedback_page):
    response = client.post(feedback_page.url, answers(rating=None, consent=None, email="not-one"))

    assert response.status_code == 400
    html = response.content.decode()
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert f'<a href="#id_rating_0">{RATING_REQUIRED}</a>' in summary
    assert f'<a href="#id_consent">{CONSENT_REFUSED}</a>' in summary
    assert 'href="#id_email"' in summary
    assert "It took a week to hear back.\nThe caseworker was kind.</textarea>" in html
    assert 'value="not-one"' in html
    assert 'value="parent" id="id_given_by_1" checked' in html
    assert html.startswith("<!DOCTYPE html>") and "<title>Error:" in html
    assert Feedback.objects.count() == 0


def test_too_long_an_answer_is_refused_in_words(client, feedback_page):
    response = client.post(feedback_page.url, answers(could_be_better="x" * 2001))

    assert response.status_code == 400
    assert "“What could we do better?” can be up to 2,000 characters." in response.content.decode()
    assert Feedback.objects.count() == 0


def test_a_form_over_the_size_limit_gets_the_413_page_with_the_helpline(client, feedback_page):
    response = client.post(feedback_page.url, answers(went_well="y" * 30_000))

    assert response.status_code == 413
    html = response.content.decode()
    assert "Your feedback is too long to send." in html
    assert 'href="tel:' in html
    assert Feedback.objects.count() == 0


def test_one_client_may_send_five_an_hour_counted_apart_from_enquiries(
    client, feedback_page, enquiry_page
):
    for _ in range(5):
        assert client.post(feedback_page.url, answers()).status_code == 302

    refused = client.post(feedback_page.url, answers())

    assert refused.status_code == 429
    assert "You have sent feedback several times in a short time" in refused.content.decode()
    assert "It took a week to hear back." in refused.content.decode()  # kept, as typed
    assert Feedback.objects.count() == 5
    assert client.post(feedback_page.url, answers(), REMOTE_ADDR="192.0.2.7").status_code == 302
    enquiry = {
        "role": "parent", "age_group": "5-10", "topic": "other", "message": "Hello",
        "name": "Jo", "email": "jo@example.org", "contact_method": "email",
        "consent_to_store": "on", "consent_to_contact": "on",
    }  # fmt: skip
    assert client.post(enquiry_page.url, enquiry).status_code == 302  # its own budget


def test_a_form_sent_twice_is_stored_once_and_a_robot_is_not_stored(client, feedback_page):
    token = "5b0c8a52-3f3e-4f4b-9d1a-1f2f3a4b5c6d"
    client.post(feedback_page.url, answers(submission=token))
    again = client.post(feedback_page.url, answers(submission=token))
    robot = client.post(feedback_page.url, answers(website="http://spam.example"))

    assert again.status_code == 302 and "received=" in again["Location"]
    assert robot.status_code == 302
    assert Feedback.objects.count() == 1


def test_staff_are_told_through_the_mail_queue_without_the_words(client, feedback_page, settings):
    settings.EMAIL_BACKEND = "mailer.backend.DbBackend"

    client.post(feedback_page.url, answers())

    assert mail.outbox == []  # nothing sent during the request
    (queued,) = Message.objects.all()
    email = queued.email
    feedback = Feedback.objects.get()
    assert email.to == ["staff@sendias.example"]
    assert f"/admin/home_feedback/inspect/{feedback.pk}/" in email.body
    assert "It took a week" not in email.body + email.subject


def test_the_form_is_never_kept_by_a_cache_and_the_thank_you_may_be(client, feedback_page):
    form = client.get(feedback_page.url)
    thank_you = client.get(feedback_page.url + "thank-you/")

    assert "private" in form["Cache-Control"]
    assert "private" not in thank_you.get("Cache-Control", "")


def test_feedback_is_never_in_the_sites_search(client, feedback_page):
    client.post(feedback_page.url, answers(went_well="Zanzibar caseworker"))

    html = Client().get("/search/?query=Zanzibar").content.decode()

    assert "Zanzibar" not in html.split("<main", 1)[1].replace('value="Zanzibar"', "")


def test_the_footer_the_contact_page_and_you_said_we_did_link_to_the_form(
    client, feedback_page, enquiry_page
):
    from .factories import YouSaidWeDidPageFactory

    you_said = YouSaidWeDidPageFactory()

    for url in ("/", enquiry_page.url, you_said.url):
        html = client.get(url).content.decode()
        assert html.count(f'<a href="{feedback_page.url}">Tell us how we did</a>') >= 1, url


def test_the_form_its_errors_and_the_thank_you_are_valid_html(client, feedback_page, tmp_path):
    from .nu_html_checker import html_errors

    pages = {
        "form.html": client.get(feedback_page.url),
        "refused.html": client.post(feedback_page.url, answers(rating=None, consent=None)),
        "too-large.html": client.post(feedback_page.url, answers(went_well="y" * 30_000)),
        "thank-you.html": client.post(feedback_page.url, answers(), follow=True),
        "not-sent.html": client.get(feedback_page.url + "thank-you/"),
    }
    for name, response in pages.items():
        (tmp_path / name).write_bytes(response.content)

    assert html_errors(sorted(tmp_path.glob("*.html"))) == []
