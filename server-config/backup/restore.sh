#!/usr/bin/env bash
# Restores a backup made by backup.sh, checking it before anything is touched:
#
#   server-config/backup/restore.sh FROM [--database NAME] [--replace] [--uploads-to DIR] [--no-uploads]
#
#   FROM            a backup folder (BACKUP_DIR/db/<stamp> or BACKUP_DIR/full/<stamp>) or its copy in S3
#                   (s3://bucket/prefix/full/<stamp>, fetched with the aws CLI first)
#   --database      the database to restore into (default: a new one, <name in DATABASE_URL>_restored_<stamp>);
#                   an existing database is refused unless --replace, which needs the application stopped: the old
#                   database is kept, renamed <name>_old_<UTC minute>
#   --uploads-to    where uploads.tar.gz goes (default: UPLOAD_DIR as the server resolves it, with
#                   STORAGE_PROVIDER=local); files already there are kept (a file's name is its content's hash)
#
# Order: the manifest's sizes and SHA-256 sums, then the dump's table of contents, then pg_restore into a scratch
# database in one transaction, and only then the scratch database is renamed to the target. A corrupted backup or
# a failed restore leaves every existing database as it was and no scratch database behind.
# The server to restore to is the one in DATABASE_URL (its user needs CREATEDB).
set -euo pipefail
umask 077

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/server-config/backup/common.sh"

usage="usage: restore.sh FROM [--database NAME] [--replace] [--uploads-to DIR] [--no-uploads]"
[ $# -ge 1 ] || die "$usage"
FROM=$1; shift
TARGET=
REPLACE=false
UPLOADS_TO=
UPLOADS=true
while [ $# -gt 0 ]; do
  case "$1" in
    --database) TARGET=$2; shift 2 ;;
    --replace) REPLACE=true; shift ;;
    --uploads-to) UPLOADS_TO=$2; shift 2 ;;
    --no-uploads) UPLOADS=false; shift ;;
    *) die "unknown option $1 ($usage)" ;;
  esac
done

database_settings
work=$(mktemp -d); scratch=
cleanup() {
  if [ -n "$scratch" ]; then dropdb --if-exists --no-password --maintenance-db=postgres "$scratch" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

case "$FROM" in
  s3://*)
    command -v aws >/dev/null || die "the aws CLI is needed to restore from S3"
    say "fetching ${FROM%/}/ from S3"
    aws s3 cp --recursive --only-show-errors ${AWS_S3_ENDPOINT:+--endpoint-url "$AWS_S3_ENDPOINT"} "${FROM%/}/" "$work/backup/" \
      || die "could not fetch $FROM; nothing was restored"
    DIR="$work/backup" ;;
  *)
    [ -d "$FROM" ] || die "$FROM is not a folder; nothing was restored"
    DIR=$(cd "$FROM" && pwd) ;;
esac
STAMP=$(sed -nE 's/.*"createdAt": "([0-9TZ]+)".*/\1/p' "$DIR/manifest.json" 2>/dev/null || true)

# 1. the backup is whole and unaltered
if ! problem=$(verify_manifest "$DIR"); then
  die "refused: $problem. The backup in $FROM is corrupted or incomplete; nothing was restored"
fi
pg_restore --list "$DIR/database.dump" > "$work/toc" 2>/dev/null \
  || die "refused: database.dump is not a readable pg_dump archive; nothing was restored"
say "backup $STAMP verified: $(grep '"sha256"' "$DIR/manifest.json" | wc -l) files match the manifest, $(grep -c ' TABLE DATA ' "$work/toc") tables in the dump"

# 2. where it goes
TARGET=${TARGET:-${PGDATABASE}_restored_${STAMP:-$(date -u +%Y%m%dT%H%M%SZ)}}
TARGET=$(tr 'A-Z' 'a-z' <<< "$TARGET")
# at most 46 characters, so that the names derived from it stay within PostgreSQL's 63
[[ "$TARGET" =~ ^[a-z_][a-z0-9_]{0,45}$ ]] || die "the database name '$TARGET' must be lower-case letters, digits and _ (at most 46); name one with --database"
sql() { psql -XAtq --no-password -d postgres -v ON_ERROR_STOP=1 "$@"; }
exists=$(sql -c "SELECT count(*) FROM pg_database WHERE datname = '$TARGET'")
if [ "$exists" = 1 ]; then
  $REPLACE || die "database $TARGET exists; name another (--database) or replace it with --replace once the application is stopped"
  in_use=$(sql -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$TARGET'")
  [ "$in_use" = 0 ] || die "database $TARGET has $in_use open connections: stop the application (./spark stop) before --replace"
fi

# 3. into a scratch database, in one transaction; the target is touched only once that has succeeded
scratch="${TARGET}_restoring"
dropdb --if-exists --no-password --maintenance-db=postgres "$scratch" # left by an interrupted restore
createdb --no-password --maintenance-db=postgres "$scratch"
started=$SECONDS
if ! pg_restore --no-password --dbname="$scratch" --single-transaction --exit-on-error --no-owner "$DIR/database.dump" 2> "$work/errors"; then
  sed 's/^/  /' "$work/errors" >&2
  die "pg_restore failed (above); $TARGET was not touched and the scratch database is dropped"
fi
say "database restored into $scratch in $((SECONDS - started)) s"
if [ "$exists" = 1 ]; then
  old="${TARGET}_old_$(date -u +%Y%m%d%H%M)"
  sql -1 -c "ALTER DATABASE \"$TARGET\" RENAME TO \"$old\"" -c "ALTER DATABASE \"$scratch\" RENAME TO \"$TARGET\""
  say "database $TARGET replaced; the previous one is kept as $old (drop it once the restore is checked)"
else
  sql -c "ALTER DATABASE \"$scratch\" RENAME TO \"$TARGET\""
  say "database $TARGET created"
fi
scratch=

# 4. the files, then what is left to the operator
if [ -f "$DIR/uploads.tar.gz" ] && $UPLOADS; then
  if [ -z "$UPLOADS_TO" ] && [ "${STORAGE_PROVIDER:-local}" != local ]; then
    say "uploads.tar.gz not extracted: STORAGE_PROVIDER=$STORAGE_PROVIDER (copy it into the bucket, or pass --uploads-to)"
  else
    dest=${UPLOADS_TO:-$(upload_dir)}
    mkdir -p "$dest"
    tar -xzf "$DIR/uploads.tar.gz" -C "$dest" --skip-old-files
    say "uploads extracted into $dest/blobs ($(tar -tzf "$DIR/uploads.tar.gz" | grep -vc '/$') files)"
  fi
fi
if [ -f "$DIR/config.tar.gz" ]; then
  say "domain configuration of the backup: tar -xzf $FROM/config.tar.gz (server-config/ and the password alias names;"
  say "  set their values again and run server-config/provision.sh)"
fi
say "done: point DATABASE_URL at database $TARGET (if it is not already) and start the server"
