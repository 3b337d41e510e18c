"""`manage.py check` on every setting the tracker reads, and on a database that an older version
of the tracker made. Each message says what is wrong and how to put it right; ids are
`minimum_standards.E…` (errors: nothing runs until they are fixed) and `…W…` (warnings)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import connections
from django.utils.translation import gettext as _

from . import old_labels
from .roles_setting import roles_setting

register()(roles_setting)


@register()
def admin_base_url(app_configs=None, **kwargs) -> list:
    """WAGTAILADMIN_BASE_URL: where the links in the tracker's emails point."""
    value = getattr(settings, "WAGTAILADMIN_BASE_URL", None)
    if not value:
        return [
            Warning(
                _("WAGTAILADMIN_BASE_URL is not set."),
                hint=_(
                    "Links in the tracker's emails are built from the address the request came "
                    "to, or, in a scheduled email, from the default Wagtail Site. Set it to your "
                    'admin\'s address, e.g. "https://www.example.org".'
                ),
                id="minimum_standards.W001",
            )
        ]
    if not _web_address(value):
        return [
            Error(
                _(
                    "WAGTAILADMIN_BASE_URL must be a web address: http:// or https://, a host, "
                    "and nothing after its path (%(value)s)."
                )
                % {"value": ascii(value)},
                hint=_('For example: "https://www.example.org".'),
                id="minimum_standards.E008",
            )
        ]
    return []


def _web_address(value) -> bool:
    """http(s), a host, no query or fragment, no space: links are this, then the admin's path."""
    if not isinstance(value, str) or value != value.strip() or any(c.isspace() for c in value):
        return False
    parts = urlsplit(value)
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and not parts.query
        and not parts.fragment
        and "?" not in value
        and "#" not in value
    )


@register(Tags.database)
def database_made_by_an_older_version(app_configs=None, databases=None, **kwargs) -> list:
    """A database whose tracker tables an older version (0.1, labels `compliance` and `plans`)
    made: `migrate` would otherwise start empty tables beside them."""
    problems = []
    for alias in databases or []:
        found = old_labels.find(connections[alias])
        if found is not None:
            problems.append(
                Error(
                    found.message(),
                    hint=found.hint(alias),
                    id="minimum_standards.E010",
                )
            )
    return problems
