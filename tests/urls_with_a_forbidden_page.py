"""The site's URLs and one that refuses everyone, to see the site's own 403 page."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def forbidden(request):
    raise PermissionDenied


urlpatterns = [path("forbidden/", forbidden), *site_urlpatterns]
