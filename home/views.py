"""Public views that are not pages: search, robots.txt, /favicon.ico, the site's address for
print, the page for a refused form, and the page for the site's own failure."""

import re
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views import defaults
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

from .paging import page_or_404

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        site = Site.find_for_request(request)
        pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True)
        found = pages.specific().search(query)
        results = page_or_404(found, RESULTS_PER_PAGE, request.GET.get("page"))
    return TemplateResponse(request, "search.html", {"query": query, "results": results})


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {_site_url(request)}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def favicon(request):
    """/favicon.ico, which a browser asks for where it has no icon from the page (Chromium on a
    404 page does): the site's own icon, rather than a "not found" in the console and the log."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@require_GET
def site_address_css(request):
    """The site's public address as a CSS string (--site-address), for print: site.css writes
    it before each internal link's path, so a printed "/contact-us/" reads as the full address
    a reader can type. A stylesheet, as the public pages allow no inline style."""
    address = _site_url(request).replace("\\", "\\\\").replace('"', '\\"')
    address = re.sub(r"[\x00-\x1f\x7f]", "", address)
    css = f':root {{ --site-address: "{address}"; }}\n'
    return HttpResponse(css, content_type="text/css; charset=utf-8")


def _site_url(request) -> str:
    """The site's public address (manage.py set_site), as the sitemap's own links use it."""
    site = Site.find_for_request(request)
    return site.root_url if site else request.build_absolute_uri("/").rstrip("/")


def csrf_failure(request, reason=""):
    """A form sent without its security token (an old page, cookies blocked): the site's own
    page, with the helpline, instead of Django's bare one (settings.CSRF_FAILURE_VIEW)."""
    return TemplateResponse(request, "403_csrf.html", {"reason": reason}, status=403)


def server_error(request):
    """The site's 500 page: the one `manage.py write_error_pages` wrote at the last deploy, with
    the helpline, the email address and the opening hours, read from the disk, since what failed
    may be the database; without it (a development machine), the plain 500.html."""
    if settings.STATIC_ROOT:
        try:
            written = (Path(settings.STATIC_ROOT) / "errors" / "500.html").read_text("utf-8")
        except OSError:
            pass
        else:
            return HttpResponseServerError(written)
    return defaults.server_error(request)
