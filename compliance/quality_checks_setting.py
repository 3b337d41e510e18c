"""`manage.py check` on MINIMUM_STANDARDS_QUALITY_CHECKS (which checks run, and how severe each
is) and MINIMUM_STANDARDS_READING_AGE (the age the public summaries should be readable at)."""

from django.conf import settings
from django.core.checks import Error
from django.utils.translation import gettext as _

from .quality_checks import (
    DEFAULT_READING_AGE,
    OFF,
    READING_AGE_SETTING,
    SETTING,
    SEVERITIES,
    all_checks,
)

EXAMPLE = '{"carried-over": "blocker", "reading-age": "off"}'


def quality_checks_setting(app_configs=None, **kwargs) -> list:
    chosen = getattr(settings, SETTING, {})
    hint = _("For example: %(setting)s = %(example)s") % {"setting": SETTING, "example": EXAMPLE}
    if not isinstance(chosen, dict):
        return [
            Error(
                _("%(setting)s must be a dict of check ids to severities.") % {"setting": SETTING},
                hint=hint,
                id="minimum_standards.E030",
            )
        ]
    problems = []
    known = {check.id for check in all_checks()}
    unknown = sorted(str(key) for key in chosen if key not in known)
    if unknown:
        problems.append(
            Error(
                _("%(setting)s names checks the tracker does not have: %(checks)s.")
                % {"setting": SETTING, "checks": ", ".join(unknown)},
                hint=_("The checks are: %(checks)s.") % {"checks": ", ".join(sorted(known))},
                id="minimum_standards.E031",
            )
        )
    allowed = [*SEVERITIES, OFF]
    wrong = sorted(f"{key}: {value!r}" for key, value in chosen.items() if value not in allowed)
    if wrong:
        problems.append(
            Error(
                _("%(setting)s gives severities the tracker does not have: %(wrong)s.")
                % {"setting": SETTING, "wrong": "; ".join(wrong)},
                hint=_("A severity is one of: %(allowed)s.") % {"allowed": ", ".join(allowed)},
                id="minimum_standards.E032",
            )
        )
    age = getattr(settings, READING_AGE_SETTING, DEFAULT_READING_AGE)
    if isinstance(age, bool) or not isinstance(age, int) or not 5 <= age <= 25:
        problems.append(
            Error(
                _("%(setting)s must be a whole number of years from 5 to 25 (it is %(age)r).")
                % {"setting": READING_AGE_SETTING, "age": age},
                hint=_("For example: %(setting)s = 12") % {"setting": READING_AGE_SETTING},
                id="minimum_standards.E033",
            )
        )
    return problems
