#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into an EMPTY database (DATABASE_URL) and the
# uploaded-files folder (MEDIA_ROOT). Checks the backup's checksums first; the database is
# restored in one transaction, so a failure leaves it empty.
#
#   deploy/restore.sh BACKUP_FOLDER     (DATABASE_URL and MEDIA_ROOT from the environment)
#
# Then run `python manage.py migrate` (a newer release may add migrations). README, "Backups".
set -euo pipefail
backup=${1:?usage: deploy/restore.sh BACKUP_FOLDER}
: "${DATABASE_URL:?DATABASE_URL is not set}" "${MEDIA_ROOT:?MEDIA_ROOT is not set}"

(cd "$backup" && sha256sum --check --quiet SHA256SUMS)
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname "$DATABASE_URL" "$backup/database.dump"
mkdir -p "$MEDIA_ROOT"
tar --extract --gzip --file "$backup/media.tar.gz" --directory "$MEDIA_ROOT"
echo "Restored $backup"
