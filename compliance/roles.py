"""The tracker's two roles, and the permissions each needs. A site maps them to its groups.

- RUN: keeps the self-assessments and delivery plans (rates standards, records evidence and
  progress, ratifies at a meeting, imports frameworks and spreadsheets).
- READ: reads and exports all of it, and raises questions and comments before a meeting;
  changes nothing else (an Advisory Group).

`settings.MINIMUM_STANDARDS_ROLES` maps each role to the names of the site's groups, e.g.
{"run": ["Service manager"], "read": ["Advisory Group"]} (`manage.py check` says what is wrong
with it: compliance.roles_setting). Without it, the tracker's own two groups, DEFAULT_GROUPS,
are used.
After every `migrate` each mapped group is made if missing and given any missing permission of
its role; none is ever taken away. What the tracker made and gave is recorded (RoleGroup), so
that `manage.py minimum_standards_uninstall` takes back that and nothing else.
"""

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured

from .roles_setting import (  # noqa: F401  (the roles' names are read from here too)
    DEFAULT_GROUPS,
    READ,
    ROLES,
    RUN,
    SETTING,
    mapped_by_site,
    roles_setting,
)

_MODELS = [
    "framework",
    "ratinglevel",
    "section",
    "standard",
    "checklistitem",
    "selfassessment",
    "rating",
    "evidencelink",
    "advisorygroupmeeting",
    "frameworkmapping",
    "standardmapping",
    "levelmapping",
]
_READ = [
    "wagtailadmin.access_admin",
    *(f"minimum_standards.view_{model}" for model in _MODELS),
    # The Advisory Group raises questions and comments before a meeting; it changes nothing.
    "minimum_standards.view_question",
    "minimum_standards.add_question",
    "minimum_standards.add_reply",
]
_RUN = [
    *_READ,
    *(
        f"minimum_standards.{action}_{model}"
        for action in ("add", "change")
        for model in ("selfassessment", "rating", "evidencelink", "advisorygroupmeeting")
    ),
    "minimum_standards.delete_evidencelink",
    "minimum_standards.add_framework",
    # framework mappings, edited with their rows (compliance/models/mappings.py)
    *(
        f"minimum_standards.{action}_{model}"
        for action in ("add", "change")
        for model in ("frameworkmapping", "standardmapping", "levelmapping")
    ),
    "minimum_standards.delete_standardmapping",
    "minimum_standards.delete_levelmapping",
    "minimum_standards.change_standard",  # its plain-English wording, for the public page
    "minimum_standards.answer_question",
]
# Each of the tracker's apps declares what its roles need (plans does, in its AppConfig).
PERMISSIONS = {RUN: list(_RUN), READ: list(_READ)}


def declare(role: str, dotted_names) -> None:
    """Add permissions that `role` needs (an app built on this one declares its own)."""
    PERMISSIONS[role].extend(name for name in dotted_names if name not in PERMISSIONS[role])


def mapping() -> dict:
    """settings.MINIMUM_STANDARDS_ROLES, or the tracker's own groups if the site sets none. A
    malformed setting is refused here too, as `manage.py check` refuses it, for code that runs
    with the checks skipped (call_command("migrate"), a test database)."""
    errors = [problem for problem in roles_setting() if problem.is_serious()]
    if errors:
        raise ImproperlyConfigured(f"{errors[0].id}: {errors[0].msg} {errors[0].hint}")
    return getattr(settings, SETTING, DEFAULT_GROUPS)


def group_names(role: str) -> list[str]:
    """The site's groups that hold `role`."""
    return list(mapping()[role])


def members(role: str):
    """The active users in the groups that hold `role`."""
    return (
        get_user_model()
        .objects.filter(groups__name__in=group_names(role), is_active=True)
        .distinct()
    )


def ensure_roles(using="default", apps=global_apps, **kwargs) -> dict[str, list[Group]]:
    """Make the mapped groups and grant their roles' permissions; idempotent. Run after every
    `migrate` (`apps` is the state it left): nothing is made once the tracker's tables are
    gone (`migrate minimum_standards zero`, while uninstalling)."""
    from .models import RoleGroup

    if not tables_present(apps):
        return {}
    # post_migrate reaches apps in INSTALLED_APPS order: make every app's permissions first.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    groups = {}
    for role, dotted_names in PERMISSIONS.items():
        permissions = [_permission(dotted, using) for dotted in dotted_names]
        groups[role] = []
        for name in group_names(role):
            group, made = Group.objects.db_manager(using).get_or_create(name=name)
            record, _ = RoleGroup.objects.db_manager(using).get_or_create(
                group=group, defaults={"made_by_tracker": made}
            )
            held = set(group.permissions.values_list("pk", flat=True))
            missing = [permission for permission in permissions if permission.pk not in held]
            group.permissions.add(*missing)
            record.granted.add(*missing)
            groups[role].append(group)
    return groups


def tables_present(apps=global_apps) -> bool:
    """Whether the migration state `apps` has the tracker's tables. `migrate minimum_standards
    zero` removes them, and those of every app built on it (plans, your own)."""
    try:
        apps.get_model("minimum_standards", "RoleGroup")
    except LookupError:
        return False
    return True


def _permission(dotted: str, using: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.db_manager(using).get(
        content_type__app_label=app_label, codename=codename
    )
