"""Behind a reverse proxy, the client is the address the proxy appended to X-Forwarded-For;
anything the client wrote there itself buys nothing. (tests/deployment/ proves the same
through nginx.)"""

from django.test import Client, override_settings

from home.models import Enquiry

from .factories import PASSWORD, ServiceManagerFactory
from .test_enquiries import answers

PROXY = "10.0.0.2"  # the reverse proxy, as gunicorn sees it


def behind_the_proxy(client_address: str, forged: str = "") -> Client:
    """A browser at client_address, its requests relayed by one proxy that appends it."""
    forwarded = f"{forged}, {client_address}" if forged else client_address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_every_client_has_its_own_enquiry_budget(enquiry_page):
    statuses = [
        behind_the_proxy(f"203.0.113.{n}").post(enquiry_page.url, answers()).status_code
        for n in range(1, 8)
    ]

    assert statuses == [302] * 7  # seven people, one enquiry each: nobody is turned away
    assert Enquiry.objects.values("client_key").distinct().count() == 7
    one = behind_the_proxy("203.0.113.1")
    assert [one.post(enquiry_page.url, answers()).status_code for _ in range(5)] == [
        302,
        302,
        302,
        302,
        429,
    ]


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_forged_forwarded_header_buys_no_more_enquiries(enquiry_page):
    statuses = [
        behind_the_proxy("198.51.100.7", forged=f"1.1.1.{n}, 8.8.8.8")
        .post(enquiry_page.url, answers())
        .status_code
        for n in range(8)
    ]

    assert statuses == [302] * 5 + [429] * 3


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_a_proxy_the_header_is_ignored(enquiry_page):
    statuses = [
        Client(REMOTE_ADDR="198.51.100.8", HTTP_X_FORWARDED_FOR=f"1.1.1.{n}")
        .post(enquiry_page.url, answers())
        .status_code
        for n in range(6)
    ]

    assert statuses == [302] * 5 + [429]


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_with_two_proxies_the_client_is_the_second_address_from_the_right(enquiry_page):
    # client -> CDN (appends the client) -> nginx (appends the CDN) -> gunicorn
    def through_both(client_address, forged=""):
        header = ", ".join(a for a in (forged, client_address, "192.0.2.50") if a)
        return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header)

    first = [through_both("203.0.113.9").post(enquiry_page.url, answers()) for _ in range(5)]
    other = through_both("203.0.113.10", forged="203.0.113.9").post(enquiry_page.url, answers())
    again = through_both("203.0.113.9", forged="9.9.9.9").post(enquiry_page.url, answers())

    assert [r.status_code for r in first] == [302] * 5
    assert other.status_code == 302
    assert again.status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1, AXES_ENABLED=True)
def test_one_clients_failed_sign_ins_never_lock_out_another(db):
    ServiceManagerFactory(username="sam")
    attacker = behind_the_proxy("203.0.113.66")

    failures = [
        attacker.post("/admin/login/", {"username": "sam", "password": "wrong"}).status_code
        for _ in range(5)
    ]
    locked = attacker.post("/admin/login/", {"username": "sam", "password": PASSWORD})
    colleague = behind_the_proxy("203.0.113.67")
    signed_in = colleague.post("/admin/login/", {"username": "sam", "password": PASSWORD})

    assert failures == [200, 200, 200, 200, 429]
    assert locked.status_code == 429
    assert signed_in.status_code == 302 and colleague.get("/admin/").status_code == 200


@override_settings(TRUSTED_PROXY_COUNT=1, AXES_ENABLED=True)
def test_a_forged_header_does_not_get_round_the_lockout(db):
    ServiceManagerFactory(username="sam")

    statuses = [
        behind_the_proxy("203.0.113.70", forged=f"1.1.1.{n}, 8.8.8.8")
        .post("/admin/login/", {"username": "sam", "password": "wrong"})
        .status_code
        for n in range(8)
    ]
    right = behind_the_proxy("203.0.113.70", forged="1.1.1.99").post(
        "/admin/login/", {"username": "sam", "password": PASSWORD}
    )

    assert statuses == [200] * 4 + [429] * 4
    assert right.status_code == 429  # the right password does not get in either


@override_settings(TRUSTED_PROXY_COUNT=1, AXES_ENABLED=True)
def test_the_lockout_records_the_clients_address(db):
    from axes.models import AccessAttempt

    ServiceManagerFactory(username="sam")
    behind_the_proxy("203.0.113.80", forged="6.6.6.6").post(
        "/admin/login/", {"username": "sam", "password": "wrong"}
    )

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.80"]


@override_settings(TRUSTED_PROXY_COUNT=0, AXES_ENABLED=True)
def test_a_client_whose_address_is_not_known_signs_in_and_is_throttled(db):
    """gunicorn on a Unix socket names no address: sign-ins are still recorded (PostgreSQL's
    inet column takes only an address) and still locked out."""
    from axes.models import AccessAttempt, AccessLog

    ServiceManagerFactory(username="sam")
    nameless = Client(REMOTE_ADDR="")

    signed_in = nameless.post("/admin/login/", {"username": "sam", "password": PASSWORD})
    failures = [
        Client(REMOTE_ADDR="")
        .post("/admin/login/", {"username": "sam", "password": "wrong"})
        .status_code
        for _ in range(5)
    ]

    assert signed_in.status_code == 302
    assert failures == [200, 200, 200, 200, 429]
    assert AccessLog.objects.get().ip_address == "0.0.0.0"
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["0.0.0.0"]
