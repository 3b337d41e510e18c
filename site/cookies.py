"""Cookie names read exactly, as nginx in front reads them (deploy/nginx/sendias.conf).

nginx decides who is signed in (and so who passes its cache by) from the session cookie's
name as sent, with only spaces and tabs around it, as RFC 6265 allows. Django's own cookie
parser takes off any Unicode white space around a name (str.strip), so a session cookie sent
as `\\xa0sessionid=...` (a no-break space, or \\x85, \\x1c to \\x1f, an ideographic space...)
would reach Django as `sessionid` while nginx saw another cookie: the app would sign in a
request nginx took for a visitor's. ExactCookieNamesMiddleware reads the Cookie header again
before anything uses it (the session, CSRF), keeping a cookie only when its name, once spaces
and tabs around it are taken off, is exactly what was sent; so nginx and the app agree.
"""

from http import cookies as http_cookies

from django.core.handlers.wsgi import WSGIRequest, get_str_from_wsgi

# The only white space RFC 6265 (and nginx's map in deploy/nginx/sendias.conf) allows
# around a cookie's name.
BLANKS = " \t"


def parse_exact(header: str) -> dict[str, str]:
    """django.http.cookie.parse_cookie, except that a cookie whose name has any other white
    space at either end is dropped instead of having it taken off."""
    found = {}
    for chunk in header.split(";"):
        name, value = chunk.split("=", 1) if "=" in chunk else ("", chunk)
        name = name.strip(BLANKS)
        if name != name.strip():
            continue
        value = value.strip()
        if name or value:
            found[name] = http_cookies._unquote(value)
    return found


def cookie_header(request) -> str:
    """The Cookie header as Django's own parser gets it."""
    if isinstance(request, WSGIRequest):
        return get_str_from_wsgi(request.environ, "HTTP_COOKIE", "")
    return request.META.get("HTTP_COOKIE", "")


class ExactCookieNamesMiddleware:
    """request.COOKIES from parse_exact(); before SessionMiddleware and CsrfViewMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.COOKIES = parse_exact(cookie_header(request))
        return self.get_response(request)
