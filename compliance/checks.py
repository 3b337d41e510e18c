"""`manage.py check` on every setting the tracker reads, and on a database that an older version
of the tracker made. Each message says what is wrong and how to put it right; ids are
`minimum_standards.E…` (errors: nothing runs until they are fixed) and `…W…` (warnings)."""

import datetime
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ValidationError
from django.db import connections
from django.utils import translation
from django.utils.translation import gettext as _

from . import old_labels
from .quality_checks_setting import quality_checks_setting
from .roles_setting import roles_setting

register()(roles_setting)
register()(quality_checks_setting)


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


SAMPLE = datetime.datetime(2027, 6, 5, 14, 30)  # 5 June: its day could be taken for a month


@register()
def wagtail_date_formats(app_configs=None, **kwargs) -> list:
    """WAGTAIL_DATE_FORMAT and WAGTAIL_DATETIME_FORMAT: what Wagtail's date pickers write must
    read back as the same date with the site's input formats, or a date in the site's own
    editors changes, or is refused, when it is saved. The tracker's own date fields show and
    read dates their own way (dates.py) and are not affected."""
    problems = []
    for setting, field, example in (
        ("WAGTAIL_DATE_FORMAT", forms.DateField, "%d/%m/%Y"),
        ("WAGTAIL_DATETIME_FORMAT", forms.DateTimeField, "%d/%m/%Y %H:%M"),
    ):
        form = getattr(settings, setting, None)
        if form is None:
            continue  # Wagtail's default, 2027-06-05, which every language reads
        shown = SAMPLE.strftime(str(form))
        with translation.override(settings.LANGUAGE_CODE):
            try:
                read = field().to_python(shown)
            except ValidationError:
                read = None
        if read is None or read.timetuple()[:3] != SAMPLE.timetuple()[:3]:
            problems.append(
                Warning(
                    _(
                        "%(setting)s = “%(form)s” writes 5 June 2027 as “%(shown)s”, which "
                        "this site reads back as %(read)s: a date typed or picked in "
                        "Wagtail's own editors would change, or be refused, when saved. The "
                        "tracker's own date fields are not affected."
                    )
                    % {
                        "setting": setting,
                        "form": form,
                        "shown": shown,
                        "read": read.strftime("%d %B %Y") if read else _("no date"),
                    },
                    hint=_(
                        "Use Python's strftime form that your language's input formats list "
                        "(DATE_INPUT_FORMATS), such as %(setting)s = “%(example)s” for en-gb."
                    )
                    % {"setting": setting, "example": example},
                    id="minimum_standards.W003",
                )
            )
    return problems
