#!/usr/bin/env bash
# The operations procedures, run for real on this machine (after ./mvnw install or verify built the EAR):
#
#   server-config/test/ops-test.sh
#
# 1. Alert rules: promtool checks the Prometheus configuration and rules and runs their unit tests (every alert
#    fires on sample series).
# 2. Readiness during a deploy: a domain of its own (OPS_TEST_PORTBASE, default 21000: admin 21048, HTTP 21080)
#    deploys the EAR while /health/ready and the API are polled; /health/ready must never answer 200 while the API
#    answers 404 (or anything but 200 afterwards), before, during and after the deploy.
# 3. Backup round trip: a database seeded with the demo school (OPS_TEST_DB, default project_spark_opstest) and a few
#    uploaded files; a full backup taken while the server runs; a restore into a fresh database; row counts and a
#    checksum of every table compared; the server restarted on the restored database, where a student's dashboard
#    (XP, level, streak, badges, progress) answers exactly as before; then a corrupted backup is refused, with
#    nothing restored.
# 4. PostgreSQL least privilege: server-config/test/roles-test.sh (roles.sql, migration as the owner, the application
#    role's DML allowed and DDL refused).
# 5. Blue-green deploys, rollback and a zero-downtime schema change: server-config/test/deploy-test.sh (two domains
#    and nginx of their own; see there), under a load through nginx that must see only 2xx answers.
# Leaves the domain stopped and drops its databases (OPS_TEST_KEEP=1 keeps them for a look).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

PORTBASE=${OPS_TEST_PORTBASE:-21000}
DB=${OPS_TEST_DB:-project_spark_opstest}
DOMAIN=spark-opstest
ADMIN_PORT=$((PORTBASE + 48)); HTTP=http://localhost:$((PORTBASE + 80))
ASADMIN="$ROOT/build/payara6/bin/asadmin"
A=("$ASADMIN" --port "$ADMIN_PORT" --interactive=false)
PG=(psql -XAtq -h localhost -U postgres -v ON_ERROR_STOP=1)
export PGOPTIONS="-c client_min_messages=warning"
WORK=$(mktemp -d)
STARTED=$SECONDS
step() { echo; echo "ops-test [$((SECONDS - STARTED)) s]: $*"; }
fail() { echo "ops-test: FAILED: $*" >&2; exit 1; }

[ -f spark-ear/target/spark-ear.ear ] || fail "spark-ear/target/spark-ear.ear is missing: run ./mvnw install (or verify) first"
command -v promtool >/dev/null || fail "promtool is missing: apt-get install -y prometheus"

cleanup() {
  local rc=$?
  if [ -x "$ASADMIN" ] && "$ASADMIN" list-domains 2>/dev/null | grep -q "^$DOMAIN running"; then
    "${A[@]}" undeploy spark >/dev/null 2>&1 || true
    "${A[@]}" stop-domain "$DOMAIN" >/dev/null 2>&1 || true
  fi
  [ -n "${WATCH_PID:-}" ] && kill "$WATCH_PID" 2>/dev/null || true
  if [ "${OPS_TEST_KEEP:-0}" != 1 ]; then
    for d in "$DB" "${DB}_restored" "${DB}_corrupt" "${DB}_corrupt_restoring"; do
      dropdb -h localhost -U postgres --if-exists "$d" 2>/dev/null || true
    done
    rm -rf "$WORK"
  else
    echo "ops-test: kept databases $DB, ${DB}_restored and $WORK"
  fi
  [ $rc = 0 ] && echo "ops-test: all passed in $((SECONDS - STARTED)) s"
}
trap cleanup EXIT

# --- 1. alert rules ------------------------------------------------------------------------------------------
step "promtool: configuration, rules and their unit tests"
promtool check config server-config/prometheus/prometheus.yml
promtool check rules server-config/prometheus/rules/*.yml
(cd server-config/prometheus && promtool test rules tests/*.yml)

# --- 4. PostgreSQL least privilege (no domain needed) ------------------------------------------------------------
step "PostgreSQL roles: owner migrates, application role has DML only"
ROLES_TEST_DB=${DB}_roles server-config/test/roles-test.sh

# --- seed ---------------------------------------------------------------------------------------------------
step "seeding $DB with the demo school, and uploaded files in $WORK/uploads"
for d in "$DB" "${DB}_restored" "${DB}_corrupt" "${DB}_corrupt_restoring"; do dropdb -h localhost -U postgres --if-exists "$d"; done
export DATABASE_URL=postgresql://postgres@localhost:5432/$DB SPARK_ENV=development DEMO_DATA=true
export UPLOAD_DIR=$WORK/uploads STORAGE_PROVIDER=local
# no Redis: every answer below comes from PostgreSQL, never from a cache filled from the other database
export REDIS_URL=redis://127.0.0.1:1 MAINTENANCE_TIMERS_ENABLED=false
export DATA_GRID_INTERFACE=127.0.0.1 DATA_GRID_NAME=$DOMAIN SPARK_HEAP=${SPARK_HEAP:-768m}
java -Dliquibase.showBanner=false -cp "liquibase/target/spark-liquibase.jar:liquibase/target/migrator-lib/*" \
  org.projectspark.platform.migration.MigrateCommand
for i in 1 2 3; do
  head -c $((4096 * i)) /dev/urandom > "$WORK/blob"
  sum=$(sha256sum "$WORK/blob" | cut -d' ' -f1)
  mkdir -p "$UPLOAD_DIR/blobs/${sum:0:2}/${sum:2:2}"; mv "$WORK/blob" "$UPLOAD_DIR/blobs/${sum:0:2}/${sum:2:2}/$sum"
done
mkdir -p "$UPLOAD_DIR/partial/unfinished" "$UPLOAD_DIR/tmp"; echo part > "$UPLOAD_DIR/partial/unfinished/0"

# --- 2. readiness while deploying -------------------------------------------------------------------------------
# Polls /health/ready, then the API: once ready has answered 200 the API must answer (monotonic while deploying),
# so "ready 200, then API 404" is the failure a balancer would meet.
watch_readiness() { # log
  while :; do
    r=$(curl -s -o /dev/null -w '%{http_code}' --max-time 15 "$HTTP/health/ready" || true)
    a=$(curl -s -o /dev/null -w '%{http_code}' --max-time 15 "$HTTP/api/v1/health" || true)
    echo "$r $a" >> "$1"
    sleep 0.1
  done
}
deploy_watched() { # name of the phase
  local log="$WORK/readiness-$1.log"; : > "$log"
  watch_readiness "$log" & WATCH_PID=$!
  sleep 1 # a few answers from before the deploy (the domain as an undeploy left it)
  "${A[@]}" deploy --name spark spark-ear/target/spark-ear.ear >/dev/null || fail "deployment failed (see the domain's server.log)"
  # until the watcher itself has seen the server ready (a loaded machine answers the first requests slowly)
  for _ in $(seq 1 180); do grep -q '^200 200$' "$log" && break; sleep 1; done
  kill "$WATCH_PID"; wait "$WATCH_PID" 2>/dev/null || true; WATCH_PID=
  local bad; bad=$(awk '$1 == 200 && $2 != 200' "$log" | sort | uniq -c || true)
  echo "  $1: $(wc -l < "$log") polls; (ready, API) answers seen: $(sort "$log" | uniq -c | awk '{printf "%s=%s ", $2"/"$3, $1}')"
  [ -z "$bad" ] || fail "/health/ready answered 200 while the API did not: $bad"
  grep -q '^200 200$' "$log" || fail "the server never became ready"
  grep -q '^503 \|^404 ' "$log" || fail "no answer from before the application was ready was seen: the check proved nothing"
}

step "provisioning domain $DOMAIN (portbase $PORTBASE) on $DB"
if [ -x "$ASADMIN" ] && "$ASADMIN" list-domains 2>/dev/null | grep -q "^$DOMAIN running"; then "${A[@]}" undeploy spark >/dev/null 2>&1 || true; fi
server-config/provision.sh --domain "$DOMAIN" --portbase "$PORTBASE" | grep -v '^provision.*:   '
"${A[@]}" list-applications 2>/dev/null | grep -q '^spark ' && "${A[@]}" undeploy spark >/dev/null
step "deploying while watching /health/ready"
deploy_watched first

login() { curl -fsS -X POST "$HTTP/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"demo-student-03","password":"learn-with-spark"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'; }
dashboard() { curl -fsS "$HTTP/api/v1/me/dashboard" -H "Authorization: Bearer $1"; }
token=$(login) || fail "demo-student-03 cannot sign in"
dashboard "$token" > "$WORK/dashboard-before.json"
grep -q '"xp":[1-9]' "$WORK/dashboard-before.json" || fail "the seeded student has no XP: $(cat "$WORK/dashboard-before.json")"

# --- 3. backup, restore, compare ---------------------------------------------------------------------------------
step "full backup while the server runs"
export SPARK_DOMAIN=$DOMAIN ADMIN_PORT
backup=$(server-config/backup/backup.sh --full --to "$WORK/backups" | tail -1)
cat "$backup/manifest.json"
"${A[@]}" undeploy spark >/dev/null # no more writes to $DB

step "restore into a fresh database ${DB}_restored (uploads into $WORK/restored-uploads)"
server-config/backup/restore.sh "$backup" --database "${DB}_restored" --uploads-to "$WORK/restored-uploads"

step "row counts and a checksum of every table"
table_sums() { # database -> "table rows md5" lines
  local tables t
  tables=$("${PG[@]}" -d "$1" -c "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
  for t in $tables; do
    "${PG[@]}" -d "$1" -c "SELECT '$t', count(*), md5(coalesce(string_agg(r::text, E'\n' ORDER BY r::text), '')) FROM $t r"
  done
}
table_sums "$DB" > "$WORK/sums-source"
table_sums "${DB}_restored" > "$WORK/sums-restored"
diff "$WORK/sums-source" "$WORK/sums-restored" || fail "the restored database differs from the source (above)"
echo "  $(wc -l < "$WORK/sums-source") tables, $(awk -F'|' '{n += $2} END {print n}' "$WORK/sums-source") rows: identical"
diff <(cd "$UPLOAD_DIR" && find blobs -type f -exec sha256sum {} + | sort) \
     <(cd "$WORK/restored-uploads" && find blobs -type f -exec sha256sum {} + | sort) || fail "restored uploads differ"
[ ! -e "$WORK/restored-uploads/partial" ] || fail "unfinished uploads (partial/) were backed up"
echo "  $(find "$WORK/restored-uploads/blobs" -type f | wc -l) uploaded files: identical"

step "the server on the restored database (deploy watched again: after an undeploy is where Payara's endpoint said UP)"
export DATABASE_URL=postgresql://postgres@localhost:5432/${DB}_restored UPLOAD_DIR=$WORK/restored-uploads
server-config/provision.sh --domain "$DOMAIN" --portbase "$PORTBASE" | grep -v '^provision.*:   '
deploy_watched restored
token=$(login) || fail "demo-student-03 cannot sign in on the restored database"
dashboard "$token" > "$WORK/dashboard-after.json"
diff <(tr ',' '\n' < "$WORK/dashboard-before.json") <(tr ',' '\n' < "$WORK/dashboard-after.json") \
  || fail "the student's dashboard differs after the restore (above)"
echo "  demo-student-03: $(grep -o '"xp":[0-9]*,"level":[0-9]*' "$WORK/dashboard-after.json"), streak, badges and progress identical"

step "a corrupted backup is refused and nothing is restored"
cp -r "$backup" "$WORK/corrupt"
size=$(stat -c %s "$WORK/corrupt/database.dump")
printf '\xff' | dd of="$WORK/corrupt/database.dump" bs=1 seek=$((size / 2)) conv=notrunc status=none
if server-config/backup/restore.sh "$WORK/corrupt" --database "${DB}_corrupt" 2> "$WORK/corrupt.err"; then
  fail "a corrupted backup was restored"
fi
cat "$WORK/corrupt.err"
grep -q 'refused: database.dump: its SHA-256 does not match' "$WORK/corrupt.err" || fail "the refusal does not say what is wrong"
left=$("${PG[@]}" -d postgres -c "SELECT string_agg(datname, ',') FROM pg_database WHERE datname LIKE '${DB}_corrupt%'")
[ -z "$left" ] || fail "a refused restore left databases behind: $left"
rm "$WORK/corrupt/manifest.json"
server-config/backup/restore.sh "$WORK/corrupt" --database "${DB}_corrupt" 2> "$WORK/corrupt.err" && fail "a backup without a manifest was restored"
grep -q 'no manifest.json' "$WORK/corrupt.err" || fail "the refusal of a backup without manifest does not say why"
echo "  refused: $(cat "$WORK/corrupt.err")"

# --- 5. blue-green deploys ---------------------------------------------------------------------------------------
step "blue-green deploys, rollback and a zero-downtime schema change (server-config/test/deploy-test.sh)"
# this domain is done: its memory and cores go to the two deploy domains
"${A[@]}" undeploy spark >/dev/null 2>&1 || true
"${A[@]}" stop-domain "$DOMAIN" >/dev/null
server-config/test/deploy-test.sh
