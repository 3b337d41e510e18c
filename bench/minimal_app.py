"""The smallest Django application: one view, no middleware, no database.

The benchmark serves it exactly as it serves the site, as the yardstick for
what gunicorn and Django cost before any of our code runs.
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="benchmark-only",  # noqa: S106
    ALLOWED_HOSTS=["127.0.0.1", "localhost", "www.example.org"],  # the stack's host name too
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)


def hello(request):
    return HttpResponse("<!DOCTYPE html><title>Hello</title><p>Hello</p>")


urlpatterns = [path("", hello)]
application = get_wsgi_application()
