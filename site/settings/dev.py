"""Development: DEBUG on (DEBUG=false to see the site's own error pages), console email, the
demo accounts' passwords allowed."""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("DEBUG", "true").lower() != "false"
# Static files straight from the apps and static/, with DEBUG off too (no collectstatic).
WHITENOISE_USE_FINDERS = True
SECRET_KEY = "django-insecure-dev-only-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# Queued as in production (base.py); `make run`'s mail worker prints each email here.
MAILER_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
MAIL_RETRY_FIRST = 2

# `load_demo` gives the demo accounts known passwords only where this is True.
DEMO_PASSWORDS = True
DEMO_CONTENT = True  # `load_demo` may run
