"""The tracker's roles by name, and MINIMUM_STANDARDS_ROLES, the setting that maps them to a
site's groups: whether the site sets it, and what is wrong with it (compliance.checks runs this
as a check; compliance.roles refuses a malformed setting with it where checks are skipped)."""

import unicodedata

from django.conf import settings
from django.core.checks import Error, Warning
from django.utils.translation import gettext as _

RUN, READ = "run", "read"
ROLES = (RUN, READ)
SETTING = "MINIMUM_STANDARDS_ROLES"
DEFAULT_GROUPS = {RUN: ["Minimum standards manager"], READ: ["Minimum standards reader"]}


def mapped_by_site() -> bool:
    """Whether the site maps the roles to its own groups (or uses DEFAULT_GROUPS)."""
    return hasattr(settings, SETTING)


EXAMPLE = '{"run": ["Service manager"], "read": ["Advisory Group"]}'


def roles_setting(app_configs=None, **kwargs) -> list:
    """MINIMUM_STANDARDS_ROLES: a dict of each role to a list of group names."""
    if not mapped_by_site():
        return []  # the tracker's own groups (roles.DEFAULT_GROUPS)
    value = getattr(settings, SETTING)
    hint = _("For example: MINIMUM_STANDARDS_ROLES = %(example)s") % {"example": EXAMPLE}
    if not isinstance(value, dict):
        return [
            Error(
                _(
                    "MINIMUM_STANDARDS_ROLES must be a dict of each role to its groups, "
                    "not %(type)s."
                )
                % {"type": type(value).__name__},
                hint=hint,
                id="minimum_standards.E001",
            )
        ]
    problems = []
    unknown = sorted(str(role) for role in value if role not in ROLES)
    if unknown:
        problems.append(
            Error(
                _("MINIMUM_STANDARDS_ROLES names roles the tracker does not have: %(roles)s.")
                % {"roles": ", ".join(unknown)},
                hint=_("Its roles are %(roles)s.") % {"roles": ", ".join(ROLES)},
                id="minimum_standards.E002",
            )
        )
    missing = [role for role in ROLES if role not in value]
    if missing:
        problems.append(
            Error(
                _("MINIMUM_STANDARDS_ROLES gives no groups for: %(roles)s.")
                % {"roles": ", ".join(missing)},
                hint=hint,
                id="minimum_standards.E003",
            )
        )
    for role in ROLES:
        if role in value:
            problems += _groups_problems(role, value[role])
    if not problems:
        problems += _shared_groups(value)
    return problems


def _groups_problems(role: str, groups) -> list:
    names = {"role": role}
    if isinstance(groups, str):
        return [
            Error(
                _(
                    'MINIMUM_STANDARDS_ROLES["%(role)s"] is a string; it must be a list of '
                    "group names."
                )
                % names,
                hint=(
                    _('Write ["%(group)s"], not "%(group)s".') % {"group": groups}
                    if groups.strip()
                    else _('Give a list of group names, e.g. ["Service manager"].')
                ),
                id="minimum_standards.E004",
            )
        ]
    if not isinstance(groups, list | tuple) or not all(
        isinstance(group, str) and group.strip() for group in groups
    ):
        return [
            Error(
                _('MINIMUM_STANDARDS_ROLES["%(role)s"] must be a list of group names.') % names,
                hint=_("Each group name is a string that is not blank."),
                id="minimum_standards.E005",
            )
        ]
    if not groups:
        return [
            Error(
                _('MINIMUM_STANDARDS_ROLES["%(role)s"] is empty: nobody could hold the role.')
                % names,
                hint=_("Name at least one group."),
                id="minimum_standards.E006",
            )
        ]
    odd = [group for group in groups if _odd(group)]
    if odd:
        return [
            Error(
                _(
                    'A group name in MINIMUM_STANDARDS_ROLES["%(role)s"] has spaces at its start '
                    "or end, an invisible or control character, or is not written in Unicode's "
                    "composed form: %(names)s."
                )
                % {**names, "names": ", ".join(map(ascii, odd))},
                hint=_("Write each name as people see it, with nothing hidden in it."),
                id="minimum_standards.E009",
            )
        ]
    too_long = [group for group in groups if len(group) > 150]
    if too_long:
        return [
            Error(
                _(
                    'A group name in MINIMUM_STANDARDS_ROLES["%(role)s"] is longer than 150 '
                    "characters."
                )
                % names,
                hint=_("Django's group names have at most 150 characters."),
                id="minimum_standards.E007",
            )
        ]
    return []


def _odd(name: str) -> bool:
    """Spaces around it, a character nobody sees (control, format, surrogate, line or paragraph
    separator), or a decomposed é beside a composed one: two groups that look alike."""
    hidden = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
    return (
        name != name.strip()
        or any(unicodedata.category(character) in hidden for character in name)
        or unicodedata.normalize("NFC", name) != name
    )


def _shared_groups(value) -> list:
    shared = sorted(set(value[RUN]) & set(value[READ]))
    if not shared:
        return []
    return [
        Warning(
            _("MINIMUM_STANDARDS_ROLES gives both roles to: %(groups)s.")
            % {"groups": ", ".join(shared)},
            hint=_(
                "Members of a group that holds both roles may change what the other role only "
                "reads. Give each role its own groups unless that is meant."
            ),
            id="minimum_standards.W002",
        )
    ]
