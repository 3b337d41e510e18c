"""Development: DEBUG on, console email, the demo accounts' passwords allowed."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "django-insecure-dev-only-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# `load_demo` gives the demo accounts known passwords only where this is True.
DEMO_PASSWORDS = True
DEMO_CONTENT = True  # `load_demo` may run
