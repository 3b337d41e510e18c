"""The site's URLs, one that refuses everyone and one that fails, to see the site's own 403
and 500 pages."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from config.urls import handler500  # noqa: F401  (the site's, as in config.urls)
from config.urls import urlpatterns as site_urlpatterns


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("the database went away")


urlpatterns = [path("forbidden/", forbidden), path("broken/", broken), *site_urlpatterns]
