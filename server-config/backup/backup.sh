#!/usr/bin/env bash
# Backs up Project Spark into a folder of its own with a manifest (sizes and SHA-256 sums):
#
#   server-config/backup/backup.sh [--full] [--to DIR] [--s3 s3://bucket/prefix] [--no-prune] [--if-exists]
#
#   database     database.dump: pg_dump's custom format (-Fc), one consistent snapshot taken while the server runs
#   --full       also uploads.tar.gz (the files of STORAGE_PROVIDER=local: UPLOAD_DIR/blobs) and config.tar.gz
#                (server-config/ of this checkout, the names of the domain's password aliases and of the settings
#                in .env: names only, never a value)
#   --if-exists  a database that does not exist yet (a first install) is no error: nothing to back up
#
# Backups go to BACKUP_DIR/db/<UTC stamp> or BACKUP_DIR/full/<UTC stamp>; the manifest is written last, so a
# folder without one is an unfinished backup (restore.sh refuses it). Afterwards backups older than
# BACKUP_RETENTION_DAYS (db, 30) and BACKUP_FULL_RETENTION_DAYS (full, 7) are deleted; the newest of each kind
# is always kept. With --s3 or BACKUP_S3_URL the folder is copied to S3 with the aws CLI (AWS_S3_ENDPOINT for an
# S3-compatible store). Prints the backup's folder on the last line.
# Settings: DATABASE_URL, BACKUP_DIR, BACKUP_RETENTION_DAYS, BACKUP_FULL_RETENTION_DAYS, BACKUP_S3_URL,
# STORAGE_PROVIDER, UPLOAD_DIR, AWS_S3_ENDPOINT (see docs/operations.md, "Backup and restore").
set -euo pipefail
umask 077 # a backup holds every user's data: readable by its owner only

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/server-config/backup/common.sh"

KIND=db
DEST=${BACKUP_DIR:-/var/backups/project-spark}
S3=${BACKUP_S3_URL:-}
PRUNE=true
IF_EXISTS=false
while [ $# -gt 0 ]; do
  case "$1" in
    --full) KIND=full; shift ;;
    --to) DEST=$2; shift 2 ;;
    --s3) S3=$2; shift 2 ;;
    --no-prune) PRUNE=false; shift ;;
    --if-exists) IF_EXISTS=true; shift ;;
    *) die "unknown option $1 (usage: backup.sh [--full] [--to DIR] [--s3 s3://bucket/prefix] [--no-prune] [--if-exists])" ;;
  esac
done
DB_DAYS=${BACKUP_RETENTION_DAYS:-30}
FULL_DAYS=${BACKUP_FULL_RETENTION_DAYS:-7}
[[ "$DB_DAYS" =~ ^[0-9]+$ && "$FULL_DAYS" =~ ^[0-9]+$ ]] || die "BACKUP_RETENTION_DAYS and BACKUP_FULL_RETENTION_DAYS are whole days"

database_settings
if $IF_EXISTS && [ "$(psql -XAtq --no-password -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$PGDATABASE'")" = 0 ]; then
  say "database $PGDATABASE does not exist yet: nothing to back up"; exit 0
fi
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
DIR="$DEST/$KIND/$STAMP"
mkdir -p "$DIR"
say "$KIND backup of $SPARK_DB_SAFE into $DIR"

# one snapshot of the whole database: pg_dump runs in a single repeatable-read transaction
started=$SECONDS
pg_dump --format=custom --compress=6 --no-password --file="$DIR/database.dump" \
  || { rm -rf "$DIR"; die "pg_dump failed; nothing was kept"; }
say "database: $(du -h "$DIR/database.dump" | cut -f1) in $((SECONDS - started)) s"

if [ "$KIND" = full ]; then
  if [ "${STORAGE_PROVIDER:-local}" = local ]; then
    uploads=$(upload_dir)
    if [ -d "$uploads/blobs" ]; then
      # blobs only: files never change once written; partial/ and tmp/ are uploads still arriving
      tar -czf "$DIR/uploads.tar.gz" -C "$uploads" blobs
      say "uploads: $(find "$uploads/blobs" -type f | wc -l) files from $uploads/blobs"
    else
      say "uploads: $uploads/blobs does not exist (no file uploaded yet); none kept"
    fi
  else
    say "uploads: STORAGE_PROVIDER=${STORAGE_PROVIDER} keeps them in the bucket; back the bucket up with its versioning or replication"
  fi

  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/config"
  cp -r "$ROOT/server-config/asadmin" "$ROOT/server-config/provision.sh" "$work/config/"
  asadmin=${PAYARA_HOME:-$ROOT/build/payara6}/bin/asadmin
  if [ -x "$asadmin" ] && "$asadmin" --port "${ADMIN_PORT:-4848}" list-password-aliases > "$work/aliases" 2>/dev/null; then
    grep -v '^Command\|^Nothing to list' "$work/aliases" > "$work/config/password-alias-names.txt" || true
  else
    echo "# the domain was not running: aliases not listed (provision.sh makes spark-db-password, spark-read-db-password, spark-smtp-password)" \
      > "$work/config/password-alias-names.txt"
  fi
  if [ -f "$ROOT/.env" ]; then
    sed -nE 's/^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=.*/\2/p' "$ROOT/.env" > "$work/config/env-setting-names.txt"
  fi
  git -C "$ROOT" rev-parse HEAD > "$work/config/source-revision.txt" 2>/dev/null || true
  tar -czf "$DIR/config.tar.gz" -C "$work" config
  say "configuration: server-config/, $(grep -vc '^#' "$work/config/password-alias-names.txt") password alias names"
fi

write_manifest "$DIR" "$KIND" "$STAMP"
say "manifest: $(grep -c '"sha256"' "$DIR/manifest.json") files, $(du -sh "$DIR" | cut -f1)"

if [ -n "$S3" ]; then
  command -v aws >/dev/null || die "the aws CLI is needed for --s3 (the backup itself is in $DIR)"
  aws s3 cp --recursive --only-show-errors ${AWS_S3_ENDPOINT:+--endpoint-url "$AWS_S3_ENDPOINT"} \
    "$DIR" "${S3%/}/$KIND/$STAMP/" || die "copy to ${S3%/}/$KIND/$STAMP/ failed (the backup itself is in $DIR)"
  say "copied to ${S3%/}/$KIND/$STAMP/"
fi

if $PRUNE; then
  prune "$DEST/db" "$DB_DAYS"
  prune "$DEST/full" "$FULL_DAYS"
fi
echo "$DIR"
