# Shared by backup.sh and restore.sh (sourced; ROOT is the checkout).

say() { echo "${0##*/}: $*"; }
die() { echo "${0##*/}: $*" >&2; exit 1; }

# DATABASE_URL -> libpq's environment (PGHOST ...), so that passwords never reach a command line or a process list
database_settings() {
  local cp="$ROOT/liquibase/target/spark-liquibase.jar:$ROOT/liquibase/target/migrator-lib/*" settings
  [ -f "$ROOT/liquibase/target/spark-liquibase.jar" ] || die "liquibase/target/spark-liquibase.jar is missing; run ./mvnw install first"
  settings=$(java -cp "$cp" org.projectspark.platform.migration.PoolSettingsCommand SPARK_DB \
    "${DATABASE_URL:-postgresql://postgres@localhost:5432/project_spark}") || die "DATABASE_URL is not usable"
  eval "$settings"
  export PGHOST=$SPARK_DB_HOST PGPORT=$SPARK_DB_PORT PGUSER=$SPARK_DB_USER PGDATABASE=$SPARK_DB_NAME
  if [ -n "$SPARK_DB_PASSWORD" ]; then export PGPASSWORD=$SPARK_DB_PASSWORD; fi
  if [ -n "$SPARK_DB_SSLMODE" ]; then export PGSSLMODE=$SPARK_DB_SSLMODE; fi
  export PGOPTIONS="-c client_min_messages=warning" # no NOTICE chatter from dropdb --if-exists and pg_restore
}

# UPLOAD_DIR as the server resolves it: relative paths are inside the domain's folder
upload_dir() {
  local dir=${UPLOAD_DIR:-uploads}
  case "$dir" in
    /*) echo "$dir" ;;
    *) echo "${PAYARA_HOME:-$ROOT/build/payara6}/glassfish/domains/${SPARK_DOMAIN:-spark}/$dir" ;;
  esac
}

# manifest.json: one line per file, so that restore.sh reads it without a JSON parser
write_manifest() { # dir kind stamp
  local dir=$1 kind=$2 stamp=$3 server first=true f
  server=$(psql -XAtc 'SHOW server_version' 2>/dev/null || echo unknown)
  {
    printf '{\n  "format": 1,\n  "kind": "%s",\n  "createdAt": "%s",\n' "$kind" "$stamp"
    printf '  "database": "%s",\n  "postgresql": "%s",\n  "pgDump": "%s",\n' \
      "$PGDATABASE" "$server" "$(pg_dump --version | awk '{print $3}')"
    printf '  "files": [\n'
    for f in "$dir"/*; do
      case "$(basename "$f")" in manifest.json|manifest.json.part) continue ;; esac
      $first || printf ',\n'; first=false
      printf '    {"name": "%s", "bytes": %s, "sha256": "%s"}' "$(basename "$f")" "$(stat -c %s "$f")" \
        "$(sha256sum "$f" | cut -d' ' -f1)"
    done
    printf '\n  ]\n}\n'
  } > "$dir/manifest.json.part"
  mv "$dir/manifest.json.part" "$dir/manifest.json"
}

# Every file the manifest names is there, with its size and SHA-256; prints "name bytes" per file checked.
verify_manifest() { # dir
  local dir=$1 line name bytes sum actual count=0
  [ -f "$dir/manifest.json" ] || { echo "no manifest.json in $dir: not a backup, or one that did not finish"; return 1; }
  grep -q '"database.dump"' "$dir/manifest.json" || { echo "the manifest names no database.dump"; return 1; }
  while IFS= read -r line; do
    name=$(sed -E 's/.*"name": "([^"]+)".*/\1/' <<< "$line")
    bytes=$(sed -E 's/.*"bytes": ([0-9]+).*/\1/' <<< "$line")
    sum=$(sed -E 's/.*"sha256": "([0-9a-f]{64})".*/\1/' <<< "$line")
    [[ "$name" =~ ^[A-Za-z0-9._-]+$ ]] || { echo "the manifest names an unexpected file '$name'"; return 1; }
    [ -f "$dir/$name" ] || { echo "$name is missing"; return 1; }
    actual=$(stat -c %s "$dir/$name")
    [ "$actual" = "$bytes" ] || { echo "$name has $actual bytes, the manifest says $bytes"; return 1; }
    actual=$(sha256sum "$dir/$name" | cut -d' ' -f1)
    [ "$actual" = "$sum" ] || { echo "$name: its SHA-256 does not match the manifest's"; return 1; }
    count=$((count + 1))
  done < <(grep '"sha256"' "$dir/manifest.json")
  [ "$count" -gt 0 ] || { echo "the manifest lists no files"; return 1; }
}

# Deletes backup folders (named by their UTC stamp) older than the given days, always keeping the newest.
prune() { # kind-dir days
  local parent=$1 days=$2 newest cutoff d stamp
  [ -d "$parent" ] || return 0
  newest=$(ls -1 "$parent" | grep -E '^[0-9]{8}T[0-9]{6}Z$' | sort | tail -1)
  cutoff=$(date -u -d "-$days days" +%Y%m%dT%H%M%SZ)
  for d in "$parent"/*; do
    stamp=$(basename "$d")
    [[ "$stamp" =~ ^[0-9]{8}T[0-9]{6}Z$ ]] || continue
    if [[ "$stamp" < "$cutoff" && "$stamp" != "$newest" ]]; then
      rm -rf "$d"; say "deleted $d (older than $days days)"
    fi
  done
}
