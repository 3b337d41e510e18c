"""The README's first two commands as a fresh machine runs them: `make run` serves where PORT
and HOST say, and `make test` gets a PostgreSQL server of its own (tests/with_postgres.sh)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WITH_POSTGRES = ROOT / "tests" / "with_postgres.sh"
ASK = "import os, sys; print(os.environ.get('DATABASE_URL', 'none')); sys.exit(7)"


def debian_postgres() -> bool:
    return any(Path("/usr/lib/postgresql").glob("*/bin/initdb"))


def dry_run(*arguments: str) -> str:
    """What make would run (-n), with .venv taken as installed (-o: its stamp not remade)."""
    stamp = next(ROOT.glob(".venv/.installed-*"), None)
    old = ["-o", str(stamp.relative_to(ROOT))] if stamp else []
    result = subprocess.run(
        ["make", "-n", *old, *arguments], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout


@pytest.mark.skipif(not shutil.which("make"), reason="needs make")
def test_make_run_serves_on_the_port_and_address_given():
    assert "runserver 127.0.0.1:8000" in dry_run("run")
    planned = dry_run("run", "PORT=8123", "HOST=0.0.0.0")
    assert "runserver 0.0.0.0:8123" in planned
    assert "http://0.0.0.0:8123/" in planned


@pytest.mark.skipif(not shutil.which("make"), reason="needs make")
def test_make_test_runs_pytest_through_the_throwaway_cluster():
    assert "tests/with_postgres.sh .venv/bin/pytest -x" in dry_run("test", "PYTEST_ARGS=-x")


def run_with_postgres(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(WITH_POSTGRES), "python3", "-c", ASK], env=env, capture_output=True, text=True
    )


@pytest.mark.skipif(not debian_postgres(), reason="needs PostgreSQL (apt-get install postgresql)")
def test_a_throwaway_cluster_is_started_used_and_removed():
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["TMPDIR"] = str(Path(os.environ.get("TMPDIR", "/tmp")))
    before = set(Path(env["TMPDIR"]).glob("sendias-pg.*"))
    result = run_with_postgres(env)
    assert result.returncode == 7, result.stderr  # the command's own status
    url = result.stdout.strip()
    assert url.startswith("postgres://postgres@127.0.0.1:") and url.endswith("/sendias")
    assert "A throwaway PostgreSQL cluster" in result.stderr
    assert set(Path(env["TMPDIR"]).glob("sendias-pg.*")) == before  # removed afterwards


def test_a_server_of_ones_own_is_used_as_it_is():
    env = {**os.environ, "DATABASE_URL": "postgres://someone@db.example:5432/mine"}
    result = run_with_postgres(env)
    assert (result.returncode, result.stdout.strip()) == (7, env["DATABASE_URL"])


def test_without_postgresql_it_says_what_to_install_and_runs_on_sqlite(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["POSTGRES_BIN"] = str(tmp_path)  # a folder with no initdb in it
    result = run_with_postgres(env)
    assert (result.returncode, result.stdout.strip()) == (7, "none")
    assert "apt-get install postgresql" in result.stderr
    assert "README, Testing" in result.stderr
