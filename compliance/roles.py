"""The tracker's two roles, and the permissions each needs. A site maps them to its groups.

- RUN: keeps the self-assessments and delivery plans (rates standards, records evidence and
  progress, ratifies at a meeting, imports frameworks and spreadsheets).
- READ: reads and exports all of it, and raises questions and comments before a meeting;
  changes nothing else (an Advisory Group).

`settings.MINIMUM_STANDARDS_ROLES` maps each role to the names of the site's groups, e.g.
{"run": ["Service manager"], "read": ["Advisory Group"]}. Without it, the tracker's own two
groups, DEFAULT_GROUPS, are used. After every `migrate` each mapped group is made if missing
and given any missing permission of its role; none is ever taken away.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

RUN, READ = "run", "read"
DEFAULT_GROUPS = {RUN: ["Tracker manager"], READ: ["Tracker reader"]}

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
]
_READ = [
    "wagtailadmin.access_admin",
    *(f"compliance.view_{model}" for model in _MODELS),
    # The Advisory Group raises questions and comments before a meeting; it changes nothing.
    "compliance.view_question",
    "compliance.add_question",
    "compliance.add_reply",
]
_RUN = [
    *_READ,
    *(
        f"compliance.{action}_{model}"
        for action in ("add", "change")
        for model in ("selfassessment", "rating", "evidencelink", "advisorygroupmeeting")
    ),
    "compliance.delete_evidencelink",
    "compliance.add_framework",
    "compliance.change_standard",  # its plain-English wording, for the public page
    "compliance.answer_question",
]
# Each of the tracker's apps declares what its roles need (plans does, in its AppConfig).
PERMISSIONS = {RUN: list(_RUN), READ: list(_READ)}


def declare(role: str, dotted_names) -> None:
    """Add permissions that `role` needs (an app built on this one declares its own)."""
    PERMISSIONS[role].extend(name for name in dotted_names if name not in PERMISSIONS[role])


def group_names(role: str) -> list[str]:
    """The site's groups that hold `role`."""
    return list(getattr(settings, "MINIMUM_STANDARDS_ROLES", DEFAULT_GROUPS)[role])


def members(role: str):
    """The active users in the groups that hold `role`."""
    return (
        get_user_model()
        .objects.filter(groups__name__in=group_names(role), is_active=True)
        .distinct()
    )


def ensure_roles(using="default", **kwargs) -> dict[str, list[Group]]:
    """Make the mapped groups and grant their roles' permissions; idempotent."""
    # post_migrate reaches apps in INSTALLED_APPS order: make every app's permissions first.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    groups = {}
    for role, dotted_names in PERMISSIONS.items():
        permissions = [_permission(dotted, using) for dotted in dotted_names]
        groups[role] = []
        for name in group_names(role):
            group, _ = Group.objects.db_manager(using).get_or_create(name=name)
            group.permissions.add(*permissions)
            groups[role].append(group)
    return groups


def _permission(dotted: str, using: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.db_manager(using).get(
        content_type__app_label=app_label, codename=codename
    )
