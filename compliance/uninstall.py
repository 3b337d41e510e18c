"""Taking the tracker out of a site: what it gave the site's groups is taken back, and only that
(`manage.py uninstall_minimum_standards`, docs/plugin.md "Uninstalling"). The groups it made are
deleted; a group the site had before keeps everything but what the tracker gave it; nobody keeps
a permission of the tracker's own models. Its tables are dropped afterwards by
`migrate minimum_standards zero`, which the command prints."""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import RoleGroup


def tracker_app_labels() -> list[str]:
    """The labels of the tracker's installed apps (those of its package)."""
    package = __name__.split(".")[0]
    return [app.label for app in apps.get_app_configs() if app.name.startswith(f"{package}.")]


@dataclass
class Removal:
    """What uninstalling takes away, worked out before anything is changed."""

    groups_to_delete: list = field(default_factory=list)  # [Group]
    taken_from_groups: dict = field(default_factory=dict)  # {Group: [Permission]}
    users_with_tracker_permissions: list = field(default_factory=list)  # [User]

    def is_empty(self) -> bool:
        return not (
            self.groups_to_delete or self.taken_from_groups or self.users_with_tracker_permissions
        )

    def lines(self) -> list[str]:
        lines = []
        for group in self.groups_to_delete:
            members = group.user_set.count()
            lines.append(
                ngettext(
                    "Delete the group “%(group)s”, which the tracker made (%(count)d member).",
                    "Delete the group “%(group)s”, which the tracker made (%(count)d members).",
                    members,
                )
                % {"group": group.name, "count": members}
            )
        for group, permissions in self.taken_from_groups.items():
            lines.append(
                _("Keep the group “%(group)s”; take back what the tracker gave it: %(names)s.")
                % {"group": group.name, "names": ", ".join(sorted(map(_dotted, permissions)))}
            )
        for user in self.users_with_tracker_permissions:
            lines.append(
                _("Take the tracker's permissions from %(user)s (given to them directly).")
                % {"user": user.get_username()}
            )
        return lines


def _dotted(permission) -> str:
    return f"{permission.content_type.app_label}.{permission.codename}"


def work_out(using="default") -> Removal:
    tracker_permissions = Permission.objects.db_manager(using).filter(
        content_type__app_label__in=tracker_app_labels()
    )
    removal = Removal()
    records = RoleGroup.objects.using(using).select_related("group")
    made = {record.group_id for record in records if record.made_by_tracker}
    removal.groups_to_delete = list(Group.objects.using(using).filter(pk__in=made).order_by("name"))
    given = {
        record.group: set(record.granted.select_related("content_type"))
        for record in records
        if not record.made_by_tracker
    }
    holding = (
        Group.objects.using(using)
        .filter(permissions__in=tracker_permissions)
        .exclude(pk__in=made)
        .distinct()
    )
    for group in holding:
        given.setdefault(group, set()).update(
            group.permissions.filter(pk__in=tracker_permissions).select_related("content_type")
        )
    removal.taken_from_groups = {
        group: sorted(permissions, key=_dotted)
        for group, permissions in sorted(given.items(), key=lambda pair: pair[0].name)
        if permissions
    }
    removal.users_with_tracker_permissions = list(
        get_user_model()
        ._default_manager.db_manager(using)
        .filter(user_permissions__in=tracker_permissions)
        .distinct()
    )
    return removal


@transaction.atomic
def carry_out(removal: Removal, using="default") -> None:
    tracker_permissions = Permission.objects.db_manager(using).filter(
        content_type__app_label__in=tracker_app_labels()
    )
    for group, permissions in removal.taken_from_groups.items():
        group.permissions.remove(*permissions)
    for user in removal.users_with_tracker_permissions:
        user.user_permissions.remove(*user.user_permissions.filter(pk__in=tracker_permissions))
    Group.objects.using(using).filter(pk__in=[g.pk for g in removal.groups_to_delete]).delete()
    RoleGroup.objects.using(using).all().delete()


def next_steps() -> str:
    return _(
        "Next, drop the tracker's tables and everything in them (self-assessments, plans, "
        "meetings, questions and their history; export what you must keep first):\n"
        "    python manage.py migrate minimum_standards zero\n"
        "Django also unapplies the migrations of every app that depends on the tracker's "
        "(its delivery plans, and any app of your own with a link to its models).\n"
        "Then remove “wagtail_minimum_standards.compliance” and "
        "“wagtail_minimum_standards.plans” from INSTALLED_APPS (and MINIMUM_STANDARDS_ROLES "
        "from your settings), and remove their content types and permissions:\n"
        "    python manage.py remove_stale_contenttypes --include-stale-apps"
    )
