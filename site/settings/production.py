"""Production: every secret and host from the environment; refuses to start without them.

Required environment variables:
    SECRET_KEY      a long random string
    ALLOWED_HOSTS   comma-separated host names, e.g. "www.sendiasbathnes.org.uk"
    DATABASE_URL    e.g. postgres://user:password@host:5432/sendias
Optional:
    WAGTAILADMIN_BASE_URL  the site's public address, used in admin emails
    SECURE_SSL_REDIRECT    "false" only when a proxy in front already redirects to HTTPS
    TRUSTED_PROXY_COUNT    reverse proxies in front that append to X-Forwarded-For (default 1;
                           0 when gunicorn faces clients directly)
    STATIC_ROOT, MEDIA_ROOT  where collected static files and uploads live
    HTTP_CACHE_SECONDS     how long nginx may keep a public page that no purge reaches
                           (default 5; 0: never)
    HTTP_CACHE_PURGE_URL   where nginx takes purges (deploy/nginx/sendias.conf:
                           http://127.0.0.1:8081); several, comma-separated, when each server
                           has a cache of its own. Without it pages are not cached at all,
                           since nothing would refresh them on publishing
    CACHE_URL (or REDIS_URL)  a Redis server shared by every worker and server, e.g.
                           redis://10.0.0.5:6379/0; default: each worker's own memory
    S3_BUCKET and the other S3_ settings (shared_services.ObjectStorage): uploads in
                           S3-compatible object storage; default: MEDIA_ROOT on this disk
    EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
                           DEFAULT_FROM_EMAIL: the mail server the mail worker sends through
                           (requests only queue email); EMAIL_TIMEOUT (default 10 s) and
                           MAIL_RETRY_FIRST (default 15 s) for a server that stalls
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ADMIN_CONTENT_SECURITY_POLICY,
    CONTENT_SECURITY_POLICY,
    MEDIA_ROOT,
    STATIC_ROOT,
    STORAGES,
)
from .shared_services import RENDITIONS, ObjectStorage, cache_settings


def required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Production settings need the environment variable {name}.")
    return value


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in required("ALLOWED_HOSTS").split(",") if host.strip()]
required("DATABASE_URL")  # read by base.py through dj-database-url
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if not host.startswith(".")]

# HTTPS only, for a year, on every subdomain; cookies never sent in clear.
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Behind the reverse proxy, the client's address is the one the proxy appends to
# X-Forwarded-For (config.client_address); it matters for login throttling and the
# enquiry rate limit. 0 when gunicorn faces clients directly.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Public pages in nginx's cache, purged on every change that shows on them (home.cache).
HTTP_CACHE_PURGE_URLS = [
    url.strip() for url in os.environ.get("HTTP_CACHE_PURGE_URL", "").split(",") if url.strip()
]
if HTTP_CACHE_PURGE_URLS:
    HTTP_CACHE_SECONDS = int(os.environ.get("HTTP_CACHE_SECONDS", "5"))
    WAGTAILFRONTENDCACHE = {
        f"nginx-{number}": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": url,
        }
        for number, url in enumerate(HTTP_CACHE_PURGE_URLS, start=1)
    }

# Shared by several servers when the environment names them; this machine's otherwise.
CACHES = cache_settings(os.environ)

STATIC_ROOT = os.environ.get("STATIC_ROOT", STATIC_ROOT)
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", MEDIA_ROOT)

# Static files served by WhiteNoise, compressed and with hashed names.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

OBJECT_STORAGE = ObjectStorage.from_environment(os.environ)
if OBJECT_STORAGE:
    STORAGES = {**STORAGES, **OBJECT_STORAGE.storages()}
    WAGTAILIMAGES_RENDITION_STORAGE = RENDITIONS
    # Renditions come from the bucket's (or the CDN's) address, on the site and in the admin.
    public_images = OBJECT_STORAGE.public_origin
    directives = CONTENT_SECURITY_POLICY["DIRECTIVES"]
    CONTENT_SECURITY_POLICY = {
        **CONTENT_SECURITY_POLICY,
        "DIRECTIVES": {**directives, "img-src": [*directives["img-src"], public_images]},
    }
    ADMIN_CONTENT_SECURITY_POLICY = {
        **ADMIN_CONTENT_SECURITY_POLICY,
        "img-src": [*ADMIN_CONTENT_SECURITY_POLICY["img-src"], public_images],
    }

EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
# The mail worker's (deploy/systemd/sendias-mail.service): seconds before giving up on a
# connection, and before the first retry after a failed round (base.py).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
MAIL_RETRY_FIRST = int(os.environ.get("MAIL_RETRY_FIRST", "15"))
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # Every 404 would otherwise be a warning line; server errors are still logged.
    "loggers": {"django.request": {"level": "ERROR"}},
}
