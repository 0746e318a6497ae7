#!/usr/bin/env bash
# Blue-green deploys, rollback and a zero-downtime schema change, run for real (section 4 of ops-test.sh; runs alone
# after ./mvnw install):
#
#   server-config/test/deploy-test.sh
#
# Two domains of their own behind nginx (OPS_TEST_DEPLOY_PORTBASE, default 32000: blue at +0, green at +200, nginx at
# +500) on a database of their own (OPS_TEST_DEPLOY_DB, default project_spark_deploy_test; Redis database
# OPS_TEST_DEPLOY_REDIS_URL, default redis://localhost:6379/7). While two clients keep sending GETs and an idempotent
# PUT through nginx, and none of them may get anything but a 2xx:
#   1. ./spark deploy of release 1 (blue), then of release 2 (green): nginx switched, blue kept running
#   2. ./spark rollback to blue and again to green: nginx switched back and forth
#   3. the next release's changesets (server-config/test/next-release: the real changelog plus an expand-only
#      changeset) applied with the migrator under the running release, which still signs in, grades a quiz and
#      registers a device
#   4. ./spark deploy of a broken release (release 1 with a changeset that fails, so its start-up refuses): rolled
#      back by itself, its domain stopped, nginx still on green
# Leaves nginx and both domains stopped and drops the database (OPS_TEST_KEEP=1 keeps it).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

BASE=${OPS_TEST_DEPLOY_PORTBASE:-32000}
DB=${OPS_TEST_DEPLOY_DB:-project_spark_deploy_test}
export DEPLOY_NAME=spark-deploytest BLUE_PORTBASE=$BASE GREEN_PORTBASE=$((BASE + 200)) NGINX_PORT=$((BASE + 500))
# generous: a shared CI machine may deploy slowly; the rollback below comes from a failed start, not from a timeout
export DEPLOY_READY_TIMEOUT=${DEPLOY_READY_TIMEOUT:-600}
NGINX=http://127.0.0.1:$NGINX_PORT
WORK=$(mktemp -d)
STARTED=$SECONDS
step() { echo; echo "deploy-test [$((SECONDS - STARTED)) s]: $*"; }
fail() { echo "deploy-test: FAILED: $*" >&2; exit 1; }

[ -f spark-ear/target/spark-ear.ear ] || fail "spark-ear/target/spark-ear.ear is missing: run ./mvnw install (or verify) first"

export DATABASE_URL=postgresql://postgres@localhost:5432/$DB SPARK_ENV=development DEMO_DATA=true
export REDIS_URL=${OPS_TEST_DEPLOY_REDIS_URL:-redis://localhost:6379/7}
export UPLOAD_DIR=$WORK/uploads STORAGE_PROVIDER=local MAINTENANCE_TIMERS_ENABLED=false
export TRUSTED_PROXIES=127.0.0.1,0:0:0:0:0:0:0:1,::1
# the load below is one student's: the per-user API limit would answer it 429
export RATE_LIMIT_MAX=100000000
export SPARK_HEAP=${SPARK_HEAP:-640m}
export DATA_GRID_NAME=$DEPLOY_NAME DATA_GRID_INTERFACE=127.0.0.1
unset DATABASE_READ_URL

cleanup() {
  local rc=$?
  touch "$WORK/stop-load"
  for pid in ${LOAD_PIDS:-}; do kill "$pid" 2>/dev/null || true; done
  server-config/deploy.sh down >/dev/null 2>&1 || true
  if [ "${OPS_TEST_KEEP:-0}" != 1 ]; then
    dropdb -h localhost -U postgres --if-exists "$DB" 2>/dev/null || true
    rm -rf "$WORK"
  else
    echo "deploy-test: kept database $DB and $WORK"
  fi
  [ $rc = 0 ] && echo "deploy-test: all passed in $((SECONDS - STARTED)) s"
}
trap cleanup EXIT

step "three releases: 1 (the built EAR), 2 (the same with one more file), broken (1 with a changeset that fails)"
server-config/deploy.sh down >/dev/null 2>&1 || true
rm -rf "build/deploy-$DEPLOY_NAME"
dropdb -h localhost -U postgres --if-exists "$DB"
# boards, caches and limits left by an earlier run belong to a dropped database
redis-cli -u "$REDIS_URL" --scan --pattern 'spark*' | xargs -r -n 100 redis-cli -u "$REDIS_URL" unlink >/dev/null || true
cp spark-ear/target/spark-ear.ear "$WORK/release-1.ear"
cp "$WORK/release-1.ear" "$WORK/release-2.ear"
mkdir -p "$WORK/r2/META-INF" && echo "release 2" > "$WORK/r2/META-INF/spark-release.txt"
jar uf "$WORK/release-2.ear" -C "$WORK/r2" META-INF/spark-release.txt
cp "$WORK/release-1.ear" "$WORK/broken.ear"
mkdir -p "$WORK/broken/cl"
lbjar=$(unzip -Z1 "$WORK/broken.ear" | grep '^lib/.*spark-liquibase.*\.jar$')
(cd "$WORK/broken" && unzip -q "$WORK/broken.ear" "$lbjar" && cd cl && unzip -q "../$lbjar" db/changelog/db.changelog-master.xml)
sed -i 's#</databaseChangeLog>#    <include file="changes/broken-release.sql" relativeToChangelogFile="true"/>\n</databaseChangeLog>#' \
  "$WORK/broken/cl/db/changelog/db.changelog-master.xml"
mkdir -p "$WORK/broken/cl/db/changelog/changes"
printf -- '--liquibase formatted sql\n\n--changeset spark-test:broken-release\nSELECT spark_no_such_function();\n' \
  > "$WORK/broken/cl/db/changelog/changes/broken-release.sql"
jar uf "$WORK/broken/$lbjar" -C "$WORK/broken/cl" db
(cd "$WORK/broken" && jar uf "$WORK/broken.ear" "$lbjar")
for r in release-1 release-2 broken; do echo "  $r.ear: sha256 $(sha256sum "$WORK/$r.ear" | cut -c1-12)"; done

live_colour() { curl -fsS --max-time 10 "$NGINX/api/v1/health" | grep -o '"environment":"[a-z]*"' | cut -d'"' -f4; }
direct_ready() { curl -fs -o /dev/null --max-time 5 "http://127.0.0.1:$(($1 + 80))/health/ready"; }
timed() { local t=$SECONDS; "$@"; echo "  ($((SECONDS - t)) s)"; }

# --- 1. release 1, then release 2 under load ------------------------------------------------------------------------
step "./spark deploy release-1.ear (the first: blue, nginx started)"
timed ./spark deploy "$WORK/release-1.ear"
[ "$(live_colour)" = blue ] || fail "nginx does not send requests to blue"

login() { curl -fsS -X POST "$NGINX/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$1\",\"password\":\"learn-with-spark\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'; }
token=$(login demo-student-03) || fail "demo-student-03 cannot sign in through nginx"
device=$(cat /proc/sys/kernel/random/uuid)

# one client: "status request colour" lines; GETs of the health document (which names the colour), the dashboard and
# the course list, and an idempotent PUT (the device registered again)
load() { # log
  local i=0 code body="$WORK/body.$BASHPID"
  while [ ! -f "$WORK/stop-load" ]; do
    case $((i % 4)) in
      0) code=$(curl -s -o "$body" -w '%{http_code}' --max-time 30 "$NGINX/api/v1/health" || true)
         echo "$code GET-health $(grep -o '"environment":"[a-z]*"' "$body" | cut -d'"' -f4)" ;;
      1) code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$NGINX/api/v1/me/dashboard" -H "Authorization: Bearer $token" || true)
         echo "$code GET-dashboard" ;;
      2) code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$NGINX/api/v1/courses?limit=5" -H "Authorization: Bearer $token" || true)
         echo "$code GET-courses" ;;
      3) code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -X PUT "$NGINX/api/v1/sync/devices/$device" \
           -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"label":"deploy-test"}' || true)
         echo "$code PUT-device" ;;
    esac >> "$1"
    i=$((i + 1))
  done
}
rm -f "$WORK/stop-load"
LOAD_PIDS=
for n in 1 2; do load "$WORK/load-$n.log" & LOAD_PIDS="$LOAD_PIDS $!"; done
sleep 3
[ -s "$WORK/load-1.log" ] || fail "the load clients sent nothing"
bad=$(cat "$WORK"/load-*.log | grep -cv '^2' || true)
[ "$bad" = 0 ] || fail "requests failed before any deploy: $(grep -v '^2' "$WORK"/load-*.log | sort | uniq -c | head)"

step "./spark deploy release-2.ear (to green, while the load runs)"
timed ./spark deploy "$WORK/release-2.ear"
[ "$(live_colour)" = green ] || fail "nginx does not send requests to green after the deploy"
direct_ready "$BLUE_PORTBASE" || fail "blue (the previous release) is not kept running"
./spark deploy status

# --- 2. manual rollback, and forward again ---------------------------------------------------------------------------
step "./spark rollback (to blue, release 1), then ./spark rollback again (to green, release 2)"
timed ./spark rollback
[ "$(live_colour)" = blue ] || fail "nginx does not send requests to blue after the rollback"
timed ./spark rollback
[ "$(live_colour)" = green ] || fail "nginx does not send requests to green after rolling forward"

# --- 3. the next release's changesets under the running release ------------------------------------------------------
step "the next release's changesets (expand only) applied under the running release"
java -Dliquibase.showBanner=false -Dliquibase.showSummary=OFF -Dliquibase.showSummaryOutput=LOG -cp "server-config/test/next-release:liquibase/target/spark-liquibase.jar:liquibase/target/migrator-lib/*" \
  org.projectspark.platform.migration.MigrateCommand --changelog db.changelog-next.xml
PG=(psql -XAtq -h localhost -U postgres -d "$DB" -v ON_ERROR_STOP=1)
[ "$("${PG[@]}" -c "SELECT count(*) FROM databasechangelog WHERE id = 'next-expand'")" = 1 ] || fail "the expand changeset was not applied"
[ "$("${PG[@]}" -c "SELECT count(*) FROM information_schema.columns WHERE table_name = 'submissions' AND column_name = 'hints_used'")" = 1 ] \
  || fail "submissions.hints_used is missing"
echo "  applied: $("${PG[@]}" -c "SELECT string_agg(id, ', ' ORDER BY orderexecuted) FROM databasechangelog WHERE author = 'spark-next'")"
echo "  the real changesets were not applied again: $("${PG[@]}" -c "SELECT count(*) FROM databasechangelog") rows, $("${PG[@]}" -c "SELECT count(DISTINCT id) FROM databasechangelog") ids"
token2=$(login demo-student-05) || fail "a student cannot sign in after the expand changeset"
answer=$(curl -fsS -X POST "$NGINX/api/v1/activities/5c400013-0000-4000-8000-000000001112/submissions" \
  -H "Authorization: Bearer $token2" -H 'Content-Type: application/json' \
  -d "{\"clientSubmissionId\":\"$(cat /proc/sys/kernel/random/uuid)\",\"answers\":[]}") || fail "a quiz submission failed after the expand changeset"
grep -q '"submissionId"' <<< "$answer" || fail "the quiz submission did not answer a graded attempt: $answer"
curl -fsS -o /dev/null -X PUT "$NGINX/api/v1/sync/devices/$(cat /proc/sys/kernel/random/uuid)" -H "Authorization: Bearer $token2" \
  -H 'Content-Type: application/json' -d '{"label":"after-expand"}' || fail "registering a device failed after the expand changeset"
echo "  release 2 still serves: sign-in, a quiz graded ($(grep -o '"score":[0-9.]*' <<< "$answer")), a device registered"

# --- 4. a broken release rolls back by itself -------------------------------------------------------------------------
step "./spark deploy broken.ear (to blue): its start-up refuses, the script rolls back by itself"
t=$SECONDS
if ./spark deploy "$WORK/broken.ear" > "$WORK/broken.out" 2>&1; then cat "$WORK/broken.out"; fail "the broken release was reported deployed"; fi
cat "$WORK/broken.out"
echo "  ($((SECONDS - t)) s)"
grep -q 'rolled back' "$WORK/broken.out" || fail "the script did not say it rolled back"
grep -q 'Database migration failed' "$WORK/broken.out" || fail "the script did not say why the release failed"
[ "$(live_colour)" = green ] || fail "nginx left green during the failed deploy"
if direct_ready "$BLUE_PORTBASE"; then fail "the broken release's domain still answers"; fi
"$ROOT/build/payara6/bin/asadmin" list-domains | grep -q "^$DEPLOY_NAME-blue not running" || fail "the broken release's domain was not stopped"
./spark deploy status

# --- the load: not one request failed -----------------------------------------------------------------------------------
touch "$WORK/stop-load"
for pid in $LOAD_PIDS; do wait "$pid" 2>/dev/null || true; done
LOAD_PIDS=
cat "$WORK"/load-*.log > "$WORK/load.log"
total=$(wc -l < "$WORK/load.log")
echo "  through nginx: $total requests; $(awk '{print $1" "$2}' "$WORK/load.log" | sort | uniq -c | awk '{printf "%s %s=%s, ", $3, $2, $1}')"
echo "  health documents answered by: $(awk '$2 == "GET-health" {print $3}' "$WORK/load.log" | uniq -c | awk '{printf "%s x%s -> ", $2, $1}')end"
bad=$(grep -cv '^2' "$WORK/load.log" || true)
[ "$bad" = 0 ] || fail "$bad of $total requests through nginx did not answer 2xx: $(grep -v '^2' "$WORK/load.log" | sort | uniq -c)"
[ "$total" -gt 100 ] || fail "too few requests ($total) to show anything"
