"""Which public responses the HTTP cache in front (nginx, deploy/nginx/sendias.conf) may keep.

A response is marked for the cache (`X-Accel-Expires`, a header nginx reads and never passes
on) only when every one of these holds:

- a GET or HEAD without a query string (no cache-filling with made-up queries, and a purge of
  a page's address purges all there is of it), answered 200;
- by a view named in HTTP_CACHE_URL_NAMES: Wagtail's pages, the sitemap, robots.txt, the
  events' calendar files;
- for a visitor who is not signed in, and not a preview;
- the response sets no cookie (a form's CSRF token sets one) and says nothing of caching
  itself (documents, the admin and the enquiry form all do).

Anything else is left as it is, and nginx keeps nothing without that header. Browsers get no
freshness for pages, so they ask again each time; nginx answers from its cache until a purge
(home.cache, on publishing and other changes) or for HTTP_CACHE_SECONDS at most, whichever is
first. nginx counts whole seconds and keeps a copy into the second after the one it was told,
so the header asks for one second less. A page that is right only until a moment (the
events listing, until its soonest event ends) asks for no longer than that (_seconds).
A response that carries a form's token also gets `Cache-Control: private`, for any other
cache on the way.

nginx serves an expired copy while it asks the app again (proxy_cache_use_stale updating),
and tells the app so (`X-Cache-Status: EXPIRED`, which nginx sets whatever the client sent).
If the app's answer is one nginx will not keep (a 404 for a page unpublished while a purge
failed, a redirect, a page now asking for a password), nothing would replace the old copy and
nginx would go on serving it: so the app purges it. A server error purges nothing: the old
copy is what visitors should get while the app is failing.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.encoding import escape_uri_path
from wagtail.contrib.frontend_cache.utils import PurgeBatch

HEADER = "X-Accel-Expires"


class HttpCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _carries_a_token(request, response):
            patch_cache_control(response, private=True)
        elif settings.HTTP_CACHE_SECONDS and _cacheable(request, response):
            seconds = _seconds(request)
            if seconds > 0:
                response[HEADER] = str(seconds)
                return response
        if _revalidating(request) and response.status_code < 500:
            _forget_old_copy(request)
        return response


def _seconds(request) -> int:
    """How long nginx may keep the copy: HTTP_CACHE_SECONDS, or less when the page said it is
    right only until a moment (request.http_cache_until, an aware datetime: an upcoming event
    ends, home/events.py); 0, not kept, when that moment is under two seconds away."""
    seconds = max(1, settings.HTTP_CACHE_SECONDS - 1)
    until = getattr(request, "http_cache_until", None)
    if until is not None:
        seconds = min(seconds, int((until - timezone.now()).total_seconds()) - 1)
    return seconds


def _revalidating(request) -> bool:
    """nginx asks again for a copy it holds that has expired."""
    return request.META.get("HTTP_X_CACHE_STATUS") == "EXPIRED" and bool(
        settings.WAGTAILFRONTENDCACHE
    )


def _forget_old_copy(request) -> None:
    """Purge nginx's copy of this address, as home.cache purges a page's (nginx keys it by
    host and decoded path, and decodes the path of a purge too)."""
    batch = PurgeBatch()
    batch.add_url(f"https://{request.get_host()}{escape_uri_path(request.path)}")
    batch.purge()


def _carries_a_token(request, response) -> bool:
    """Django sets the CSRF cookie on every response whose page used a token."""
    return settings.CSRF_COOKIE_NAME in response.cookies


def _cacheable(request, response) -> bool:
    match = request.resolver_match
    user = getattr(request, "user", None)
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and response.status_code == 200
        and match is not None
        and match.url_name in settings.HTTP_CACHE_URL_NAMES
        and not (user is not None and user.is_authenticated)
        and not getattr(request, "is_preview", False)
        and not response.cookies
        and not response.has_header("Cache-Control")
        and not getattr(response, "streaming", False)
    )
