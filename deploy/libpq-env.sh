# Sourced by deploy/backup.sh and deploy/restore.sh: turns DATABASE_URL into libpq's own
# variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE), so that pg_dump and
# pg_restore get the password from their environment, never on a command line that any
# local user could read with ps.
: "${DATABASE_URL:?DATABASE_URL is not set}"
eval "$(python3 - <<'PY'
import os
import shlex
from urllib.parse import parse_qs, unquote, urlsplit

url = urlsplit(os.environ["DATABASE_URL"])
values = {
    "PGHOST": unquote(url.hostname or ""),
    "PGPORT": str(url.port or ""),
    "PGUSER": unquote(url.username or ""),
    "PGPASSWORD": unquote(url.password or ""),
    "PGDATABASE": unquote(url.path.lstrip("/")),
    "PGSSLMODE": parse_qs(url.query).get("sslmode", [""])[0],
}
for name, value in values.items():
    if value:
        print(f"export {name}={shlex.quote(value)}")
PY
)"
unset DATABASE_URL
