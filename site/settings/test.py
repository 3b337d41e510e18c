"""Tests: fast hashing, in-memory email; DATABASE_URL still selects the database."""

import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# pytest-django sends email straight to the outbox (locmem); tests of the mail queue
# (tests/test_mail_queue.py) put base.py's queue back.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
DEMO_PASSWORDS = True
DEMO_CONTENT = True  # `load_demo` may run

# Django's test client logs in without a request, which django-axes refuses;
# tests/test_security.py turns throttling back on to test it.
AXES_ENABLED = False

# Serve static files straight from the apps and static/, as in development.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Uploaded documents and images go to a folder of the test run's own, removed afterwards,
# never into the project's media/.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="sendias-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
