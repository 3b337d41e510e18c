"""`manage.py check` on the setting the figures read: MINIMUM_STANDARDS_YEAR_START_MONTH. A
mistake there is an error before anything runs, not a failure at the first enquiry counted."""

from django.conf import settings
from django.core.checks import Error, register
from django.utils.translation import gettext as _

from .periods import SETTING


@register()
def year_start_month(app_configs=None, **kwargs) -> list:
    value = getattr(settings, SETTING, 9)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12:
        return []
    return [
        Error(
            _("%(setting)s must be a month's number, 1 to 12, not %(value)r.")
            % {"setting": SETTING, "value": value},
            hint=_(
                "The month the service's reporting year starts: 9 (September, the academic "
                "year) by default; 4 for a year from April."
            ),
            id="minimum_standards_figures.E001",
        )
    ]
