"""A database made by version 0.1 of the tracker (app labels `compliance` and `plans`), upgraded
as an operator would, with manage.py against a copy of a real 0.1.0 database: this site with
its demo content, dumped from SQLite and from PostgreSQL by the last commit before the tracker's
names changed (tests/fixtures/tracker-0.1.0-site.*.sql.gz). `migrate` refuses with a message
that says what to do, instead of starting empty tables beside the data; the command it names
moves every row over, and the site works on it."""

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from .deployment.stack import create_database, drop_database

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
OLD = {"compliance_": "minimum_standards_", "plans_": "minimum_standards_plans_"}


def manage(database_url: str, *args: str, stdin: str | None = None):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
    )


class SQLiteCopy:
    def __init__(self, tmp_path):
        self.path = tmp_path / "made-by-0.1.sqlite3"
        with sqlite3.connect(self.path) as connection:
            connection.executescript(
                gzip.decompress(
                    (FIXTURES / "tracker-0.1.0-site.sqlite3.sql.gz").read_bytes()
                ).decode()
            )
        self.url = f"sqlite:///{self.path}"

    def counts(self) -> dict:
        with sqlite3.connect(self.path) as connection:
            tables = [
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            ]
            return {
                t: connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables
            }

    def fresh(self) -> str:
        """An empty database of the same kind, for one this version makes afresh."""
        return f"sqlite:///{self.path.with_name('fresh.sqlite3')}"

    def close(self):
        pass


class PostgreSQLCopy:
    def __init__(self, tmp_path):
        server = os.environ.get("DATABASE_URL", "")
        missing = [] if shutil.which("psql") else ["psql"]
        if not server.startswith(("postgres://", "postgresql://")):
            missing.append("DATABASE_URL naming a PostgreSQL server")
        if missing:
            message = "the PostgreSQL upgrade test needs " + ", ".join(missing)
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        self.server, self.name = server, f"made_by_0_1_{os.getpid()}"
        drop_database(server, self.name)
        self.url = create_database(server, self.name)
        dump = gzip.decompress((FIXTURES / "tracker-0.1.0-site.postgresql.sql.gz").read_bytes())
        subprocess.run(
            ["psql", "--quiet", "--set", "ON_ERROR_STOP=1", "--dbname", self.url],
            input=dump,
            check=True,
            capture_output=True,
        )

    def counts(self) -> dict:
        import psycopg

        with psycopg.connect(self.url) as connection:
            tables = [
                row[0]
                for row in connection.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                )
            ]
            return {
                t: connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables
            }

    def fresh(self) -> str:
        """An empty database of the same kind, for one this version makes afresh."""
        drop_database(self.server, f"{self.name}_fresh")
        return create_database(self.server, f"{self.name}_fresh")

    def close(self):
        drop_database(self.server, self.name)
        drop_database(self.server, f"{self.name}_fresh")


@pytest.fixture(params=[SQLiteCopy, PostgreSQLCopy], ids=["sqlite", "postgresql"])
def made_by_0_1(request, tmp_path):
    copy = request.param(tmp_path)
    yield copy
    copy.close()


def renamed(table: str) -> str:
    for old, new in OLD.items():
        if table.startswith(old):
            return new + table[len(old) :]
    return table


NAMES = """
import json
from django.db import connection
names = set()
with connection.cursor() as cursor:
    if connection.vendor == "sqlite":
        cursor.execute(
            "SELECT tbl_name, name FROM sqlite_master WHERE type = 'index' "
            "AND name NOT LIKE 'sqlite_autoindex%'"
        )
        names = {f"{table}: {name}" for table, name in cursor.fetchall()}
    else:
        for table in connection.introspection.table_names(cursor):
            names |= {
                f"{table}: {name}"
                for name in connection.introspection.get_constraints(cursor, table)
            }
            names |= {
                f"{table}: {sequence['name']}"
                for sequence in connection.introspection.get_sequences(cursor, table)
            }
print(json.dumps(sorted(n for n in names if n.startswith("minimum_standards"))))
"""


def schema_names(database_url: str) -> list[str]:
    """The names of the tracker's tables' indexes, constraints and sequences."""
    return json.loads(manage(database_url, "shell", "--no-imports", "-c", NAMES).stdout)


FACTS = """
import json
from django.contrib.auth.models import Group
from django.test import Client
from wagtail_minimum_standards.compliance.models import Question, RoleGroup, SelfAssessment
advisory = Group.objects.get(name="Advisory Group")
client = Client(HTTP_HOST="localhost")
client.force_login(advisory.user_set.first())
ratified = SelfAssessment.objects.get(status="ratified")
report = client.get(f"/admin/minimum_standards/assessment/{ratified.pk}/")
from wagtail.models import Page
page = Page.objects.get(slug="how-we-are-doing")
public = Client(HTTP_HOST="localhost").get(page.url)
# New rows after the move: the renamed tables' id sequences carry on from the old ones.
from django.conf import settings
settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
rating = ratified.ratings.get(standard__code="1.3")
before = Question.objects.order_by("-pk").first().pk
asked = client.post(
    f"/admin/minimum_standards/question/ask/rating/{rating.pk}/", {"text": "Still true?"}
)
question = Question.objects.order_by("-pk").first()
print(json.dumps({
    "asked": asked.status_code,
    "new_question": question.pk > before and question.history.count() == 1,
    "subjects": sorted(str(q.subject) for q in Question.objects.all()),
    "advisory_reads": advisory.user_set.first().has_perm("minimum_standards.view_selfassessment"),
    "advisory_record": RoleGroup.objects.filter(group=advisory, made_by_tracker=False).exists(),
    "report": report.status_code,
    "report_shows": "Limited funding from Children" in report.content.decode(),
    "page_type": page.specific_class._meta.label,
    "page_shows": public.status_code == 200 and "Compliant (C)" in public.content.decode(),
    "revision_type": page.revisions.last().as_object()._meta.label,
}))
"""


def test_a_database_made_by_0_1_is_refused_with_what_to_do_then_moved_whole(made_by_0_1):
    before = made_by_0_1.counts()
    assert before["compliance_rating"] > 0 and before["plans_planitem"] > 0

    refused = manage(made_by_0_1.url, "migrate", "--noinput")
    assert refused.returncode != 0
    assert "minimum_standards.E010" in refused.stderr
    assert "python manage.py minimum_standards_upgrade_labels" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert made_by_0_1.counts() == before  # migrate made nothing beside the data

    dry = manage(made_by_0_1.url, "minimum_standards_upgrade_labels", "--dry-run")
    assert "table compliance_rating → minimum_standards_rating" in dry.stdout
    assert made_by_0_1.counts() == before

    declined = manage(made_by_0_1.url, "minimum_standards_upgrade_labels", stdin="no\n")
    assert declined.returncode != 0 and "Nothing was changed." in declined.stderr
    assert made_by_0_1.counts() == before

    moved = manage(made_by_0_1.url, "minimum_standards_upgrade_labels", stdin="yes\n")
    assert moved.returncode == 0, moved.stderr
    migrated = manage(made_by_0_1.url, "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr

    after = made_by_0_1.counts()
    for table, rows in before.items():
        if table == "home_howwearedoingpage":
            assert after["minimum_standards_pages_howwearedoingpage"] == rows
            continue
        if table in ("django_migrations", "django_content_type") or table.startswith(
            ("auth_", "sqlite_", "wagtailsearch_indexentry_fts")  # SQLite's own, and FTS5's
        ):
            continue
        assert after[renamed(table)] == rows, table
    assert not any(table.startswith(tuple(OLD)) for table in after)
    facts = json.loads(manage(made_by_0_1.url, "shell", "--no-imports", "-c", FACTS).stdout)
    assert facts["advisory_reads"] and facts["advisory_record"]
    assert facts["report"] == 200 and facts["report_shows"]
    # The site's “How we are doing” page is now the tracker's page type (home 0007).
    assert (
        facts["page_type"] == facts["revision_type"] == "minimum_standards_pages.HowWeAreDoingPage"
    )
    assert facts["page_shows"]
    assert facts["asked"] == 302 and facts["new_question"]
    assert "1.6 in Self-Assessment Minimum Standards August 2022" in facts["subjects"]
    assert manage(made_by_0_1.url, "makemigrations", "--check", "--dry-run").returncode == 0
    again = manage(made_by_0_1.url, "minimum_standards_upgrade_labels")
    assert again.returncode != 0 and "Nothing to move" in again.stderr  # once
    # Every index, constraint and sequence has the name a database made afresh gives it.
    fresh = made_by_0_1.fresh()
    assert manage(fresh, "migrate", "--noinput").returncode == 0
    upgraded, made_afresh = set(schema_names(made_by_0_1.url)), set(schema_names(fresh))
    assert sorted(upgraded - made_afresh) == sorted(made_afresh - upgraded) == []


def test_a_move_interrupted_before_its_migrations_is_finished_by_migrate(tmp_path):
    """The renaming commits on its own; should the command stop there, migrate does the rest,
    recording which groups held the tracker's permissions (minimum_standards 0002)."""
    copy = SQLiteCopy(tmp_path)
    moved_only = "from django.db import connection\n" + (
        "from wagtail_minimum_standards.compliance.old_labels import move\nmove(connection)\n"
    )
    assert manage(copy.url, "shell", "--no-imports", "-c", moved_only).returncode == 0

    again = manage(copy.url, "minimum_standards_upgrade_labels", "--no-input")
    migrated = manage(copy.url, "migrate", "--noinput")
    records = manage(
        copy.url,
        "shell",
        "--no-imports",
        "-c",
        "from wagtail_minimum_standards.compliance.models import RoleGroup\n"
        "print(sorted(r.group.name for r in RoleGroup.objects.filter(predates_record=True)))",
    )

    assert again.returncode != 0
    assert "Nothing to move" in again.stderr and "Run “python manage.py migrate”" in again.stderr
    assert migrated.returncode == 0, migrated.stderr
    assert records.stdout.strip() == "['Advisory Group', 'Service manager']"


def test_a_database_midway_through_0_1s_own_migrations_is_refused_with_the_steps(tmp_path):
    copy = SQLiteCopy(tmp_path)
    with sqlite3.connect(copy.path) as connection:
        connection.execute(
            "DELETE FROM django_migrations WHERE app IN ('compliance', 'plans') "
            "AND name != '0001_initial'"
        )

    refused = manage(copy.url, "migrate", "--noinput")
    command = manage(copy.url, "minimum_standards_upgrade_labels", "--no-input")

    assert refused.returncode != 0 and "minimum_standards.E010" in refused.stderr
    assert "First finish 0.1's own migrations" in refused.stderr
    assert command.returncode != 0 and "First finish 0.1's own migrations" in command.stderr
