"""Databases made by version 0.1 of the tracker, whose apps were labelled `compliance` and
`plans`: 0.2 labels them `minimum_standards` and `minimum_standards_plans` (no other package's
names), and its migrations start afresh. Its `0001_initial` migrations make exactly the tables
0.1's last migrations left, under the new names, so such a database is moved over by renaming:
its tables (with their history and many-to-many tables), the names of their indexes,
constraints and sequences (db_names), the content types (so permissions, group grants and what
each question is about keep their ids) and the record of applied migrations. Nothing is copied,
so nothing can be lost on the way; it all happens in one transaction, or not at all. The newer
migrations then run as on any database; `minimum_standards 0002` records which groups already
held the tracker's permissions, so that uninstalling takes them back.

`manage.py check --database default` (and so `migrate`) finds such a database
(compliance.checks, minimum_standards.E010) and says to run
`manage.py minimum_standards_upgrade_labels`, which calls move()."""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

from . import db_names, roles

# Each app's label now, and in 0.1.
OLD_LABELS = {"minimum_standards": "compliance", "minimum_standards_plans": "plans"}
# Every migration 0.1.0 had, by its old label; the last of each is where a database must be.
OLD_MIGRATIONS = {
    "compliance": [
        "0001_initial",
        "0002_one_unrated_level_and_cell_limits",
        "0003_standard_public_wording",
        "0004_advisory_group_meetings_move_here",
        "0005_advisory_group_meeting_tables",
        "0006_ratings_ticked_checklist_items",
        "0007_meeting_records_questions_and_evidence_review",
        "0008_meeting_attendance_history",
    ],
    "plans": [
        "0001_initial",
        "0002_delivery_plans",
        "0003_cell_limits",
        "0004_advisory_group_meetings_moved",
        "0005_meeting_decisions",
    ],
}
# The migration of each app that matches the end of 0.1.0.
FIRST = dict.fromkeys(OLD_LABELS, "0001_initial")
# Tables 0.1 had renamed itself (its meetings moved from plans to compliance), whose indexes
# and constraints still carry the names they were given first.
EARLIER = {
    "compliance_advisorygroupmeeting": ["plans_advisorygroupmeeting"],
    "compliance_historicaladvisorygroupmeeting": ["plans_historicaladvisorygroupmeeting"],
}
# 0.1's own groups, used where a site set no MINIMUM_STANDARDS_ROLES.
OLD_DEFAULT_GROUPS = {roles.RUN: "Tracker manager", roles.READ: "Tracker reader"}
# Tables only 0.1's first migration made: with its migrations recorded, nobody else's.
SIGNATURE = (
    "compliance_selfassessment",
    "compliance_ratinglevel",
    "compliance_historicalselfassessment",
)


class CannotMove(Exception):
    """The database cannot be moved as it is; the message says why and what to do."""


@dataclass
class OldTables:
    """What 0.1 left in a database: the migrations it recorded, by old label."""

    applied: dict

    @property
    def complete(self) -> bool:
        return all(
            names[-1] in self.applied.get(label, ()) for label, names in OLD_MIGRATIONS.items()
        )

    def message(self) -> str:
        return _(
            "This database holds the tracker's data under the app labels of version 0.1 "
            "(“compliance” and “plans”). This version labels them “minimum_standards” and "
            "“minimum_standards_plans”; migrate would start empty tables beside your data."
        )

    def hint(self, alias: str = "default") -> str:
        if not self.complete:
            return _(
                "First finish 0.1's own migrations: install wagtail-minimum-standards 0.1.0, run "
                "“python manage.py migrate”, then install this version again and run "
                "“python manage.py minimum_standards_upgrade_labels”."
            )
        database = "" if alias == "default" else f" --database {alias}"
        return _(
            "Back up the database, then run “python manage.py minimum_standards_upgrade_labels"
            "%(database)s”: it renames the tables, content types and migration records in one "
            "transaction (nothing is copied or deleted). Then run “python manage.py migrate”."
        ) % {"database": database}


def find(connection) -> OldTables | None:
    """What 0.1 left in the database behind `connection`, or None if it left nothing."""
    tables = set(connection.introspection.table_names())
    if "django_migrations" not in tables or not set(SIGNATURE) <= tables:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT app, name FROM django_migrations WHERE app IN (%s, %s)", list(OLD_MIGRATIONS)
        )
        rows = cursor.fetchall()
    applied = {}
    for app, name in rows:
        if name in OLD_MIGRATIONS[app]:
            applied.setdefault(app, set()).add(name)
    if "0001_initial" not in applied.get("compliance", ()):
        return None
    return OldTables(applied)


def moved_already(connection) -> bool:
    """Whether this version's migrations are recorded (the move was made, or never needed)."""
    return MigrationRecorder(connection).migration_qs.filter(app__in=list(OLD_LABELS)).exists()


def tracker_models_at_first_migration(connection) -> list:
    """The models (with history and many-to-many ones) that the tracker's 0001 migrations make,
    as those migrations describe them: what 0.1 left, under the new names."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    state = loader.project_state(list(FIRST.items()))
    return [
        model
        for model in state.apps.get_models(include_auto_created=True)
        if model._meta.app_label in OLD_LABELS
    ]


def old_table(model) -> str:
    label = model._meta.app_label
    return OLD_LABELS[label] + model._meta.db_table[len(label) :]


def movable(connection) -> list:
    """The models to rename, once sure the database is as 0.1.0 left it; raises CannotMove,
    saying why and what to do, if it is not."""
    found = find(connection)
    if found is None and moved_already(connection):
        raise CannotMove(
            _(
                "Nothing to move: the tracker's tables have this version's names already. "
                "Run “python manage.py migrate” to finish."
            )
        )
    if found is None:
        raise CannotMove(_("This database holds nothing of version 0.1's tracker."))
    if not found.complete:
        raise CannotMove(found.hint(connection.alias))
    models = tracker_models_at_first_migration(connection)
    tables = set(connection.introspection.table_names())
    missing = sorted(old_table(model) for model in models if old_table(model) not in tables)
    if missing:
        raise CannotMove(
            _("These tables of version 0.1 are missing, so it cannot be moved: %(tables)s.")
            % {"tables": ", ".join(missing)}
        )
    taken = sorted(t for t in tables if any(t.startswith(f"{label}_") for label in OLD_LABELS))
    if taken:
        raise CannotMove(
            _(
                "Tables under the new labels exist already (%(tables)s): a migrate ran past the "
                "check. Drop them (they are new and empty), then run this again."
            )
            % {"tables": ", ".join(taken)}
        )
    return models


def describe(models) -> list[str]:
    """What move() renames, a line each."""
    groups = (
        []
        if roles.mapped_by_site()
        else [
            _("group “%(old)s” → “%(new)s”") % {"old": old, "new": roles.DEFAULT_GROUPS[role][0]}
            for role, old in OLD_DEFAULT_GROUPS.items()
        ]
    )
    return [
        *(
            _("table %(old)s → %(new)s") % {"old": old_table(model), "new": model._meta.db_table}
            for model in models
        ),
        _("the names of their indexes, constraints and sequences, as their tables'"),
        *(
            _("content types and migrations: %(old)s → %(new)s") % {"old": old, "new": label}
            for label, old in OLD_LABELS.items()
        ),
        *groups,
        _("then the tracker's newer migrations run"),
    ]


def move(connection, report=print) -> None:
    """Rename what 0.1 left to this version's names, in one transaction (see movable())."""
    models = movable(connection)
    with connection.schema_editor(atomic=True) as editor:
        for model in models:
            editor.alter_db_table(model, old_table(model), model._meta.db_table)
        report(_("%(count)d tables renamed") % {"count": len(models)})
        renamed = {
            model: [old_table(model), *EARLIER.get(old_table(model), [])] for model in models
        }
        db_names.rename_generated_names(connection, editor, renamed, report)
        _move_content_types(connection, models, report)
        _move_migration_records(connection, report)
        _rename_default_groups(connection, report)
    ContentType.objects.clear_cache()


def _move_content_types(connection, models, report) -> None:
    content_types = ContentType.objects.db_manager(connection.alias)
    for label, old in OLD_LABELS.items():
        names = [m._meta.model_name for m in models if m._meta.app_label == label]
        # Left by a migrate that ran past the check: nothing refers to them yet.
        content_types.filter(app_label=label, model__in=names).delete()
        moved = content_types.filter(app_label=old, model__in=names).update(app_label=label)
        report(
            _("%(count)d content types: %(old)s → %(new)s")
            % {"count": moved, "old": old, "new": label}
        )


def _move_migration_records(connection, report) -> None:
    recorder = MigrationRecorder(connection)
    for label, old in OLD_LABELS.items():
        recorder.migration_qs.filter(app=old, name__in=OLD_MIGRATIONS[old]).delete()
        recorder.record_applied(label, FIRST[label])
        report(
            _("migrations: %(old)s 0.1.0 → %(new)s %(first)s")
            % {"old": old, "new": label, "first": FIRST[label]}
        )


def _rename_default_groups(connection, report) -> None:
    """A site that set no MINIMUM_STANDARDS_ROLES used 0.1's own groups: they keep their
    members and permissions under this version's names."""
    groups = Group.objects.db_manager(connection.alias)
    if roles.mapped_by_site():
        return
    for role, old in OLD_DEFAULT_GROUPS.items():
        new = roles.DEFAULT_GROUPS[role][0]
        if groups.filter(name=old).exists() and not groups.filter(name=new).exists():
            groups.filter(name=old).update(name=new)
            report(_("group “%(old)s” → “%(new)s”") % {"old": old, "new": new})
