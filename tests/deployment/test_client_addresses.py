"""Through nginx, each client is its own address: its own enquiry budget, its own sign-in
lockout (username + address), and a forged X-Forwarded-For buys nothing.

Each test uses loopback addresses of its own (127.0.0.x), so that budgets and lockouts from
one test never reach another."""

from tests.test_enquiries import answers

from .browser import Browser

ENQUIRY = answers()


def send_enquiry(browser, stack, forged: str = "") -> int:
    headers = {"X-Forwarded-For": forged} if forged else None
    return browser.post(stack.seed["enquiry_page"], ENQUIRY, headers=headers).status


def test_seven_people_each_send_an_enquiry(stack):
    statuses = [send_enquiry(Browser(stack, f"127.0.0.{n}"), stack) for n in range(10, 17)]

    assert statuses == [302] * 7


def test_one_person_may_send_five_an_hour_and_others_are_not_affected(stack):
    busy = Browser(stack, "127.0.0.20")

    statuses = [send_enquiry(busy, stack) for _ in range(6)]
    neighbour = send_enquiry(Browser(stack, "127.0.0.21"), stack)

    assert statuses == [302] * 5 + [429]
    assert neighbour == 302


def test_a_forged_forwarded_header_buys_no_more_enquiries(stack):
    forger = Browser(stack, "127.0.0.30")

    statuses = [send_enquiry(forger, stack, forged=f"1.1.1.{n}, 8.8.8.8") for n in range(8)]

    assert statuses == [302] * 5 + [429] * 3


def test_failed_sign_ins_lock_out_that_address_only(stack):
    attacker = Browser(stack, "127.0.0.40")
    password = stack.seed["passwords"]["advisor"]

    failures = [attacker.sign_in("advisor", "wrong").status for _ in range(5)]
    locked = attacker.sign_in("advisor", password)
    colleague = Browser(stack, "127.0.0.41")
    signed_in = colleague.sign_in("advisor", password)

    assert failures == [200, 200, 200, 200, 429]
    assert locked.status == 429 and "Too many failed sign-in attempts" in locked.text
    assert signed_in.status == 302 and signed_in.header("Location") == "/admin/"
    assert colleague.get("/admin/").status == 200


def test_a_forged_header_does_not_get_round_the_lockout(stack):
    attacker = Browser(stack, "127.0.0.50")
    password = stack.seed["passwords"]["editor"]

    failures = [
        attacker.sign_in("editor", "wrong", {"X-Forwarded-For": f"1.1.1.{n}, 8.8.8.8"}).status
        for n in range(8)
    ]
    right = attacker.sign_in("editor", password, {"X-Forwarded-For": "1.1.1.99"})

    assert failures == [200] * 4 + [429] * 4
    assert right.status == 429
    assert Browser(stack, "127.0.0.51").sign_in("editor", password).status == 302
