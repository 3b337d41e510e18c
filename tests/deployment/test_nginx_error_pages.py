"""nginx's own errors show the site's pages (deploy/nginx/sendias.conf, written by
`manage.py write_error_pages` when the stack is prepared, as at every deploy): the site's look,
the helpline and the opening hours, with HSTS and the other security headers. The app's own
error pages pass through as they are (test_serving.py); the 502 page while the app is down is
in test_cache_bursts.py."""

import contextlib
import http.client
import re
import shutil
import socket
import ssl
import tempfile
import threading
from pathlib import Path

import pytest

from .browser import Browser, Response
from .stack import HOST, Stack, _start_nginx, _wait_for_port, free_port

HELPLINE = '<a href="tel:01632960123">01632 960 123</a>'
HSTS = "max-age=31536000; includeSubDomains; preload"


def assert_the_sites_page(response: Response, status: int, heading: str) -> None:
    assert response.status == status
    assert response.header("Content-Type").startswith("text/html")
    assert f"<h1>{heading}</h1>" in response.text
    assert HELPLINE in response.text
    assert '<dl class="opening-hours">' in response.text and "Monday to Friday" in response.text
    assert 'class="site-header"' in response.text
    assert response.header("Strict-Transport-Security") == HSTS
    assert response.header("X-Content-Type-Options") == "nosniff"
    assert "default-src 'none'" in response.header("Content-Security-Policy")
    assert response.header("Server") == "nginx"


def raw(stack, request: bytes) -> Response:
    """Send bytes as they are over TLS (a request no HTTP client would make) and read the
    answer."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    plain = socket.create_connection(("127.0.0.1", stack.https_port), timeout=30)
    with context.wrap_socket(plain, server_hostname=HOST) as connection:
        connection.sendall(request)
        reply = http.client.HTTPResponse(connection)
        reply.begin()
        return Response(reply.status, reply.headers, reply.read())


def test_a_request_nginx_cannot_read_gets_the_400_page(stack):
    host = f"Host: {HOST}:{stack.https_port}\r\n".encode()

    twice = raw(stack, b"GET / HTTP/1.1\r\n" + host + host + b"\r\n")
    huge_cookie = raw(
        stack, b"GET / HTTP/1.1\r\n" + host + b"Cookie: a=" + b"x" * 20_000 + b"\r\n\r\n"
    )

    for response in (twice, huge_cookie):
        assert_the_sites_page(response, 400, "Sorry, we could not understand that request")


def test_a_body_over_the_limit_gets_the_413_page(stack):
    response = raw(
        stack,
        f"POST {stack.seed['enquiry_page']} HTTP/1.1\r\nHost: {HOST}:{stack.https_port}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7000000\r\n\r\n".encode(),
    )

    assert_the_sites_page(response, 413, "What you sent is too large")


@pytest.mark.parametrize(
    "path",
    [
        "/static/css/no-such-file.css",
        "/static/css/",  # a folder
        "/media/images/no-such-image.png",
        "/media/documents/leaflet.pdf",  # documents only ever through /documents/
    ],
)
def test_a_static_file_or_media_not_there_gets_the_404_page(browser, path):
    assert_the_sites_page(browser.get(path), 404, "Page not found")


def test_the_error_pages_look_comes_from_nginx_itself(browser):
    """Their stylesheet and logo (hashed names, from collectstatic's manifest) are static
    files nginx serves, whether or not the app is up."""
    page = browser.get("/static/no-such-file.css").text
    files = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)

    assert any(re.search(r"/css/site\.[0-9a-f]{12}\.css$", path) for path in files), files
    for path in files:
        response = browser.get(path)
        assert response.status == 200, path
        assert response.header("Cache-Control") == "public, max-age=31536000, immutable"


def test_the_error_pages_are_nginxs_alone(browser):
    """Only an internal redirect reaches them at their own address."""
    response = browser.get("/.errors/502.html")

    assert response.status == 404
    assert "Sorry, the website is not working" not in response.text


@pytest.mark.parametrize(
    ("status", "heading"),
    [
        (429, "Too many requests"),
        (500, "Sorry, something went wrong"),
        (503, "Sorry, the website is closed for a short time"),
    ],
)
def test_the_pages_for_errors_nginx_has_no_cause_to_give_here_are_written_too(
    browser, status, heading
):
    """No limit_req, and one upstream: nginx gives no 429 or 503 of its own with this file,
    but one added would show the site's page. The written files are also under /static/."""
    response = browser.get(f"/static/errors/{status}.html")

    assert response.status == 200
    assert f"<h1>{heading}</h1>" in response.text and HELPLINE in response.text


@pytest.fixture(scope="module")
def front_of_a_hanging_app(stack):
    """nginx as shipped, but with a read timeout of 1 s instead of 60, in front of an app that
    takes every connection and never answers; the main stack's static files."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    held, done = [], threading.Event()

    def hold():
        while not done.is_set():
            with contextlib.suppress(TimeoutError):
                held.append(listener.accept()[0])

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    workdir = Path(tempfile.mkdtemp(prefix="sendias-nginx-"))
    workdir.chmod(0o755)
    (workdir / "static").symlink_to(stack.workdir / "static")
    (workdir / "media").symlink_to(stack.media_root)
    front = Stack(
        workdir=workdir,
        env={},
        https_port=free_port(),
        http_port=free_port(),
        purge_port=free_port(),
        database="",
        app_ports=[listener.getsockname()[1]],
        seed=stack.seed,
    )
    try:
        _start_nginx(front, changes={"proxy_read_timeout 60s;": "proxy_read_timeout 1s;"})
        _wait_for_port(front.https_port)
        yield front
    finally:
        for process in front.processes:
            process.terminate()
            process.wait(timeout=20)
        done.set()
        holder.join()
        for connection in held:
            connection.close()
        listener.close()
        shutil.rmtree(workdir, ignore_errors=True)


def test_an_app_too_slow_to_answer_gets_the_504_page(front_of_a_hanging_app):
    visitor = Browser(front_of_a_hanging_app, "127.0.5.1")

    for path in ("/", "/admin/"):  # a page nginx may keep, and one it never does
        response = visitor.get(path)
        assert_the_sites_page(response, 504, "Sorry, the website is taking too long to answer")
