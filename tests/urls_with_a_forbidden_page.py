"""The site's URLs and one that refuses everyone, to see the site's own 403 page."""

from config.urls import urlpatterns as site_urlpatterns
from django.core.exceptions import PermissionDenied
from django.urls import path


def forbidden(request):
    raise PermissionDenied


urlpatterns = [path("forbidden/", forbidden), *site_urlpatterns]
