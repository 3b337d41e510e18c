"""Limits that hold across workers and at once: enquiries, password resets and sign-ins are
counted in the database, taken and counted in one step; a form sent twice is one enquiry.
(Enquiries sent at the same moment, double clicks included, are tested through nginx and two
gunicorn workers: tests/deployment/test_mail_and_limits.py.)"""

import re
import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone

from home.models import Enquiry, QueuedPasswordReset

from .factories import ServiceManagerFactory, UserFactory
from .test_enquiries import answers

PASSWORD = "correct horse battery staple"


def at_once(count: int, request) -> list:
    """`request(client)` from `count` threads released together, each with its own client
    and database connection, as separate workers would be."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(number):
        try:
            barrier.wait()
            results[number] = request(Client())
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def test_a_form_sent_twice_is_one_enquiry_with_one_reference(client, enquiry_page):
    form = client.get(enquiry_page.url).content.decode()
    token = re.search(r'name="submission" value="([0-9a-f-]{36})"', form).group(1)

    first = client.post(enquiry_page.url, answers(submission=token))
    again = client.post(enquiry_page.url, answers(submission=token))

    assert Enquiry.objects.count() == 1
    assert first.status_code == again.status_code == 302
    assert first["Location"].split("?")[0] == again["Location"].split("?")[0]
    reference = Enquiry.objects.get().reference
    assert reference in client.get(again["Location"]).content.decode()


def test_a_form_refused_then_corrected_keeps_its_token(client, enquiry_page):
    form = client.get(enquiry_page.url).content.decode()
    token = re.search(r'name="submission" value="([0-9a-f-]{36})"', form).group(1)

    refused = client.post(enquiry_page.url, answers(submission=token, name=""))

    assert refused.status_code == 400
    assert f'name="submission" value="{token}"' in refused.content.decode()


def test_two_different_forms_are_two_enquiries(client, enquiry_page):
    for _ in range(2):
        form = client.get(enquiry_page.url).content.decode()
        token = re.search(r'name="submission" value="([0-9a-f-]{36})"', form).group(1)
        client.post(enquiry_page.url, answers(submission=token))

    assert Enquiry.objects.count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_six_password_resets_at_once_from_one_address_take_three(db):
    if connection.vendor != "postgresql":
        pytest.skip("row locks across connections: PostgreSQL (SQLite refuses the others)")
    statuses = at_once(
        6,
        lambda client: (
            client.post("/admin/password_reset/", {"email": "sam@sendias.example"}).status_code
        ),
    )

    assert sorted(statuses) == [302] * 3 + [429] * 3
    assert QueuedPasswordReset.objects.count() == 3


def start_of_this_hour():
    """A moment at the start of a sign-in window: the windows are fixed (home.limits), so a
    test run at 09:29:50 would otherwise see its count start again at 09:30."""
    return timezone.now().replace(minute=0, second=0, microsecond=0)


def sign_in(client, username, password, address="192.0.2.50"):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


@override_settings(AXES_ENABLED=True)
def test_a_password_sprayer_is_slowed_then_stopped_and_a_colleague_still_signs_in(client, db):
    ServiceManagerFactory(username="sam", password=PASSWORD)
    for number in range(40):
        UserFactory(username=f"person{number}")
    now = start_of_this_hour()  # every step below falls in one sign-in window (15 minutes)
    statuses = []

    with mock.patch("django.utils.timezone.now") as clock:
        for number in range(40):
            clock.return_value = now + timedelta(seconds=number)  # one attempt a second
            statuses.append(sign_in(client, f"person{number}", "Summer2026!").status_code)
        slowed = statuses.index(429)
        clock.return_value = now + timedelta(seconds=100)
        allowed = sign_in(client, "person1", "Summer2026!")
        clock.return_value = now + timedelta(seconds=101)
        paused = sign_in(client, "person2", "Summer2026!")
        colleague = sign_in(Client(), "sam", PASSWORD, address="192.0.2.51")
        right_but_stopped = sign_in(client, "sam", PASSWORD)
        clock.return_value = now + timedelta(minutes=31)
        later = sign_in(Client(), "sam", PASSWORD)

    # Ten failures, then one attempt each SIGN_IN_SLOW_SECONDS: refused (429) in between.
    assert statuses[:10] == [200] * 10 and slowed == 10, statuses
    assert statuses[10:20].count(200) <= 1, statuses
    assert allowed.status_code == 200  # ten seconds after the last failure
    assert paused.status_code == 429
    assert paused["Retry-After"] == "9"
    assert "Please wait 9 seconds" in paused.content.decode()
    assert colleague.status_code == 302  # another address is not affected
    assert right_but_stopped.status_code == 429
    assert later.status_code == 302


@override_settings(AXES_ENABLED=True, SIGN_IN_SLOW_SECONDS=0)
def test_after_thirty_failures_an_address_is_stopped_for_the_rest_of_the_window(client, db):
    ServiceManagerFactory(username="sam", password=PASSWORD)

    with mock.patch("django.utils.timezone.now", return_value=start_of_this_hour()):
        statuses = [sign_in(client, f"person{n}", "Winter2026!").status_code for n in range(32)]
        stopped = sign_in(client, "sam", PASSWORD)

    assert statuses == [200] * 30 + [429] * 2
    assert stopped.status_code == 429
    assert "paused for" in stopped.content.decode()
