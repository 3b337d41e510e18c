#!/usr/bin/env bash
# Install the tracker's wheel (dist/) into a bare Wagtail project, set it up as docs/plugin.md
# says, and run the tracker's own suite (tests/tracker) there.
#
#   packaging/test-in-bare-project.sh PYTHON WAGTAIL_SPEC DJANGO_SPEC
#   e.g. packaging/test-in-bare-project.sh python3.13 "wagtail>=8.0,<8.1" "Django>=6.0,<6.1"
#
# PYTHON may be a pyenv version's name (python3.13 finds ~/.pyenv/versions/3.13.*).
set -euo pipefail
python=${1:?usage: PYTHON WAGTAIL_SPEC DJANGO_SPEC} wagtail=${2:?} django=${3:?}
root=$(cd "$(dirname "$0")/.." && pwd)
wheel=$(ls "$root"/dist/wagtail_minimum_standards-*.whl)

if ! command -v "$python" >/dev/null 2>&1 || ! "$python" --version >/dev/null 2>&1; then
    found=$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"${python#python}"*/bin/python3 2>/dev/null | sort -V | tail -n 1)
    [ -n "$found" ] || { echo "No $python here (nor in pyenv)" >&2; exit 1; }
    python=$found
fi

work=$(mktemp -d /tmp/tracker-bare.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "--- $("$python" --version), $wagtail, $django: a bare project in $work"
"$python" -m venv "$work/venv"
bin=$work/venv/bin
export PIP_DISABLE_PIP_VERSION_CHECK=1
quiet() { "$@" 2> >(grep -v "^WARNING: Location" >&2); }  # this machine's pip.conf names local indexes
quiet "$bin/pip" install --quiet --upgrade pip
quiet "$bin/pip" install --quiet "$wagtail" "$django" "$wheel" "pytest>=8,<10" "pytest-django>=4.9,<5"
"$bin/pip" list 2>/dev/null | grep -iE "^(wagtail|django|wagtail-minimum-standards) " || true

cd "$work"
"$bin/wagtail" start bare >/dev/null
cd bare
"$bin/python" "$root/packaging/apply_plugin_settings.py" "$root/docs/plugin.md" bare/settings/base.py
"$bin/python" manage.py check --fail-level WARNING
"$bin/python" manage.py makemigrations --check --dry-run compliance plans  # the wheel's migrations fit
"$bin/python" manage.py migrate --noinput -v0
"$bin/python" manage.py collectstatic --noinput -v0  # Wagtail 7's template keeps a manifest
"$bin/python" manage.py import_framework --builtin iass-2018
# The tracker comes from the wheel, not from the repository.
"$bin/python" -c "import compliance, plans; assert '/site-packages/' in compliance.__file__ and '/site-packages/' in plans.__file__, compliance.__file__"

cp -R "$root/tests/tracker" tracker_tests
cat > pytest.ini <<'INI'
[pytest]
DJANGO_SETTINGS_MODULE = bare.settings.dev
testpaths = tracker_tests
addopts = -p no:cacheprovider -q
INI
"$bin/pytest"
