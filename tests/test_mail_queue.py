"""No mail server is spoken to inside a request: email waits in the database and the mail
worker sends it, retrying until the server takes it. Tested against a local SMTP server
that stalls (accepts and never greets), refuses, and then recovers."""

import statistics
import time

import pytest
from django.core.management import call_command
from django.test import override_settings
from mailer.models import Message

from home import mail_queue
from home.models import Enquiry, QueuedPasswordReset

from .factories import ServiceManagerFactory
from .fake_mail_server import FakeMailServer
from .test_enquiries import answers


@pytest.fixture
def mail_server():
    server = FakeMailServer()
    yield server
    server.close()


@pytest.fixture
def queued_mail(settings, mail_server):
    """base.py's queue, sending to the fake server with a one-second timeout."""
    settings.EMAIL_BACKEND = "mailer.backend.DbBackend"
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = mail_server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 1
    return mail_server


@pytest.fixture
def notifying_enquiry_page(enquiry_page):
    enquiry_page.notification_email = "team@sendias.example"
    enquiry_page.save_revision().publish()
    return enquiry_page


def test_an_enquiry_with_the_mail_server_stalled_is_stored_acknowledged_and_sent_later(
    client, notifying_enquiry_page, queued_mail
):
    queued_mail.stall()

    response = client.post(notifying_enquiry_page.url, answers())

    (enquiry,) = Enquiry.objects.all()
    assert response.status_code == 302
    assert client.get(response["Location"]).content.decode().count(enquiry.reference) >= 1
    assert queued_mail.connections == 0  # the request never spoke to the mail server
    assert Message.objects.count() == 1

    worker = mail_queue.new_worker()
    stalled = mail_queue.send_round(worker)
    assert stalled["server_down"] and queued_mail.received == []
    assert Message.objects.count() == 1  # kept as it was: nothing is lost

    queued_mail.recover()
    waiting = mail_queue.send_round(worker)  # inside the back-off: nothing is tried
    assert waiting["sent"] is False and queued_mail.received == []
    worker.server.next_at = 0  # the wait is over
    delivered = mail_queue.send_round(worker)

    assert delivered["sent"] and delivered["queued"] == 0
    (notice,) = queued_mail.received
    assert notice.recipients == ["<team@sendias.example>"]
    assert enquiry.reference in notice.message["Subject"]
    assert Message.objects.count() == 0


def test_a_refusing_mail_server_keeps_the_message_until_it_takes_it(
    notifying_enquiry_page, client, queued_mail
):
    client.post(notifying_enquiry_page.url, answers())
    queued_mail.refuse()

    call_command("send_queued_mail", "--once")
    assert Message.objects.deferred().count() == 1

    queued_mail.recover()
    call_command("send_queued_mail", "--once")

    assert len(queued_mail.received) == 1
    assert Message.objects.count() == 0


def test_a_message_the_server_refuses_does_not_hold_up_the_others(db, queued_mail):
    from django.core.mail import send_mail

    queued_mail.refused_recipients.add("gone@sendias.example")
    send_mail("First", "To someone who left", None, ["gone@sendias.example"])
    send_mail("Second", "To the team", None, ["team@sendias.example"])
    worker = mail_queue.new_worker()

    first = mail_queue.send_round(worker)
    second = mail_queue.send_round(worker)  # the refused one waits for its own retry

    assert first["refused"] == 1 and second["refused"] == 1
    assert [m.message["Subject"] for m in queued_mail.received] == ["Second"]
    assert Message.objects.deferred().count() == 1  # kept, to be tried again
    assert not worker.refused.due() and worker.server.due()

    queued_mail.refused_recipients.clear()  # the address works again
    worker.refused.next_at = 0
    mail_queue.send_round(worker)

    assert [m.message["Subject"] for m in queued_mail.received] == ["Second", "First"]
    assert Message.objects.count() == 0


def test_the_worker_waits_longer_after_each_failed_round_up_to_a_limit():
    now = [0.0]
    retries = mail_queue.Retries(first=15, most=600, clock=lambda: now[0])

    waits = []
    for _ in range(8):
        retries.failed()
        waits.append(retries.wait)
        assert not retries.due()
        now[0] = retries.next_at
    retries.succeeded()

    assert waits == [15, 30, 60, 120, 240, 480, 600, 600]
    assert retries.due() and retries.wait == 0


def test_a_password_reset_with_the_mail_server_stalled_is_answered_and_sent_later(
    client, db, queued_mail
):
    ServiceManagerFactory(username="sam", email="sam@sendias.example")
    queued_mail.stall()

    response = client.post("/admin/password_reset/", {"email": "sam@sendias.example"})

    assert response.status_code == 302
    assert queued_mail.connections == 0
    assert QueuedPasswordReset.objects.count() == 1
    worker = mail_queue.new_worker()
    assert mail_queue.send_round(worker)["server_down"]
    assert QueuedPasswordReset.objects.count() == 0  # now an email in the queue
    assert Message.objects.count() == 1

    queued_mail.recover()
    worker.server.next_at = 0
    mail_queue.send_round(worker)

    (reset,) = queued_mail.received
    assert reset.recipients == ["<sam@sendias.example>"]
    body = reset.message.get_payload(decode=True).decode()
    assert "/admin/password_reset/confirm/" in body


def test_a_reset_for_an_unknown_address_is_answered_the_same_and_sends_nothing(
    client, db, queued_mail
):
    ServiceManagerFactory(username="sam", email="sam@sendias.example")

    known = client.post("/admin/password_reset/", {"email": "sam@sendias.example"})
    unknown = client.post("/admin/password_reset/", {"email": "nobody@sendias.example"})
    call_command("send_queued_mail", "--once")

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [r.recipients for r in queued_mail.received] == [["<sam@sendias.example>"]]


@override_settings(PASSWORD_RESET_LIMIT=1000)
def test_reset_answers_take_the_same_time_for_known_and_unknown_addresses(client, db):
    ServiceManagerFactory(username="sam", email="sam@sendias.example")
    timings = {"sam@sendias.example": [], "nobody@sendias.example": []}

    for _ in range(40):  # interleaved, so that a slow moment of the machine hits both
        for address, times in timings.items():
            started = time.perf_counter()
            client.post("/admin/password_reset/", {"email": address})
            times.append(time.perf_counter() - started)

    known, unknown = (statistics.median(times) for times in timings.values())
    # The same work either way (one row stored); within noise, not milliseconds apart as
    # when the known address's email was written inside the request.
    assert abs(known - unknown) < max(0.2 * min(known, unknown), 0.002), (known, unknown)
