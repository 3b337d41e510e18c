"""Only the session cookie decides who passes nginx's cache by (deploy/nginx/sendias.conf):
a visitor with other cookies (the enquiry form's csrftoken, an analytics cookie) gets the
one copy kept for everyone, and a cookie whose name only looks like the session's
(`\\xa0sessionid`) is a visitor's for nginx and for the app alike (site/cookies.py)."""

import http.client
import time

import pytest

from .browser import Browser
from .stack import HOST

TOPIC = "/send-topics/ehc-needs-assessments/"


def kept_copy(stack, path=TOPIC):
    visitor = Browser(stack, "127.0.4.1")
    deadline = time.monotonic() + 10
    while (response := visitor.get(path)).header("X-Cache-Status") != "HIT":
        assert time.monotonic() < deadline, f"{path} is not kept"
        time.sleep(0.1)
    return response


def purge(stack, path: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", stack.purge_port, timeout=10)
    connection.request("PURGE", path, headers={"Host": HOST})
    assert connection.getresponse().status in (200, 204)
    connection.close()


@pytest.mark.parametrize(
    "cookie",
    [
        "csrftoken=x",
        "_ga=GA1.2.345.678",
        "csrftoken=x; _ga=y; _gid=z",
        "sessionid_old=1",
        "a=sessionid=",
    ],
)
def test_cookies_other_than_the_session_get_the_kept_copy(stack, cookie):
    anonymous = kept_copy(stack)

    response = Browser(stack, "127.0.4.2").get(TOPIC, headers={"Cookie": cookie})

    assert response.status == 200
    assert response.header("X-Cache-Status") == "HIT"
    assert response.body == anonymous.body


def test_a_visitor_who_has_been_to_the_enquiry_form_still_gets_kept_pages(stack):
    visitor = Browser(stack, "127.0.4.3")
    form = visitor.get(stack.seed["enquiry_page"])
    assert "csrftoken" in visitor.cookies
    kept_copy(stack)

    page = visitor.get(TOPIC)
    form_again = visitor.get(stack.seed["enquiry_page"])

    assert page.header("X-Cache-Status") == "HIT"
    assert 'name="csrfmiddlewaretoken"' not in page.text
    # The form itself, with their token, is still never kept.
    for response in (form, form_again):
        assert response.header("X-Cache-Status") != "HIT"
        assert "private" in response.header("Cache-Control")
        assert 'name="csrfmiddlewaretoken"' in response.text


def test_a_page_first_asked_for_with_a_foreign_cookie_is_kept_for_everyone(stack):
    purge(stack, TOPIC)

    # A token as the enquiry form sets it (one Django cannot read, it replaces: a cookie set).
    cookie = f"csrftoken={'Ab3' * 10}Xy; _ga=GA1.2.345.678"
    first = Browser(stack, "127.0.4.4").get(TOPIC, headers={"Cookie": cookie})
    second = Browser(stack, "127.0.4.5").get(TOPIC)

    assert first.header("X-Cache-Status") == "MISS"
    assert "Cookie" in first.headers.get_all("Vary")  # what the app says; nginx keeps one copy
    assert second.header("X-Cache-Status") == "HIT"
    assert second.body == first.body


def test_the_session_cookie_passes_the_cache_by(stack):
    editor = Browser(stack, "127.0.4.6")
    assert editor.sign_in("editor", stack.seed["passwords"]["editor"]).status == 302
    kept_copy(stack)

    theirs = editor.get(TOPIC)

    assert theirs.header("X-Cache-Status") == "BYPASS"
    assert "wagtail-userbar" in theirs.text


# A session cookie under a name with other white space around it, as a browser would send it
# (UTF-8); Django's own parser would have read each as `sessionid`.
ODD_NAMES = ["\xa0sessionid", "sessionid\xa0", "\x85sessionid", "\u3000sessionid"]


@pytest.mark.parametrize("name", ODD_NAMES, ids=repr)
def test_a_session_cookie_under_an_odd_name_is_a_visitors_for_nginx_and_the_app(stack, name):
    editor = Browser(stack, "127.0.4.7")
    assert editor.sign_in("editor", stack.seed["passwords"]["editor"]).status == 302
    cookie = f"{name}={editor.cookies['sessionid']}".encode()
    anonymous = kept_copy(stack)

    kept = Browser(stack, "127.0.4.8").get(TOPIC, headers={"Cookie": cookie})
    purge(stack, TOPIC)
    rendered = Browser(stack, "127.0.4.8").get(TOPIC, headers={"Cookie": cookie})
    admin = Browser(stack, "127.0.4.8").get("/admin/", headers={"Cookie": cookie})

    assert kept.header("X-Cache-Status") == "HIT" and kept.body == anonymous.body
    # The app, asked, saw a visitor too: no userbar, and its page kept for everyone.
    assert rendered.status == 200 and rendered.header("X-Cache-Status") == "MISS"
    assert "wagtail-userbar" not in rendered.text
    assert kept_copy(stack).body == rendered.body
    assert admin.status == 302 and "/admin/login/" in admin.header("Location")


def test_a_session_cookie_under_a_name_with_a_control_character_signs_nobody_in(stack):
    """\\x1c to \\x1f are white space to Python too; gunicorn refuses any control character in
    a header outright, so the app never reads the cookie."""
    editor = Browser(stack, "127.0.4.9")
    assert editor.sign_in("editor", stack.seed["passwords"]["editor"]).status == 302
    cookie = f"\x1csessionid={editor.cookies['sessionid']}".encode()
    anonymous = kept_copy(stack)

    kept = Browser(stack, "127.0.4.10").get(TOPIC, headers={"Cookie": cookie})
    admin = Browser(stack, "127.0.4.10").get("/admin/", headers={"Cookie": cookie})

    assert kept.header("X-Cache-Status") == "HIT" and kept.body == anonymous.body
    assert admin.status == 400
