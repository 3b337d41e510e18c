"""Only a cookie named exactly `sessionid` signs a request in, as nginx reads it
(config.cookies; deploy/nginx/sendias.conf passes its cache by for the same name alone).

Django's own parser takes off any Unicode white space around a name, so a session cookie
named `\\xa0sessionid` used to sign the request in while nginx took it for a visitor's."""

import pytest
from django.http.cookie import parse_cookie
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from config.cookies import parse_exact

# White space str.strip() takes off and RFC 6265 does not allow around a name.
ODD_SPACES = [
    "\xa0",  # no-break space
    "\x85",  # next line
    "\x1c",  # file, group, record and unit separators
    "\x1d",
    "\x1e",
    "\x1f",
    "\x0b",  # vertical tab
    "\x0c",  # form feed
    "\u1680",  # Ogham space mark
    "\u2003",  # em space
    "\u2028",  # line separator
    "\u205f",  # medium mathematical space
    "\u3000",  # ideographic space
]


def as_sent(header: str) -> str:
    """The Cookie header as a WSGI server (gunicorn) passes it on: its bytes, read as Latin-1."""
    return header.encode().decode("latin-1")


@pytest.fixture
def session_key(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("cookie-test", "c@example.org"))
    return client.cookies["sessionid"].value


def admin_home(cookie_header: str):
    return Client().get("/admin/", HTTP_COOKIE=as_sent(cookie_header))


def test_the_session_cookie_under_its_own_name_signs_in(session_key):
    for header in (
        f"sessionid={session_key}",
        f" sessionid={session_key}",
        f"\tsessionid\t= {session_key} ",
        f"_ga=GA1.2.3; csrftoken=abc; sessionid={session_key}",
    ):
        assert admin_home(header).status_code == 200, repr(header)


@pytest.mark.parametrize("space", ODD_SPACES, ids=lambda space: f"U+{ord(space):04X}")
def test_a_session_cookie_whose_name_carries_other_white_space_does_not_sign_in(session_key, space):
    for header in (
        f"{space}sessionid={session_key}",
        f"sessionid{space}={session_key}",
        f"_ga=y;{space}sessionid={session_key}",
        f"_ga=y; {space} sessionid={session_key}",
    ):
        response = admin_home(header)

        assert response.status_code == 302, repr(header)
        assert "/admin/login/" in response["Location"]


def test_the_cookie_sent_under_the_exact_name_wins_over_a_look_alike(session_key):
    assert admin_home(f"sessionid={session_key}; \xa0sessionid=nothing").status_code == 200
    assert admin_home(f"\xa0sessionid={session_key}; sessionid=nothing").status_code == 302


def test_other_cookies_are_read_as_django_reads_them():
    header = 'csrftoken=abc; _ga=GA1.2.3; theme="dark"; =nameless; flag'

    assert parse_exact(header) == parse_cookie(header)
    assert parse_exact("\u3000csrftoken=abc; b=1") == {"b": "1"}


NAME = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.", min_size=1
)
VALUE = st.text(alphabet=st.characters(blacklist_characters=";", codec="latin-1"), max_size=20)
BLANK = st.text(alphabet=" \t", max_size=2)


@given(st.lists(st.tuples(BLANK, NAME, BLANK, VALUE), max_size=6))
def test_names_without_odd_white_space_are_read_as_django_reads_them(cookies):
    header = ";".join(f"{before}{name}{after}={value}" for before, name, after, value in cookies)

    assert parse_exact(header) == parse_cookie(header)
