"""nginx's cache under bursts and while the app is down (deploy/nginx/sendias.conf): a burst of
visitors asks the app once per page, whether the copies have just expired or been purged, and
visitors still get the pages kept while gunicorn is down; the signed-in get the 502 page.
Requests reaching the app are counted in gunicorn's access log."""

import http.client
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import psycopg

from .browser import _HTTPS, Browser, Response
from .stack import HOST, app_requests, start_app, stop_app

PAGES = ["/news/", "/send-topics/ehc-needs-assessments/", "/about-us/"]
BURST = 32  # concurrent requests for each page
HTTP_CACHE_SECONDS = 5  # deploy/env.example leaves production's default


def burst(stack, paths: list[str]) -> list[Response]:
    """BURST requests for each path, all sent at the same moment, each from its own address
    over its own connection (made beforehand)."""
    requests = [path for path in paths for _ in range(BURST)]
    ready = threading.Barrier(len(requests))

    def visit(number):
        connection = _HTTPS(f"127.0.{2 + number // 250}.{1 + number % 250}", stack.https_port)
        try:
            connection.connect()
            ready.wait()
            connection.request(
                "GET", requests[number], headers={"Host": f"{HOST}:{stack.https_port}"}
            )
            reply = connection.getresponse()
            return Response(reply.status, reply.headers, reply.read())
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(visit, range(len(requests))))


def kept(stack, paths, source="127.0.1.250") -> None:
    visitor = Browser(stack, source)
    for path in paths:
        deadline = time.monotonic() + 10
        while visitor.get(path).header("X-Cache-Status") != "HIT":
            assert time.monotonic() < deadline, f"{path} is not kept"
            time.sleep(0.1)


def settled(stack, paths) -> dict[str, int]:
    """The app's request counts once nothing more arrives (background updates included)."""
    counts = None
    while True:
        time.sleep(0.5)
        now = {path: app_requests(stack, path) for path in paths}
        if now == counts:
            return now
        counts = now


def purge(stack, path: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", stack.purge_port, timeout=10)
    connection.request("PURGE", path, headers={"Host": HOST})
    assert connection.getresponse().status in (200, 204)
    connection.close()


def test_a_burst_when_the_copies_expire_asks_the_app_once_per_page(stack):
    kept(stack, PAGES)
    time.sleep(HTTP_CACHE_SECONDS + 0.5)  # every copy has expired
    before = settled(stack, PAGES)

    responses = burst(stack, PAGES)
    after = settled(stack, PAGES)

    assert {path: after[path] - before[path] for path in PAGES} == dict.fromkeys(PAGES, 1)
    assert [response.status for response in responses] == [200] * len(responses)
    statuses = {response.header("X-Cache-Status") for response in responses}
    assert statuses <= {"STALE", "UPDATING", "HIT"}, statuses
    assert "STALE" in statuses  # the first to find a copy expired got it while it was renewed


def test_a_burst_after_a_purge_asks_the_app_once_per_page(stack):
    kept(stack, PAGES)
    for path in PAGES:
        purge(stack, path)
    before = settled(stack, PAGES)

    responses = burst(stack, PAGES)
    after = settled(stack, PAGES)

    assert {path: after[path] - before[path] for path in PAGES} == dict.fromkeys(PAGES, 1)
    assert [response.status for response in responses] == [200] * len(responses)
    statuses = [response.header("X-Cache-Status") for response in responses]
    assert statuses.count("MISS") == len(PAGES), statuses  # one asked; the rest waited for it
    for number, path in enumerate(PAGES):  # each page's burst got the one copy
        assert len({r.body for r in responses[number * BURST : (number + 1) * BURST]}) == 1, path


def test_while_the_app_is_down_visitors_get_the_pages_kept_and_the_signed_in_the_502_page(
    stack,
):
    visitor = Browser(stack, "127.0.1.252")
    editor = Browser(stack, "127.0.1.253")
    assert editor.sign_in("editor", stack.seed["passwords"]["editor"]).status == 302
    kept(stack, PAGES[:1])
    page = visitor.get(PAGES[0])

    stop_app(stack)
    try:
        time.sleep(HTTP_CACHE_SECONDS + 0.5)  # expired, and the app cannot renew it
        old = [visitor.get(PAGES[0]) for _ in range(3)]
        signed_in = editor.get(PAGES[0])
        never_kept = visitor.get("/no-such-page/")
    finally:
        start_app(stack)
    back = editor.get(PAGES[0])

    for response in old:
        assert response.status == 200 and response.body == page.body
        assert response.header("X-Cache-Status") in ("STALE", "UPDATING")
    for response in (signed_in, never_kept):
        assert response.status == 502
        assert "<h1>Sorry, the website is not working at the moment</h1>" in response.text
        assert 'href="tel:01632960123"' in response.text
        assert response.header("Strict-Transport-Security").startswith("max-age=31536000")
    assert signed_in.header("X-Cache-Status") is None  # never looked in the cache
    assert back.status == 200 and "wagtail-userbar" in back.text


def test_a_copy_kept_open_is_never_served_once_replaced_or_purged(stack):
    """nginx keeps the files of the copies most asked for open (open_file_cache): once a copy
    is replaced (renewed after it expired, with a change no purge reached) or purged (a page
    republished), no visitor of either worker gets the old one from a file kept open."""
    from .test_caching import change

    path = "/policies/complaints/"
    renewed, republished = (f"Complaints {uuid.uuid4().hex[:6]}" for _ in range(2))
    kept(stack, [path])
    held = burst(stack, [path])  # both workers now hold the copy's file open
    with psycopg.connect(stack.env["DATABASE_URL"], autocommit=True) as database:
        database.execute(
            "UPDATE wagtailcore_page SET title = %s WHERE url_path LIKE %s", (renewed, f"%{path}")
        )
    time.sleep(HTTP_CACHE_SECONDS + 0.5)  # the copy has expired...
    renewing = Browser(stack, "127.0.1.249").get(path)  # ...and is renewed in the background
    kept(stack, [path])
    after_renewal = burst(stack, [path])
    change(
        stack,
        "from wagtail.models import Page;"
        f"page = Page.objects.get(url_path__endswith={path!r}).specific;"
        f"page.title = {republished!r}; page.save_revision().publish()",
    )
    after_publish = burst(stack, [path])

    assert {r.header("X-Cache-Status") for r in held} == {"HIT"}
    assert renewing.header("X-Cache-Status") == "STALE"
    assert all(renewed in r.text for r in after_renewal), [
        r.header("X-Cache-Status") for r in after_renewal
    ]
    assert all(republished in r.text for r in after_publish)
    assert [r.header("X-Cache-Status") for r in after_publish].count("MISS") == 1
