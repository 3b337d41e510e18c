"""A minimal browser for the deployment tests: it speaks HTTP(S) to nginx on loopback from an
address of its own (any of 127.0.0.2-127.0.0.254 can be bound), sends the site's host name
(and SNI), keeps its cookies, and fills in forms' CSRF tokens as a browser would.

With `server=n` it speaks to the n-th gunicorn instance instead, adding the headers nginx
adds, so that a test can say which of several servers answers."""

import http.client
import re
import secrets
import socket
import ssl
from dataclasses import dataclass
from http.cookies import SimpleCookie

from .stack import HOST

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode(errors="replace")

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


class _HTTPS(http.client.HTTPSConnection):
    def __init__(self, source: str, port: int):
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate
        super().__init__(HOST, port, timeout=60, context=context, source_address=(source, 0))

    def connect(self):
        raw = socket.create_connection(("127.0.0.1", self.port), self.timeout, self.source_address)
        self.sock = self._context.wrap_socket(raw, server_hostname=HOST)


class _HTTP(http.client.HTTPConnection):
    def __init__(self, source: str, port: int):
        super().__init__(HOST, port, timeout=60, source_address=(source, 0))

    def connect(self):
        self.sock = socket.create_connection(
            ("127.0.0.1", self.port), self.timeout, self.source_address
        )


class Browser:
    def __init__(self, stack, source: str = "127.0.0.1", server: int | None = None):
        self.stack, self.source, self.server = stack, source, server
        self.cookies: dict[str, str] = {}

    def on(self, server: int | None) -> "Browser":
        """The same person (address and cookies), now speaking to another server."""
        other = Browser(self.stack, self.source, server)
        other.cookies = self.cookies
        return other

    @property
    def origin(self) -> str:
        return f"https://{HOST}:{self.stack.https_port}"

    def request(self, method, path, body=b"", headers=None, https=True) -> Response:
        port = self.stack.https_port if https else self.stack.http_port
        sent = {"Host": f"{HOST}:{port}", "User-Agent": "sendias-deployment-test"}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        sent.update(headers or {})
        if self.server is None:
            connection = (_HTTPS if https else _HTTP)(self.source, port)
        else:  # as deploy/nginx/sendias.conf passes it on
            connection = _HTTP("127.0.0.1", self.stack.app_ports[self.server])
            forwarded = sent.get("X-Forwarded-For")
            sent["X-Forwarded-For"] = f"{forwarded}, {self.source}" if forwarded else self.source
            sent["X-Forwarded-Proto"] = "https" if https else "http"
        try:
            connection.request(method, path, body=body, headers=sent)
            reply = connection.getresponse()
            response = Response(reply.status, reply.headers, reply.read())
        finally:
            connection.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path, headers=None, https=True) -> Response:
        return self.request("GET", path, headers=headers, https=https)

    def post(self, path, fields: dict, files=None, form_from=None, headers=None) -> Response:
        """Send a form as a browser would: from the page `form_from` (default: `path`),
        with that page's CSRF token, the cookie it set, and the page as Referer. `headers`
        go with both requests (a client's own X-Forwarded-For, say)."""
        page = self.get(form_from or path, headers=headers)
        found = CSRF.search(page.text)
        # No form on the page (the admin's menu is built by script): the token its script
        # would send, the cookie's.
        token = found.group(1) if found else self.cookies.get("csrftoken", "")
        fields = {**fields, "csrfmiddlewaretoken": token}
        body, content_type = _multipart(fields, files or {})
        sent = {
            "Content-Type": content_type,
            "Origin": self.origin,
            "Referer": self.origin + (form_from or path),
            **(headers or {}),
        }
        return self.request("POST", path, body=body, headers=sent)

    def sign_in(self, username: str, password: str, headers=None) -> Response:
        fields = {"username": username, "password": password, "next": "/admin/"}
        return self.post("/admin/login/", fields, headers=headers)


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = secrets.token_hex(16)
    parts = []
    for name, value in fields.items():
        values = value if isinstance(value, list) else [value]
        for one in values:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{one}\r\n".encode()
            )
    for name, (filename, content) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
