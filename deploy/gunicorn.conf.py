"""gunicorn's settings for Sendias Bathnes: `gunicorn --config deploy/gunicorn.conf.py config.wsgi`.

It listens on loopback only; nginx (deploy/nginx/sendias.conf) is the one in front.
GUNICORN_BIND and GUNICORN_WORKERS, if set in the environment, change the address and the
number of workers; GUNICORN_WARM_PAGES (default 30; 0: none) how many pages a new worker
renders before its first request (post_worker_init, below).
"""

import io
import multiprocessing
import os
import sys
import time

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: two per core and one more is gunicorn's own advice for this kind of app.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# A request that takes longer than this is killed (nginx then answers 502). Every upload and
# export is bounded to finish well inside it (docs/spreadsheets.md).
timeout = 30
graceful_timeout = 30

# Recycling: a worker is replaced after max_requests requests (plus a random number up to
# max_requests_jitter, drawn for each worker), so that a slow leak, in our code or any
# library's, cannot grow for ever. It is not free:
# - the new worker imports Django and Wagtail again: about 1.6 s of CPU on the reference
#   machine, taken from the workers still serving, and 4 to 6 s before it serves when they
#   are busy. Until then the others carry the load; if every worker is replaced at once,
#   nobody serves and requests queue for those seconds;
# - it starts with empty caches: each worker keeps its compiled templates, and (unless
#   CACHE_URL names Redis) what every page shows and what each page lists
#   (home/site_content.py), in its own memory, so its first request for each page is slow.
# At 2,000 requests (± 200) both workers were replaced about four times in ten minutes of
# load, close together since the load is spread evenly over them, and each time the home page
# as the cache cannot serve it fell to 105 req/s with a p99 of 385 ms (issue 13). So:
# - far less often: after 50,000 to 100,000 requests, 25 to 50 times fewer replacements. A
#   worker's memory stayed put in the benchmark (138 MB warmed up, 141 MB after 6,000
#   requests each: what it keeps expires within 5 minutes, home/cache.py KEPT_FOR), so
#   waiting longer costs nothing we can see, and a leak is still bounded;
# - a jitter as large as the number itself: the workers' turns are drawn apart (within a
#   thousand requests of each other about one time in 25, and each replacement draws again),
#   so one is replaced while the others serve, and all at once only by a rare chance;
# - a new worker warms itself before it takes a request (post_worker_init, below): it renders
#   the site's home page and the pages under it, in-process, as a visitor would get them
#   (0.6 to 1.8 s for 30 pages), so that no visitor pays for its cold start. A sync worker takes
#   no request before it is ready, and the others serve meanwhile. Measured (docs/
#   benchmarks.md), each worker replaced in turn under load: the slowest uncached home page
#   took 34 ms at 8 connections and 111 ms at 32 warmed up, 184 and 238 ms without. With
#   CACHE_URL (Redis, several servers) what the pages show is shared and already there;
#   warming then fills only the process's own (compiled templates, Django's and Wagtail's
#   lookups).
# A deploy (systemctl reload: SIGHUP) replaces every worker at once, whatever these say, and
# each new one warms up (WARM_SECONDS at most) before it serves.
max_requests = 50_000
max_requests_jitter = 50_000

# Logs to standard output and error: journald keeps them.
accesslog = "-"
errorlog = "-"

WARM_PAGES = int(os.environ.get("GUNICORN_WARM_PAGES", "30"))
WARM_SECONDS = 3.0  # at most, whatever the pages: a slow database must not hold a worker up


def post_worker_init(worker):
    """Warm a new worker's caches (see "Recycling" above). A failure only means a cold
    worker: it is logged and the worker starts as it would have."""
    if WARM_PAGES <= 0:
        return
    started = time.monotonic()
    try:
        paths = _warm(worker.wsgi, started + WARM_SECONDS)
    except Exception:
        worker.log.exception("Warming up failed: this worker starts with empty caches")
        return
    if paths is not None:
        others = [f"{path} ({status})" for path, status in paths if status != "200"]
        worker.log.info(
            "Warmed up: %d pages in %.2f s%s",
            len(paths),
            time.monotonic() - started,
            f"; not 200: {', '.join(others)}" if others else "",
        )


def _warm(application, deadline: float) -> list[tuple[str, str]] | None:
    """GET the default site's home page and the live, public pages below it (two levels:
    the menu's sections and their pages, in the site's order) through the WSGI application,
    as nginx would pass a visitor's request on: each path with its status code. None for an
    application that is not the site (bench/minimal_app.py, served with these settings to
    compare)."""
    from django.apps import apps

    if not (apps.is_installed("wagtail") and apps.is_installed("home")):
        return None
    from django.conf import settings
    from django.http.request import validate_host
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None or not validate_host(site.hostname, settings.ALLOWED_HOSTS):
        return None
    root = site.root_page
    pages = (
        root.get_descendants(inclusive=True)
        .live()
        .public()
        .filter(depth__lte=root.depth + 2)
        .order_by("depth", "path")[:WARM_PAGES]
    )
    https = site.port != 80
    host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    warmed = []
    for page in pages:
        if time.monotonic() > deadline:
            break
        path = page.url_path[len(root.url_path) - 1 :]  # the root's own is "/"
        environ = {
            "REQUEST_METHOD": "GET",
            "SCRIPT_NAME": "",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": site.hostname,
            "SERVER_PORT": str(site.port),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": host,
            "HTTP_USER_AGENT": "gunicorn post_worker_init (deploy/gunicorn.conf.py)",
            "HTTP_X_FORWARDED_FOR": "127.0.0.1",
            "HTTP_X_FORWARDED_PROTO": "https" if https else "http",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "https" if https else "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        warmed.append((path, _get(application, environ)))
    return warmed


def _get(application, environ: dict) -> str:
    """The status code the application answers `environ` with, its body read and closed."""
    answered = []
    body = application(environ, lambda status, headers, exc_info=None: answered.append(status))
    try:
        for _ in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()  # Django's request_finished: the connection is put back
    return answered[0].split()[0] if answered else "?"
