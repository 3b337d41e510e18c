"""The address of the client that sent a request, as the trusted reverse proxies saw it.

Each trusted proxy appends the address it received the request from to
X-Forwarded-For. With TRUSTED_PROXY_COUNT = N proxies in front of the
application, the client is the N-th address from the right: the one the
outermost trusted proxy appended. Everything further left was written by the
client itself and is ignored, so a forged header buys nothing.

Login throttling (django-axes, through AXES_CLIENT_IP_CALLABLE) and the enquiry
form's rate limit both count by this address.
"""

import ipaddress

from django.conf import settings

# For a request that names no address (gunicorn on a Unix socket, a request made in-process):
# the unspecified address, which a database's IP address column takes (django-axes keeps it).
UNKNOWN = "0.0.0.0"  # noqa: S104 (an address to record, not one to bind to)


def client_address(request) -> str:
    """The client's IP address: never empty, never taken from the client's own words."""
    remote = _normalised(request.META.get("REMOTE_ADDR", "")) or UNKNOWN
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if len(forwarded) < count:
        # Not through every trusted proxy (or the proxies are set up differently):
        # count by the address that reached us, never by anything the client wrote.
        return remote
    return _normalised(forwarded[-count]) or remote


def _normalised(entry: str) -> str:
    """An IP address as text, without a port or brackets; "" if it is not one."""
    candidate = entry
    if candidate.startswith("["):  # "[2001:db8::1]:443"
        candidate = candidate[1:].split("]", 1)[0]
    elif candidate.count(":") == 1:  # "192.0.2.1:443"
        candidate = candidate.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return ""
