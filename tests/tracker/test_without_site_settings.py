"""The tracker works in a site that sets none of the settings it does not own: links in its
emails come from WAGTAILADMIN_BASE_URL when it is set, otherwise from the address the request
came to, otherwise from the default Wagtail Site; and evidence uses the site's document model."""

import datetime
import io

from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Site

from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting, EvidenceLink, Question


def ask(client, rating, text="Who answers the phone out of hours?", **headers):
    url = reverse("minimum_standards_question_ask", args=["rating", rating.pk])
    return client.post(url, {"text": text}, **headers)


@override_settings(WAGTAILADMIN_BASE_URL=None)
def test_a_question_asked_without_an_admin_base_url_is_kept_and_linked_from_the_request(
    client, reader, manager, assessment, mailoutbox, django_capture_on_commit_callbacks
):
    rating = assessment.ratings.get(standard__code="1.3")
    client.force_login(reader)

    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, rating)

    question = Question.objects.get()
    assert response.status_code == 302  # not a 500 after the question was saved
    assert response["Location"] == reverse("minimum_standards_question", args=[question.pk])
    (email,) = mailoutbox
    assert email.to == [manager.email]
    assert f"http://testserver/admin/minimum_standards/question/{question.pk}/" in email.body
    assert question.text not in email.body  # a link, never the words


@override_settings(WAGTAILADMIN_BASE_URL="https://tracker.example/")
def test_links_use_the_admin_base_url_when_it_is_set(
    client, reader, manager, assessment, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(reader)

    with django_capture_on_commit_callbacks(execute=True):
        ask(client, assessment.ratings.get(standard__code="1.3"))

    question = Question.objects.get()
    link = f"https://tracker.example/admin/minimum_standards/question/{question.pk}/"
    assert link in mailoutbox[0].body


@override_settings(WAGTAILADMIN_BASE_URL=None)
def test_a_scheduled_reminder_links_from_the_default_site(reader, mailoutbox):
    meeting = AdvisoryGroupMeeting.objects.create(
        date=datetime.date.today() + datetime.timedelta(days=7), title="Spring"
    )
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "sendias.example", 443
    site.save()

    call_command("minimum_standards_send_review_reminders", stdout=io.StringIO())

    review = reverse("minimum_standards_plans_meeting_review", args=[meeting.pk])
    assert f"https://sendias.example{review}" in mailoutbox[0].body


def test_evidence_is_a_document_of_the_sites_own_document_model(client, manager, assessment):
    from django.core.files.base import ContentFile

    Document = get_document_model()  # the bare project's custom one, where CI sets one
    document = Document.objects.create(
        title="Complaints policy", file=ContentFile(b"%PDF-1.4 policy", name="policy.pdf")
    )
    rating = assessment.ratings.get(standard__code="1.3")

    link = EvidenceLink.objects.create(rating=rating, title="Policy", document=document)

    assert EvidenceLink._meta.get_field("document").related_model is Document
    assert link.href == document.url
    client.force_login(manager)
    report = client.get(reverse("minimum_standards_assessment_report", args=[assessment.pk]))
    assert document.url in report.content.decode()


class RefusingMailServer(BaseEmailBackend):
    """A mail server that refuses every connection."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


def test_a_question_is_kept_and_its_asker_told_so_when_mail_fails(
    client, reader, manager, assessment, django_capture_on_commit_callbacks
):
    rating = assessment.ratings.get(standard__code="1.3")
    client.force_login(reader)

    with (
        override_settings(EMAIL_BACKEND=f"{__name__}.RefusingMailServer"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = ask(client, rating)

    question = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("minimum_standards_question", args=[question.pk])
