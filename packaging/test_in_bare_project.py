"""Install the tracker's wheel (dist/) into a bare Wagtail project, as a service with its own site
would, set it up as docs/plugin.md says, and run the tracker's own suite (tests/tracker) there.

    python packaging/test_in_bare_project.py --python 3.13 [options]

Wagtail (and Django, if given) is installed first, the wheel second, and the second install must
change no version the first chose (a site's Django is never up- or downgraded by the tracker).
Options shape the host project: see --help. `make test-plugin` runs CI's matrix (docs/plugin.md).
Standard library only: it runs before any environment exists.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import tomllib
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
PLUGIN = ROOT / "packaging" / "wagtail-minimum-standards"
APPS = (
    "wagtail_minimum_standards.compliance",
    "wagtail_minimum_standards.figures",
    "wagtail_minimum_standards.plans",
    "wagtail_minimum_standards.compliance.pages",
)
# factory-boy: the figures' tests make their measures and years with it (figure_factories.py).
TEST_TOOLS = ["pytest>=8,<10", "pytest-django>=4.9,<5", "factory-boy>=3.3,<4"]


def say(message: str) -> None:
    print(f"--- {message}", flush=True)


def run(*command, cwd=None, env=None, check=True, capture=False) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        text=True,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.PIPE,
    )
    # A machine whose pip.conf names local indexes that lack a package says so for each one.
    noise = re.compile(r"^WARNING: Location '.*' is ignored")
    stderr = "".join(line for line in done.stderr.splitlines(True) if not noise.match(line))
    if stderr and not (capture and done.returncode == 0):
        print(stderr, end="", file=sys.stderr, flush=True)
    done.stderr = stderr
    if check and done.returncode != 0:
        if capture:
            print(done.stdout, file=sys.stderr)
        raise SystemExit(f"failed ({done.returncode}): {' '.join(map(str, command))}")
    return done


def find_python(version: str) -> str:
    """python3.X on PATH, or pyenv's newest 3.X."""
    found = shutil.which(f"python{version}")
    if found and subprocess.run([found, "--version"], capture_output=True).returncode == 0:
        return found  # (a pyenv shim of a version not selected fails)
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates = sorted(
        pyenv.glob(f"{version}.*/bin/python3"),
        key=lambda p: [int(n) for n in re.findall(r"\d+", p.parts[-3])],
    )
    if not candidates:
        raise SystemExit(f"No Python {version} here (nor in pyenv)")
    return str(candidates[-1])


def lowest_constraints(path: Path) -> Path:
    """The oldest release of each dependency the wheel allows: `name>=X` (or `name>=X,<Y`)
    pinned to `name==X`."""
    dependencies = tomllib.loads((PLUGIN / "pyproject.toml").read_text())["project"]["dependencies"]
    pins = []
    for requirement in dependencies:
        found = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)(?:,<[0-9.]+)?", requirement)
        name, lowest = found.groups()
        pins.append(f"{name}=={lowest}")
    path.write_text("\n".join(pins) + "\n")
    return path


def versions(python: str) -> dict:
    listed = run(python, "-m", "pip", "list", "--format=json", capture=True).stdout
    return {package["name"].lower(): package["version"] for package in json.loads(listed)}


def install(python: str, args, work: Path) -> dict:
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if args.lowest:
        pip += ["--constraint", lowest_constraints(work / "lowest.txt")]
        say(
            "the oldest release of each dependency: "
            + (work / "lowest.txt").read_text().replace("\n", " ")
        )
    first = [args.wagtail, *([args.django] if args.django else []), *TEST_TOOLS]
    first += ["psycopg[binary]"] if args.postgresql else []
    first += ["django-plans"] if args.beside_django_plans else []
    say("pip install " + " ".join(first))
    run(*pip, *first)
    before = versions(python)
    wheel = next((ROOT / "dist").glob("wagtail_minimum_standards-*.whl"))
    say(f"pip install {wheel.name}")
    run(*pip, wheel)
    after = versions(python)
    changed = {name: (v, after.get(name)) for name, v in before.items() if after.get(name) != v}
    if changed:
        raise SystemExit(f"Installing the wheel changed what the site had installed: {changed}")
    say(", ".join(f"{n} {after[n]}" for n in ("wagtail", "django", "wagtail-minimum-standards")))
    return after


def no_shared_files(python: str) -> None:
    """django-plans and the tracker install side by side: no file of one is a file of the other."""
    script = textwrap.dedent(
        """
        from importlib.metadata import files
        ours = {str(f) for f in files("wagtail-minimum-standards") if ".dist-info" not in str(f)}
        theirs = {str(f) for f in files("django-plans") if ".dist-info" not in str(f)}
        assert ours and theirs
        assert not ours & theirs, sorted(ours & theirs)[:10]
        import plans, wagtail_minimum_standards.plans as tracker_plans
        assert "wagtail_minimum_standards" not in plans.__file__, plans.__file__
        print(f"{len(ours)} files of ours, {len(theirs)} of django-plans, none shared")
        """
    )
    run(python, "-c", script)


def settings_block(docs: Path) -> str:
    """The settings docs/plugin.md tells a site to add ("Install"), exactly as written there."""
    marker = "# wagtail-minimum-standards: the compliance and delivery-plan tracker"
    for block in re.findall(r"```python\n(.*?)```", docs.read_text(), re.S):
        if block.startswith(marker):
            return block
    raise SystemExit(f"docs/plugin.md has no ```python block starting {marker!r}")


LOCAL_APP_MODEL = '''from django.db import models


class {name}(models.Model):
    """The host's own app, by the name the tracker's apps had before 0.2."""

    title = models.CharField(max_length=100)
'''

CUSTOM_DOCUMENT = """from wagtail.documents.models import AbstractDocument, Document


class CustomDocument(AbstractDocument):
    source = models.CharField(max_length=200, blank=True)
    admin_form_fields = (*Document.admin_form_fields, "source")
"""

DJANGO_PLANS_SETTINGS = """
INSTALLED_APPS += ["ordered_model", "sequences", "plans"]
PLANS_CURRENCY = "GBP"
PLANS_DEFAULT_COUNTRY = "GB"
PLANS_TAX = None
PLANS_INVOICE_ISSUER = {
    "issuer_name": "A host site", "issuer_street": "1 Street", "issuer_zipcode": "BA1 1AA",
    "issuer_city": "Bath", "issuer_country": "GB", "issuer_tax_number": "",
}
"""


def make_project(python: str, bin_dir: Path, args, work: Path) -> Path:
    run(bin_dir / "wagtail", "start", "bare", cwd=work, capture=True)
    project = work / "bare"
    settings = project / "bare" / "settings" / "base.py"
    text = settings.read_text()
    if args.no_admin_base_url:
        text = re.sub(r"\nWAGTAILADMIN_BASE_URL = .*\n", "\n", text)
    text += "\n\n" + settings_block(ROOT / "docs" / "plugin.md")
    manage = [python, "manage.py"]
    if args.local_apps:
        for name in ("plans", "compliance"):
            run(*manage, "startapp", name, cwd=project)
            (project / name / "models.py").write_text(LOCAL_APP_MODEL.format(name=name.title()))
        text += '\nINSTALLED_APPS += ["plans", "compliance"]  # the host\'s own apps\n'
    if args.custom_document_model:
        run(*manage, "startapp", "documents", cwd=project)
        models = project / "documents" / "models.py"
        models.write_text(models.read_text() + "\n\n" + CUSTOM_DOCUMENT)
        text += '\nINSTALLED_APPS.insert(0, "documents")\n'
        text += 'WAGTAILDOCS_DOCUMENT_MODEL = "documents.CustomDocument"\n'
    if args.beside_django_plans:
        text += DJANGO_PLANS_SETTINGS
    settings.write_text(text)
    if args.local_apps or args.custom_document_model:
        run(*manage, "makemigrations", "-v0", cwd=project)
    return project


def database_env(args, work: Path) -> tuple[dict, callable]:
    """The environment that points the project at its database, and how to drop it after."""
    if not args.postgresql:
        return {}, lambda: None
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith(("postgres://", "postgresql://")):
        raise SystemExit("--postgresql needs DATABASE_URL naming a PostgreSQL server")
    name = f"tracker_bare_{os.getpid()}"
    parts = urlsplit(server)
    url = urlunsplit(parts._replace(path=f"/{name}"))
    sql = ["psql", "--quiet", "--dbname", server, "-c"]
    run(*sql, f'DROP DATABASE IF EXISTS "{name}"')
    run(*sql, f'CREATE DATABASE "{name}"')
    return {"TRACKER_TEST_DATABASE_URL": url}, lambda: run(
        *sql, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', check=False
    )


POSTGRESQL_SETTINGS = """
INSTALLED_APPS += ["django.contrib.postgres"]  # Wagtail's search needs it on PostgreSQL
import os as _os
from urllib.parse import urlsplit as _urlsplit

if _os.environ.get("TRACKER_TEST_DATABASE_URL"):
    _url = _urlsplit(_os.environ["TRACKER_TEST_DATABASE_URL"])
    DATABASES = {"default": {
        "ENGINE": "django.db.backends.postgresql", "NAME": _url.path.lstrip("/"),
        "USER": _url.username or "", "PASSWORD": _url.password or "",
        "HOST": _url.hostname or "", "PORT": _url.port or "",
    }}
"""


def set_up(python: str, project: Path, args, env: dict) -> None:
    manage = [python, "manage.py"]
    checked = run(*manage, "check", "--fail-level", "ERROR", cwd=project, env=env, capture=True)
    warnings = re.findall(r"\((minimum_standards\.\w+)\)", checked.stdout + checked.stderr)
    expected = ["minimum_standards.W001"] if args.no_admin_base_url else []
    if warnings != expected:
        raise SystemExit(f"manage.py check: the tracker said {warnings}, expected {expected}")
    # The tracker's migrations fit its models in this project (another package's own may not).
    labels = ["minimum_standards", "minimum_standards_figures", "minimum_standards_plans"]
    run(*manage, "makemigrations", "--check", "--dry-run", *labels, cwd=project, env=env)
    run(*manage, "migrate", "--noinput", "-v0", cwd=project, env=env)
    run(*manage, "collectstatic", "--noinput", "-v0", cwd=project, env=env)
    run(
        *manage,
        "minimum_standards_import_framework",
        "--builtin",
        "iass-2018",
        cwd=project,
        env=env,
    )
    run(
        python,
        "-c",
        "import wagtail_minimum_standards as t; assert '/site-packages/' in t.__file__, t.__file__",
        cwd=project,
    )


def run_suite(python: str, project: Path, env: dict) -> None:
    shutil.copytree(ROOT / "tests" / "tracker", project / "tracker_tests", dirs_exist_ok=True)
    (project / "pytest.ini").write_text(
        "[pytest]\nDJANGO_SETTINGS_MODULE = bare.settings.dev\ntestpaths = tracker_tests\n"
        "addopts = -p no:cacheprovider -q\n"
    )
    run(python, "-m", "pytest", cwd=project, env=env)


MAKE_A_READER = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
reader = get_user_model().objects.create_user("former-reader")
reader.groups.add(Group.objects.get(name="Minimum standards reader"))
"""

UNINSTALLED = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
client = Client()
client.force_login(get_user_model().objects.get(username="former-reader"))
tables = connection.introspection.table_names()
print(json.dumps({
    "groups": sorted(Group.objects.values_list("name", flat=True)),
    "tables": [t for t in tables if t.startswith("minimum_standards")],
    "permissions": Permission.objects.filter(
        content_type__app_label__startswith="minimum_standards"
    ).count(),
    "admin": client.get("/admin/").status_code,
}))
"""


def uninstall(python: str, project: Path, env: dict) -> None:
    """docs/plugin.md "Uninstalling", step by step, then what is left."""
    manage = [python, "manage.py"]
    run(*manage, "shell", "-v0", "-c", MAKE_A_READER, cwd=project, env=env)
    said = run(
        *manage, "minimum_standards_uninstall", "--no-input", cwd=project, env=env, capture=True
    )
    print(said.stdout)
    run(*manage, "migrate", "minimum_standards", "zero", "--noinput", "-v0", cwd=project, env=env)
    settings = project / "bare" / "settings" / "base.py"
    text = settings.read_text()
    for app in APPS:
        text = text.replace(f'    "{app}",\n', "")
    settings.write_text(text)
    run(
        *manage,
        "remove_stale_contenttypes",
        "--include-stale-apps",
        "--no-input",
        cwd=project,
        env=env,
    )
    run(*manage, "check", cwd=project, env=env)
    facts = json.loads(
        run(*manage, "shell", "-v0", "-c", UNINSTALLED, cwd=project, env=env, capture=True).stdout
    )
    assert not any(name.startswith("Minimum standards") for name in facts["groups"]), facts
    assert facts["tables"] == [] and facts["permissions"] == 0, facts
    assert facts["admin"] == 302, facts  # the former Advisory Group member is sent to sign in
    say(f"uninstalled: groups left {facts['groups']}, no tracker table, /admin/: {facts['admin']}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--python", required=True, help="e.g. 3.11")
    parser.add_argument(
        "--wagtail", default="wagtail", help='a requirement, e.g. "wagtail>=7.4,<7.5"'
    )
    parser.add_argument("--django", help='a requirement, e.g. "Django>=6.0,<6.1"')
    parser.add_argument("--lowest", action="store_true", help="the oldest allowed dependencies")
    parser.add_argument(
        "--postgresql", action="store_true", help="a database on DATABASE_URL's server"
    )
    parser.add_argument("--also-sqlite", action="store_true", help="with --postgresql: SQLite too")
    parser.add_argument(
        "--local-apps", action="store_true", help="the host has apps plans, compliance"
    )
    parser.add_argument("--custom-document-model", action="store_true")
    parser.add_argument("--beside-django-plans", action="store_true")
    parser.add_argument("--no-admin-base-url", action="store_true")
    parser.add_argument("--uninstall", action="store_true", help="then uninstall, as documented")
    args = parser.parse_args()

    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="tracker-bare-"))
    cleanup = lambda: None  # noqa: E731
    try:
        python = find_python(args.python)
        run(python, "-m", "venv", work / "venv")
        bin_dir = work / "venv" / "bin"
        venv_python = str(bin_dir / "python")
        run(venv_python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        install(venv_python, args, work)
        if args.beside_django_plans:
            no_shared_files(venv_python)
        project = make_project(venv_python, bin_dir, args, work)
        env, cleanup = database_env(args, work)
        if args.postgresql:
            settings = project / "bare" / "settings" / "base.py"
            settings.write_text(settings.read_text() + POSTGRESQL_SETTINGS)
        databases = [env] + ([{}] if args.postgresql and args.also_sqlite else [])
        for database in databases:
            say("on " + ("PostgreSQL" if database else "SQLite"))
            set_up(venv_python, project, args, database)
            run_suite(venv_python, project, database)
        if args.uninstall:
            uninstall(venv_python, project, databases[-1])
    finally:
        cleanup()
        shutil.rmtree(work, ignore_errors=True)
    say(f"done in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
