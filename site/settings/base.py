"""Settings shared by every environment. See dev.py, test.py and production.py."""

from pathlib import Path

import dj_database_url

# The repository root: manage.py, templates/, the SQLite file in development.
BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "home",
    "wagtail_minimum_standards.compliance",
    "wagtail_minimum_standards.figures",
    "wagtail_minimum_standards.plans",
    "wagtail_minimum_standards.compliance.pages",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "home.apps.WagtailUsersAppConfig",  # wagtail.users, each email address one account's
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "simple_history",
    "axes",
    "csp",
    "mailer",
    "django.contrib.admin",  # wagtail-modeladmin uses its list filters; its URLs are not served
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session and CSRF middleware: it sees the cookies they set (config.http_cache).
    "config.http_cache.HttpCacheMiddleware",
    # Cookie names read exactly as nginx reads them, before the session and CSRF read any.
    "config.cookies.ExactCookieNamesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "home.site_content.SiteMiddleware",
    "home.password_resets.PasswordResetLimitMiddleware",
    "home.sign_in.SignInBudgetMiddleware",
    # Last, as django-axes asks: it turns a lockout into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_content",
            ],
        },
    },
]

# DATABASE_URL selects the database (postgres://user:pass@host:5432/name);
# without it, a SQLite file in the project folder.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Counts failed logins and refuses further attempts once the limit is reached.
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Throttle repeated failed admin logins: after AXES_FAILURE_LIMIT failures for
# one username from one address, that pair is locked out for AXES_COOLOFF_TIME.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account_locked.html"
# The client's address (config.client_address): REMOTE_ADDR, or behind
# TRUSTED_PROXY_COUNT reverse proxies the address the outermost one appended to
# X-Forwarded-For. The enquiry form's rate limit counts by the same address.
TRUSTED_PROXY_COUNT = 0
AXES_CLIENT_IP_CALLABLE = "config.client_address.client_address"
# Sign-in failures from one client address, whatever usernames it tries (a password sprayer
# tries one or two passwords on many): after SIGN_IN_SLOW_AFTER failures in the window it
# must wait SIGN_IN_SLOW_SECONDS between attempts; after SIGN_IN_FAILURES_PER_ADDRESS it is
# refused until the window ends (home.sign_in). Counted in the database, across every worker.
SIGN_IN_FAILURES_PER_ADDRESS = 30
SIGN_IN_SLOW_AFTER = 10
SIGN_IN_SLOW_SECONDS = 10
SIGN_IN_WINDOW_MINUTES = 15
# Password resets (home.password_resets): at most this many requests an hour from one client
# address, and this many reset emails an hour to one address.
PASSWORD_RESET_LIMIT = 3
PASSWORD_RESET_EMAILS_PER_HOUR = 10
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "home.password_resets.QueuedPasswordResetForm"

# Email never leaves inside a request: it is queued in the database (django-mailer) and sent
# by the mail worker, `manage.py send_queued_mail` (home.mail_queue,
# deploy/systemd/sendias-mail.service), through MAILER_EMAIL_BACKEND.
EMAIL_BACKEND = "mailer.backend.DbBackend"
MAILER_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
MAILER_USE_FILE_LOCK = False  # each message is taken under a row lock instead
# A server that cannot be reached ends the round, leaving every message queued; a message
# the server refuses is deferred and retried later (home.mail_queue).
MAILER_ERROR_HANDLER = "home.mail_queue.handle_delivery_exception"
EMAIL_TIMEOUT = 10  # seconds a stalled mail server may hold the worker, per connection
MAIL_POLL_SECONDS = 2
MAIL_RETRY_FIRST = 15  # seconds after a failure; doubling ...
MAIL_RETRY_MOST = 600  # ... to at most ten minutes

LANGUAGE_CODE = "en-gb"
# British dates: typed 30/06/2027 (also 30/6/2027, 30 June 2027, 2027-06-30), shown 30/06/2027
# in the admin's date inputs and 30 June 2027 in text (config/formats/en_GB/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"  # Python's strftime form, as Wagtail's docs say
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Content-Security-Policy: the public pages load only the site's own scripts,
# styles, images and fonts. No inline script or style is needed or allowed. Scripts, styles,
# fonts and connections fall back to default-src, so they are not repeated: the policy is
# sent with every page, and nginx's cache reads it back for every page it serves.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://www.youtube.com"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
# The admin (everything under ADMIN_PATH_PREFIX) has its own, looser policy:
# Wagtail's editor needs inline styles and scripts. Still nothing third-party.
ADMIN_PATH_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", "https:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}

CSRF_FAILURE_VIEW = "home.views.csrf_failure"  # the site's own page, with the helpline

X_FRAME_OPTIONS = "DENY"  # Wagtail's preview lifts this for its own frame.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

WAGTAIL_SITE_NAME = "Sendias Bathnes"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents always stream through the app after its check of who may open them, wherever they
# are stored: never a redirect to a file's own address (evidence is confidential).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests from the admin
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGIN_URL = "wagtailadmin_login"

# The compliance tracker's two roles, as this site's groups (home/roles.py makes them and
# gives them the site's own permissions; compliance/roles.py gives them the tracker's).
MINIMUM_STANDARDS_ROLES = {"run": ["Service manager"], "read": ["Advisory Group"]}

# Enquiries are personal data: `manage.py delete_old_enquiries` (run it daily)
# deletes those older than this. The privacy notice states the same period.
ENQUIRY_RETENTION_DAYS = 365

# The HTTP cache in front (nginx's, deploy/nginx/sendias.conf; config.http_cache): public pages
# seen by visitors who are not signed in are purged at once when what they show changes
# (home.cache, through Wagtail's frontend cache invalidation, WAGTAILFRONTENDCACHE in
# production.py) and kept for at most HTTP_CACHE_SECONDS whatever happens (production: 5 s,
# the most a page can be stale). 0: nothing is marked for a cache.
HTTP_CACHE_SECONDS = 0
HTTP_CACHE_URL_NAMES = ["wagtail_serve", "sitemap", "robots_txt", "site_address_css"]
HTTP_CACHE_URL_NAMES += ["calendar_file"]  # events' .ics files (home/calendar_files.py)
WAGTAILFRONTENDCACHE = {}
