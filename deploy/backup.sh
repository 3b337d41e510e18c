#!/usr/bin/env bash
# Back up Sendias Bathnes: the whole database (pg_dump, custom format: every record and its
# change history) and the uploaded files (MEDIA_ROOT), into a new dated folder of DESTINATION.
# Keeps the newest $KEEP (default 14, at least 1) backups there. Prints the new folder.
#
#   deploy/backup.sh DESTINATION        (DATABASE_URL and MEDIA_ROOT from the environment)
#
# Restore with deploy/restore.sh. README, "Backups".
set -euo pipefail
destination=${1:?usage: deploy/backup.sh DESTINATION}
: "${MEDIA_ROOT:?MEDIA_ROOT is not set}"
keep=${KEEP:-14}
[[ $keep =~ ^[1-9][0-9]*$ ]] || { echo "KEEP must be a whole number, 1 or more" >&2; exit 1; }
# A missing folder would back up nothing, night after night, until no good copy was left.
[ -d "$MEDIA_ROOT" ] || { echo "MEDIA_ROOT ($MEDIA_ROOT) is not a folder: nothing backed up" >&2; exit 1; }
. "$(dirname "$0")/libpq-env.sh"
if [ -n "${S3_BUCKET:-}" ]; then
    echo "Uploaded files are in the bucket $S3_BUCKET, not in this backup: keep the bucket versioned (README, Several servers)" >&2
fi

umask 077  # personal data: readable by this user only
folder="$destination/$(date -u +%Y-%m-%dT%H%M%SZ)"
trap 'rm -rf -- "$folder.partial"' EXIT  # a failed backup leaves nothing half-written
mkdir -p "$folder.partial"
pg_dump --format=custom --no-owner --no-privileges --file "$folder.partial/database.dump"
tar --create --gzip --file "$folder.partial/media.tar.gz" --directory "$MEDIA_ROOT" .
(cd "$folder.partial" && sha256sum database.dump media.tar.gz > SHA256SUMS)
mv "$folder.partial" "$folder"

# Only complete backups count; the oldest beyond $keep go.
find "$destination" -mindepth 1 -maxdepth 1 -type d -name '20*Z' | sort | head -n "-$keep" |
    while read -r old; do rm -rf -- "$old"; done
echo "$folder"
