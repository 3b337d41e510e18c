"""Through nginx -> gunicorn (2 workers) -> PostgreSQL, with the mail worker of
deploy/systemd/sendias-mail.service sending to a local SMTP server that a test stalls:
a stalled mail server delays nothing and loses nothing; a form sent twice is one enquiry;
limits hold for concurrent requests across workers; a password sprayer is slowed.

Each test uses loopback addresses of its own (127.0.0.x), so that budgets from one test
never reach another."""

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from tests.test_enquiries import answers

from .browser import Browser

REFERENCE = re.compile(r'class="reference">([A-Z0-9]{4}-[A-Z0-9]{4})<')
MANAGER = "manager@sendias-bathnes.example"


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.25)
    raise AssertionError("not within the time allowed")


def reference_shown(browser, response) -> str:
    assert response.status == 302, response.status
    page = browser.get(response.header("Location").removeprefix(browser.origin))
    return REFERENCE.search(page.text).group(1)


def test_a_stalled_mail_server_delays_nothing_and_the_mail_goes_when_it_recovers(stack):
    mail = stack.mail_server
    family = Browser(stack, "127.0.0.80")
    staff = Browser(stack, "127.0.0.81")
    mail.stall()
    try:
        started = time.monotonic()
        sent = family.post(stack.seed["enquiry_page"], answers())
        reset = staff.post("/admin/password_reset/", {"email": MANAGER})
        answered_in = time.monotonic() - started
        reference = reference_shown(family, sent)
        assert reset.status == 302
        assert answered_in < 2  # EMAIL_TIMEOUT is 2 s here: nothing waited for the server
        time.sleep(3)  # the worker has tried, and is waiting to retry
        assert not [m for m in mail.received if reference in m.message["Subject"]]
    finally:
        mail.recover()

    notice = wait_for(lambda: [m for m in mail.received if reference in m.message["Subject"]])
    resets = wait_for(lambda: [m for m in mail.received if m.recipients == [f"<{MANAGER}>"]])
    assert notice[0].recipients == ["<enquiries@sendias-bathnes.example>"]
    assert "/admin/password_reset/confirm/" in resets[0].message.get_payload(decode=True).decode()


def test_a_form_sent_twice_is_one_enquiry_with_the_same_reference(stack):
    family = Browser(stack, "127.0.0.82")
    form = family.get(stack.seed["enquiry_page"]).text
    token = re.search(r'name="submission" value="([0-9a-f-]{36})"', form).group(1)

    first = family.post(stack.seed["enquiry_page"], answers(submission=token))
    again = family.post(stack.seed["enquiry_page"], answers(submission=token))

    assert reference_shown(family, first) == reference_shown(family, again)
    stored = stack.manage(
        "shell",
        "-c",
        f"from home.models import Enquiry; print(Enquiry.objects.filter(submission='{token}').count())",
    )
    assert stored.stdout.strip().splitlines()[-1] == "1"


def at_once(count, request):
    barrier = threading.Barrier(count)

    def run(_):
        barrier.wait()
        return request()

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def test_eight_enquiries_at_once_from_one_address_store_five_across_workers(stack):
    statuses = at_once(
        8,
        lambda: Browser(stack, "127.0.0.83").post(stack.seed["enquiry_page"], answers()).status,
    )

    assert sorted(statuses) == [302] * 5 + [429] * 3


def test_a_double_click_at_the_same_moment_stores_one_enquiry(stack):
    family = Browser(stack, "127.0.0.89")
    form = family.get(stack.seed["enquiry_page"]).text
    token = re.search(r'name="submission" value="([0-9a-f-]{36})"', form).group(1)

    sent = at_once(
        4,
        lambda: family.on(None).post(stack.seed["enquiry_page"], answers(submission=token)),
    )

    assert len({reference_shown(family, response) for response in sent}) == 1
    stored = stack.manage(
        "shell",
        "-c",
        f"from home.models import Enquiry; print(Enquiry.objects.filter(submission='{token}').count())",
    )
    assert stored.stdout.strip().splitlines()[-1] == "1"


def test_six_password_resets_at_once_from_one_address_take_three(stack):
    statuses = at_once(
        6,
        lambda: (
            Browser(stack, "127.0.0.84")
            .post("/admin/password_reset/", {"email": "nobody@example.org"})
            .status
        ),
    )

    assert sorted(statuses) == [302] * 3 + [429] * 3


def test_a_reset_asked_for_from_another_address_is_not_blocked(stack):
    attacker = Browser(stack, "127.0.0.85")
    for _ in range(4):
        attacker.post("/admin/password_reset/", {"email": MANAGER})

    own = Browser(stack, "127.0.0.86").post("/admin/password_reset/", {"email": MANAGER})

    assert own.status == 302


def test_a_password_sprayer_is_slowed_and_a_colleague_still_signs_in(stack):
    sprayer = Browser(stack, "127.0.0.87")

    statuses = [sprayer.sign_in(f"person{n}", "Summer2026!").status for n in range(12)]
    with_the_right_password = sprayer.sign_in("manager", stack.seed["passwords"]["manager"])
    colleague = Browser(stack, "127.0.0.88").sign_in("manager", stack.seed["passwords"]["manager"])

    assert statuses[:10] == [200] * 10  # ten failures, each for a different username
    assert statuses[10:] == [429, 429]  # then one try every 10 s
    assert with_the_right_password.status == 429
    assert "Please wait" in with_the_right_password.text
    assert int(with_the_right_password.header("Retry-After")) <= 10
    assert colleague.status == 302
