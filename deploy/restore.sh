#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into an EMPTY database (DATABASE_URL) and an
# empty or missing uploaded-files folder (MEDIA_ROOT). Checks the backup's checksums first;
# the database is restored in one transaction, so a failure leaves it empty.
#
#   deploy/restore.sh BACKUP_FOLDER     (DATABASE_URL and MEDIA_ROOT from the environment)
#
# Then run `python manage.py migrate` (a newer release may add migrations). README, "Backups".
set -euo pipefail
backup=${1:?usage: deploy/restore.sh BACKUP_FOLDER}
: "${MEDIA_ROOT:?MEDIA_ROOT is not set}"
. "$(dirname "$0")/libpq-env.sh"

(cd "$backup" && sha256sum --check --quiet SHA256SUMS)
tables=$(psql --no-psqlrc --tuples-only --no-align \
    --command "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
if [ "$tables" != "0" ]; then
    echo "The database $PGDATABASE is not empty ($tables tables): restore into a new, empty one." >&2
    exit 1
fi
if [ -d "$MEDIA_ROOT" ] && [ -n "$(ls -A "$MEDIA_ROOT")" ]; then
    echo "MEDIA_ROOT ($MEDIA_ROOT) is not empty: restore into an empty or new folder." >&2
    exit 1
fi
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname "$PGDATABASE" "$backup/database.dump"
mkdir -p "$MEDIA_ROOT"
tar --extract --gzip --file "$backup/media.tar.gz" --directory "$MEDIA_ROOT"
echo "Restored $backup"
