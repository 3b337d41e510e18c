"""Taking the tracker out of a site: what it gave the site's groups is taken back, and only that
(`manage.py minimum_standards_uninstall`, docs/plugin.md "Uninstalling"). A group it made is
deleted, unless the site has since given it something of its own (then it is kept, without what
the tracker gave it); a group the site had before keeps everything but what the tracker gave it;
nobody keeps a permission of the tracker's own models. Its tables are dropped afterwards by
`migrate minimum_standards zero`, which the command prints, unless that would also unapply
migrations of the site's own apps or leave its public pages without their content: then it
says what to do first."""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import RoleGroup

PAGES_APP = "wagtail_minimum_standards.compliance.pages"


class TablesGone(Exception):
    """The tracker's tables were dropped before it was uninstalled; the message says what to do."""


def tracker_app_labels() -> list[str]:
    """The labels of the tracker's installed apps (those of its package)."""
    package = __name__.split(".")[0]
    return [app.label for app in apps.get_app_configs() if app.name.startswith(f"{package}.")]


@dataclass
class Removal:
    """What uninstalling takes away, worked out before anything is changed."""

    groups_to_delete: list = field(default_factory=list)  # [Group]
    taken_from_groups: dict = field(default_factory=dict)  # {Group: [Permission]}
    kept_for_the_site: dict = field(default_factory=dict)  # {Group the tracker made: [what else]}
    users_with_tracker_permissions: list = field(default_factory=list)  # [User]
    # Kept groups that 0.1 gave permissions before the record was kept, holding admin access.
    not_known: list = field(default_factory=list)  # [Group]
    public_pages: list = field(default_factory=list)  # the tracker's “How we are doing” pages

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
            names = ", ".join(sorted(map(_dotted, permissions)))
            if group in self.kept_for_the_site:
                lines.append(
                    _(
                        "Keep the group “%(group)s”, which the tracker made, because your site has "
                        "since given it %(extra)s; take back what the tracker gave it: %(names)s."
                    )
                    % {
                        "group": group.name,
                        "extra": ", ".join(self.kept_for_the_site[group]),
                        "names": names,
                    }
                )
            else:
                lines.append(
                    _("Keep the group “%(group)s”; take back what the tracker gave it: %(names)s.")
                    % {"group": group.name, "names": names}
                )
        for user in self.users_with_tracker_permissions:
            lines.append(
                _("Take the tracker's permissions from %(user)s (given to them directly).")
                % {"user": user.get_username()}
            )
        for group in self.not_known:
            lines.append(
                _(
                    "“%(group)s” held the tracker's permissions before version 0.2 recorded what "
                    "it gave: it may also have given the group access to the admin "
                    "(wagtailadmin.access_admin), which is kept. Take it away by hand "
                    "(Settings → Groups) if nobody in the group needs the admin."
                )
                % {"group": group.name}
            )
        return lines


def _dotted(permission) -> str:
    return f"{permission.content_type.app_label}.{permission.codename}"


def _site_additions(group, granted_ids) -> list[str]:
    """What a group the tracker made holds that the tracker did not give it."""
    extra = [
        _dotted(permission)
        for permission in group.permissions.exclude(pk__in=granted_ids).select_related(
            "content_type"
        )
    ]
    pages = group.page_permissions.count()
    collections = group.collection_permissions.count()
    if pages:
        extra.append(
            ngettext("%(count)d page permission", "%(count)d page permissions", pages)
            % {"count": pages}
        )
    if collections:
        extra.append(
            ngettext(
                "%(count)d collection permission", "%(count)d collection permissions", collections
            )
            % {"count": collections}
        )
    return extra


def work_out(connection) -> Removal:
    """What uninstalling would take away; raises TablesGone if it can no longer be told."""
    using = connection.alias
    tracker_permissions = Permission.objects.db_manager(using).filter(
        content_type__app_label__in=tracker_app_labels()
    )
    if RoleGroup._meta.db_table not in connection.introspection.table_names():
        raise TablesGone(_tables_gone(tracker_permissions, using))
    removal = Removal()
    given = {}
    for record in RoleGroup.objects.using(using).select_related("group"):
        granted = set(record.granted.select_related("content_type"))
        additions = (
            _site_additions(record.group, [p.pk for p in granted]) if record.made_by_tracker else []
        )
        if record.made_by_tracker and not additions:
            removal.groups_to_delete.append(record.group)
            continue
        if additions:
            removal.kept_for_the_site[record.group] = additions
        given[record.group] = granted
        admin = record.group.permissions.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
        if record.predates_record and not record.made_by_tracker and admin.exists():
            removal.not_known.append(record.group)
    deleted = [group.pk for group in removal.groups_to_delete]
    holding = (
        Group.objects.using(using)
        .filter(permissions__in=tracker_permissions)
        .exclude(pk__in=deleted)
        .distinct()
    )
    for group in holding:
        given.setdefault(group, set()).update(
            group.permissions.filter(pk__in=tracker_permissions).select_related("content_type")
        )
    removal.groups_to_delete.sort(key=lambda group: group.name)
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
    if apps.is_installed(PAGES_APP):
        from .pages.models import HowWeAreDoingPage

        removal.public_pages = list(HowWeAreDoingPage.objects.using(using).order_by("path"))
    return removal


def _tables_gone(tracker_permissions, using) -> str:
    holding = (
        Group.objects.using(using)
        .filter(permissions__in=tracker_permissions)
        .distinct()
        .order_by("name")
    )
    return _(
        "The tracker's tables are gone already (“migrate minimum_standards zero” ran first), so "
        "what it made and gave can no longer be told from what your site did. Groups that hold "
        "its permissions: %(groups)s. Remove by hand (Settings → Groups) the groups and the "
        "access to the admin that were only for the tracker, then remove the apps from "
        "INSTALLED_APPS and run “python manage.py remove_stale_contenttypes "
        "--include-stale-apps”."
    ) % {"groups": ", ".join(group.name for group in holding) or _("none")}


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


def dependents(connection) -> list[str]:
    """Migrations of the site's own apps that `migrate minimum_standards zero` would unapply
    with the tracker's, because they depend on them ("home.0004_…")."""
    plan = MigrationExecutor(connection).migration_plan([("minimum_standards", None)])
    labels = tracker_app_labels()
    return [f"{m.app_label}.{m.name}" for m, backwards in plan if m.app_label not in labels]


def next_steps(connection, removal: Removal) -> str:
    """What to do next, and what not to do yet."""
    first = []
    if removal.public_pages:
        first.append(
            _(
                "Delete the tracker's “How we are doing” pages (or move their words into pages "
                "of your own): once its tables are gone they would be left with only a title: "
                "%(pages)s."
            )
            % {"pages": ", ".join(f"“{p.title}” (id {p.pk})" for p in removal.public_pages)}
        )
    depending = dependents(connection)
    if depending:
        first.append(
            _(
                "“python manage.py migrate minimum_standards zero” would also unapply these "
                "migrations of your own apps, which depend on the tracker's, and drop what they "
                "made: %(migrations)s. Make those apps independent of the tracker first (squash "
                "their migrations without the dependency), and check with “python manage.py "
                "migrate minimum_standards zero --plan” that it unapplies only the tracker's."
            )
            % {"migrations": ", ".join(depending)}
        )
    steps = _(
        "Next, drop the tracker's tables and everything in them (self-assessments, plans, "
        "meetings, questions, figures and their history; export what you must keep first), "
        "without running migrate for anything else in between (it would make the tracker's "
        "groups again):\n"
        "    python manage.py migrate minimum_standards zero\n"
        "Then remove “wagtail_minimum_standards.compliance”, "
        "“wagtail_minimum_standards.figures”, “wagtail_minimum_standards.plans” and "
        "“wagtail_minimum_standards.compliance.pages” from INSTALLED_APPS (and "
        "MINIMUM_STANDARDS_ROLES and MINIMUM_STANDARDS_YEAR_START_MONTH from your settings), "
        "and remove their content types and permissions (it asks once for each app):\n"
        "    python manage.py remove_stale_contenttypes --include-stale-apps"
    )
    if first:
        heading = _("Do not drop the tracker's tables yet. First:")
        return "\n".join([heading, *(f"- {step}" for step in first), steps])
    return steps
