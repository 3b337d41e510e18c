"""After a table is renamed, the names its indexes, constraints and sequences were given from the
table's old name are given the names a table of the new name gets, so that a renamed table is the
same as one made afresh: Django finds some of these by the name it would give them (a varchar
column's "_like" index, a Meta index), and a new app may reuse the old names.

Three kinds of name, each worked out as its maker works it out, from the old table's name (or
any name it had before) and then from the new one:
- Django's (table, columns, a digest of them and a suffix): indexes, foreign keys, "_like" and
  "_uniq" (BaseDatabaseSchemaEditor._create_index_name);
- PostgreSQL's, for what Django writes inline: "<table>_pkey", "<table>_<columns>_key",
  "<table>_<column>_check" and identity sequences "<table>_<column>_seq", cut to 63 bytes as
  PostgreSQL cuts them (makeObjectName);
- a model's Meta.indexes, named by Index.set_name_with_model()."""

from django.utils.translation import gettext as _

DJANGO_SUFFIXES = ("", "_like", "_uniq")
POSTGRESQL_NAME_LENGTH = 63


def rename_generated_names(connection, editor, renamed: dict, report) -> None:
    """For each {model: [its table's former names, the latest first]}, its table renamed, give
    what the former names named the names a table made afresh would have."""
    former = {model._meta.db_table: names for model, names in renamed.items()}
    for model, names in renamed.items():
        _rename_for_table(connection, editor, model, names, former, report)


def _rename_for_table(connection, editor, model, names, former, report) -> None:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        _rename_meta_indexes(
            editor, model, connection.introspection.get_constraints(cursor, table), report
        )
        existing = connection.introspection.get_constraints(cursor, table)
        for name, found in existing.items():
            new_name = _fresh_name(editor, name, found, names, table, former)
            if new_name and new_name != name and new_name not in existing:
                _rename(connection, editor, cursor, table, name, new_name)
                report(f"{name} → {new_name}")
        if connection.vendor == "postgresql":
            for sequence in connection.introspection.get_sequences(cursor, table):
                name, column = sequence["name"], sequence["column"]
                if any(name == postgresql_name(then, column, "seq") for then in names):
                    new_name = postgresql_name(table, column, "seq")
                    quote = editor.quote_name
                    editor.execute(f"ALTER SEQUENCE {quote(name)} RENAME TO {quote(new_name)}")
                    report(f"{name} → {new_name}")


def postgresql_name(name1: str, name2: str | None, label: str) -> str:
    """The name PostgreSQL gives a table's constraint or sequence (makeObjectName): the table's
    and the column's names, each cut in turn, the longer first, until it fits in 63 bytes."""
    overhead = len(label) + 1 + (1 if name2 else 0)
    available = POSTGRESQL_NAME_LENGTH - overhead
    length1, length2 = len(name1), len(name2 or "")
    while length1 + length2 > available:
        if length1 > length2:
            length1 -= 1
        else:
            length2 -= 1
    parts = [name1[:length1], *([name2[:length2]] if name2 else []), label]
    return "_".join(parts)


def _fresh_name(editor, name, found, names, table, former) -> str | None:
    """The name a table called `table` gives what a table called one of `names` called
    `name`, or None if neither Django nor PostgreSQL made it from the table's name."""
    columns = found["columns"] or []
    pairs = [(then, (suffix, suffix)) for then in names for suffix in DJANGO_SUFFIXES]
    if found.get("foreign_key"):
        to_table, to_column = found["foreign_key"]
        # Named from the target's name then: renamed too, perhaps more than once, if ours.
        for then in names:
            for target_then in [to_table, *former.get(to_table, [])]:
                suffixes = (f"_fk_{target_then}_{to_column}", f"_fk_{to_table}_{to_column}")
                pairs.append((then, suffixes))
    for then, (suffix_then, suffix_now) in pairs:
        if editor._create_index_name(then, columns, suffix=suffix_then) == name:
            return editor._create_index_name(table, columns, suffix=suffix_now)
    for name2, label in (
        (None, "pkey"),
        ("_".join(columns), "key"),
        (columns[0] if columns else None, "check"),
    ):
        if any(name == postgresql_name(then, name2, label) for then in names):
            return postgresql_name(table, name2, label)
    return None


def _rename(connection, editor, cursor, table, name, new_name) -> None:
    quote = editor.quote_name
    if connection.vendor == "postgresql":
        cursor.execute("SELECT 1 FROM pg_constraint WHERE conname = %s", [name])
        if cursor.fetchone():
            editor.execute(
                f"ALTER TABLE {quote(table)} RENAME CONSTRAINT {quote(name)} TO {quote(new_name)}"
            )
        else:
            editor.execute(f"ALTER INDEX {quote(name)} RENAME TO {quote(new_name)}")
        return
    # SQLite renames nothing: an index is dropped and made again, as it was, under its new name.
    cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = %s", [name])
    row = cursor.fetchone()
    if row and row[0]:
        editor.execute(f"DROP INDEX {quote(name)}")
        editor.execute(row[0].replace(quote(name), quote(new_name), 1))


def _rename_meta_indexes(editor, model, existing, report) -> None:
    """Meta.indexes named from a former table name get the name this model gives them."""
    for index in model._meta.indexes:
        if index.name in existing:
            continue
        columns = [model._meta.get_field(name).column for name in index.fields]
        old = next(
            (
                name
                for name, found in existing.items()
                if found["index"] and not found["unique"] and found["columns"] == columns
            ),
            None,
        )
        if old is None:
            report(
                _("index %(index)s: there is none on %(columns)s to rename")
                % {"index": index.name, "columns": ", ".join(columns)}
            )
            continue
        old_index = index.clone()
        old_index.name = old
        editor.rename_index(model, old_index, index)
        report(f"{old} → {index.name}")
