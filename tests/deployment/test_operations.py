"""What a deployer runs besides the site: the timers' commands, backup and restore, and the
README's steps, which must name the files in deploy/ exactly."""

import re
import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest

from .stack import DEPLOY, ROOT, create_database, drop_database, unit_exec_start


@pytest.mark.parametrize(
    ("unit", "says"),
    [
        ("sendias-delete-old-enquiries.service", r"Deleted \d+ enquir(y|ies) older than 365 days"),
        ("sendias-review-reminders.service", r"Sent \d+ reminder\(s\) for meetings on"),
    ],
)
def test_the_timers_commands_run_under_the_production_settings(stack, unit, says):
    result = stack.run(unit_exec_start(unit))

    assert re.search(says, result.stdout), result.stdout + result.stderr
    timer = (DEPLOY / "systemd" / unit.replace(".service", ".timer")).read_text()
    assert "OnCalendar=" in timer and "Persistent=true" in timer


TABLES = [
    "minimum_standards_selfassessment",
    "minimum_standards_rating",
    "minimum_standards_evidencelink",
    "minimum_standards_plans_planitem",
    "minimum_standards_plans_planaction",
    "minimum_standards_plans_progressupdate",
    "minimum_standards_historicalselfassessment",
    "minimum_standards_historicalrating",
    "minimum_standards_historicalevidencelink",
    "minimum_standards_plans_historicalplanitem",
    "minimum_standards_plans_historicalplanaction",
    "minimum_standards_plans_historicalprogressupdate",
    "wagtaildocs_document",
    "home_enquiry",
]


def snapshot(database_url) -> dict:
    with psycopg.connect(database_url) as connection:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in TABLES
        }


def test_a_backup_restores_into_a_fresh_database_whole(stack, tmp_path):
    manager = stack.seed["passwords"]["manager"]
    from .browser import Browser

    browser = Browser(stack, "127.0.0.80")
    assert browser.sign_in("manager", manager).status == 302  # a change of its own, just now
    backups = tmp_path / "backups"

    made = stack.run([str(DEPLOY / "backup.sh"), str(backups)])
    folder = Path(made.stdout.strip().splitlines()[-1])
    server = stack.env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    fresh = create_database(server, stack.database + "_restored")
    try:
        restored_env = {**stack.env, "DATABASE_URL": fresh, "MEDIA_ROOT": str(tmp_path / "media")}
        stack.run([str(DEPLOY / "restore.sh"), str(folder)], env=restored_env)
        migrate = stack.manage("migrate", "--check", env=restored_env, check=False)

        original, copy = snapshot(stack.env["DATABASE_URL"]), snapshot(fresh)
        assert migrate.returncode == 0, migrate.stdout + migrate.stderr
        for table in TABLES:
            assert copy[table] == original[table], table
        assert len(original["minimum_standards_historicalrating"]) > 40  # a real history came along
        evidence = stack.seed["evidence"]["file"]
        assert (tmp_path / "media" / evidence).read_bytes() == (
            stack.media_root / evidence
        ).read_bytes()
    finally:
        drop_database(server, stack.database + "_restored")
    assert sorted(p.name for p in folder.iterdir()) == [
        "SHA256SUMS",
        "database.dump",
        "media.tar.gz",
    ]
    assert oct(folder.stat().st_mode & 0o777) == "0o700"  # personal data: the owner's only


def test_a_damaged_backup_is_not_restored(stack, tmp_path):
    folder = Path(stack.run([str(DEPLOY / "backup.sh"), str(tmp_path)]).stdout.split()[-1])
    (folder / "media.tar.gz").write_bytes(b"not the backup")

    result = stack.run([str(DEPLOY / "restore.sh"), str(folder)], check=False)

    assert result.returncode != 0
    assert "FAILED" in result.stdout + result.stderr


def test_the_readme_deploys_with_exactly_these_files():
    readme = (ROOT / "README.md").read_text()
    deploying = readme.split("## Deploying", 1)[1].split("\n## ", 1)[0]
    shipped = subprocess.run(
        ["git", "ls-files", "deploy"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert len(shipped) >= 10

    for path in shipped:
        assert path in deploying, f"README's Deploying section does not use {path}"
    for named in set(re.findall(r"deploy/[\w./*-]+[\w*]", deploying)):
        assert list(ROOT.glob(named)), f"README names {named}, which is not in the repo"
    gunicorn = " ".join(unit_exec_start("sendias.service")).split("/bin/", 1)[1]
    assert gunicorn in deploying  # the command the README runs is the unit's


def test_the_database_password_is_never_on_a_command_line(stack, tmp_path):
    spy = tmp_path / "bin"
    spy.mkdir()
    real = shutil.which("pg_dump")
    (spy / "pg_dump").write_text(f'#!/bin/sh\necho "$@" >> {tmp_path}/argv\nexec {real} "$@"\n')
    (spy / "pg_dump").chmod(0o755)
    with_password = stack.env["DATABASE_URL"].replace("://postgres@", "://postgres:n0t-on-ps@")
    env = {**stack.env, "DATABASE_URL": with_password, "PATH": f"{spy}:{stack.env['PATH']}"}

    stack.run([str(DEPLOY / "backup.sh"), str(tmp_path / "backups")], env=env)

    argv = (tmp_path / "argv").read_text()
    assert "--format=custom" in argv
    assert "n0t-on-ps" not in argv and "postgres://" not in argv


def test_a_backup_of_nothing_or_a_restore_over_something_is_refused(stack, tmp_path):
    missing_media = {**stack.env, "MEDIA_ROOT": str(tmp_path / "no-such-folder")}
    no_media = stack.run([str(DEPLOY / "backup.sh"), str(tmp_path)], env=missing_media, check=False)
    keep_none = stack.run(
        [str(DEPLOY / "backup.sh"), str(tmp_path)], env={**stack.env, "KEEP": "0"}, check=False
    )
    folder = Path(stack.run([str(DEPLOY / "backup.sh"), str(tmp_path)]).stdout.split()[-1])
    over_the_site = stack.run([str(DEPLOY / "restore.sh"), str(folder)], check=False)

    assert no_media.returncode != 0 and "is not a folder: nothing backed up" in no_media.stderr
    assert (
        keep_none.returncode != 0 and "KEEP must be a whole number, 1 or more" in keep_none.stderr
    )
    assert over_the_site.returncode != 0 and "is not empty" in over_the_site.stderr
